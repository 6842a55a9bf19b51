using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Conductor.Rego.Builtins;
using Conductor.Rego.Compilation;
using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>
/// Top-down evaluation with backtracking, in continuation-passing style: each expression calls its
/// continuation once per solution; a continuation returns true to stop the enumeration early.
/// Variables live in per-rule frames (arrays of slots); bindings are undone from a trail on backtracking.
/// One evaluator serves one query evaluation and is not shared between threads.
/// </summary>
internal sealed partial class Evaluator : IRuleMetadataSource
{
    private readonly Annotations.AnnotationIndex? _annotations;

    /// <summary>rego.metadata.rule(): the annotations of the rule being evaluated; {} outside any rule.</summary>
    public Value RuleMetadata() => _currentRule is null || _annotations is null ? ObjectValue.Empty : _annotations.RuleMetadata(_currentRule);

    /// <summary>rego.metadata.chain(): from the rule being evaluated outwards; [] outside any rule.</summary>
    public Value MetadataChain() => _currentRule is null || _annotations is null ? ArrayValue.Empty : _annotations.Chain(_currentRule);

    private readonly RuleNode _root;
    private readonly EvaluationOptions _options;
    private readonly BuiltinContext _builtins;
    private readonly Value _baseData;
    private Value? _input;
    private Dictionary<RuleNode, Value?> _memo = [];
    private List<(string[] Path, Value Value)>? _dataOverrides;
    private Value? _effectiveData;
    private Dictionary<string, FunctionOverride>? _functionOverrides;

    // A struct array: storing into it needs no covariant array-store check (which dominated tight loops).
    private TrailEntry[] _trail = new TrailEntry[16];
    private int _trailCount;

    private int _depth;
    private int _steps;
    private readonly long _deadline;
    private readonly CancellationToken _cancel;
    private Value?[]? _exprValues;
    private readonly Action<SourceLocation>? _coverage;

    private Syntax.Rule? _currentRule;

    /// <summary>Marks an input ref found undefined in <see cref="_inputCache"/>.</summary>
    private static readonly Value Undefined = new StringValue("\u0000undefined");

    private Value?[] _inputCache;

    public Evaluator(RuleNode root, EvaluationOptions options, Annotations.AnnotationIndex? annotations = null, int inputCacheSlots = 0)
    {
        _inputCache = new Value?[inputCacheSlots];
        _root = root;
        _options = options;
        _builtins = new BuiltinContext(options);
        if (annotations is not null)
        {
            _annotations = annotations;
            _builtins.MetadataSource = this;
        }
        _baseData = options.Data ?? ObjectValue.Empty;
        _input = options.Input;
        _coverage = options.Coverage;
        _cancel = options.Cancellation;
        _deadline = options.Timeout is { } t ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
    }

    // ------------------------------------------------------------------ queries

    public QueryResult EvaluateQuery(CompiledQuery query)
    {
        var frame = new Slot[query.FrameSize];
        var rows = new List<QueryResultRow>();
        _exprValues = new Value?[query.ExprCount];
        try
        {
            EvalBody(query.Body.Exprs, 0, frame, () =>
            {
                var exprs = new Value[query.ExprCount];
                for (var i = 0; i < exprs.Length; i++) exprs[i] = _exprValues[i] ?? BooleanValue.True;
                var bindings = new Dictionary<string, Value>(StringComparer.Ordinal);
                foreach (var v in query.Vars)
                {
                    if (frame[v.Slot].Value is { } b) bindings[v.Name] = b;
                }
                rows.Add(new QueryResultRow(exprs, bindings));
                return false;
            });
        }
        catch (InsufficientExecutionStackException)
        {
            throw new RegoException(RegoErrorCodes.DepthLimitError, "evaluation exceeded the stack depth limit");
        }
        return new QueryResult(rows);
    }

    // ------------------------------------------------------------------ bookkeeping

    private void Bind(Slot[] frame, int slot, Value value)
    {
        if (_trailCount == _trail.Length) Array.Resize(ref _trail, _trailCount * 2);
        frame[slot].Value = value;
        _trail[_trailCount++] = new TrailEntry(frame, slot);
    }

    private void Undo(int mark)
    {
        while (_trailCount > mark)
        {
            ref var entry = ref _trail[--_trailCount];
            entry.Frame[entry.Slot].Value = null;
            entry = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Tick()
    {
        if ((++_steps & 255) != 0) return;
        CheckLimits();
    }

    private void CheckLimits()
    {
        if (_cancel.IsCancellationRequested)
            throw new RegoException(RegoErrorCodes.CancelError, "caller cancelled query execution");
        if (Stopwatch.GetTimestamp() > _deadline)
            throw new RegoException(RegoErrorCodes.CancelError, "caller cancelled query execution");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new RegoException(RegoErrorCodes.DepthLimitError, "evaluation exceeded the stack depth limit");
    }

    private void Enter(SourceLocation location)
    {
        if (++_depth > _options.MaxDepth)
            throw new RegoException(RegoErrorCodes.DepthLimitError, $"evaluation exceeded the depth limit of {_options.MaxDepth}", location);
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new RegoException(RegoErrorCodes.DepthLimitError, "evaluation exceeded the stack depth limit", location);
    }

    private void Leave() => _depth--;

    private static RegoException Conflict(string message, SourceLocation location) =>
        new(RegoErrorCodes.ConflictError, message, location);

    // ------------------------------------------------------------------ bodies and expressions

    private bool EvalBody(CExpr[] exprs, int index, Slot[] frame, Func<bool> k)
    {
        while (true)
        {
            if (index == exprs.Length) return k();
            Tick();
            var e = exprs[index];
            _coverage?.Invoke(e.Source.Location);
            // A plain test with one value (no with, no not, no output variable) runs inline: no continuation.
            if (e is CTermExpr te && te.PlainTest && TryEval(te.Term, frame, out var value))
            {
                if (value is null || (value is BooleanValue { Value: false } && te.RecordIndex < 0)) return false;
                if (te.RecordIndex >= 0 && _exprValues is not null) _exprValues[te.RecordIndex] = value;
                index++;
                continue;
            }
            if (index + 1 == exprs.Length) return EvalExpr(e, frame, k);
            var next = index + 1;
            return EvalExpr(e, frame, () => EvalBody(exprs, next, frame, k));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EvalExpr(CExpr e, Slot[] frame, Func<bool> k)
    {
        if (e.With.Length > 0) return EvalWith(e, frame, k);
        return EvalExprNoWith(e, frame, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EvalExprNoWith(CExpr e, Slot[] frame, Func<bool> k)
    {
        if (e.Negated)
        {
            var mark = _trailCount;
            var found = EvalPositive(e, frame, static () => true);
            Undo(mark);
            return !found && k();
        }
        return EvalPositive(e, frame, k);
    }

    private bool EvalPositive(CExpr e, Slot[] frame, Func<bool> k)
    {
        switch (e)
        {
            case CTermExpr te:
                if (te.Term is CCall { Output: { } output } call)
                {
                    return EvalCall(call, frame, v => Unify(output, v, frame, k));
                }
                if (TryEval(te.Term, frame, out var value))
                {
                    // Top-level query expressions capture their value, false included (as OPA's query compiler does).
                    if (value is null || (value is BooleanValue { Value: false } && te.RecordIndex < 0)) return false;
                    if (te.RecordIndex >= 0 && _exprValues is not null) _exprValues[te.RecordIndex] = value;
                    return k();
                }
                return EvalTerm(te.Term, frame, v =>
                {
                    if (v is BooleanValue { Value: false } && te.RecordIndex < 0) return false;
                    if (te.RecordIndex >= 0 && _exprValues is not null) _exprValues[te.RecordIndex] = v;
                    return k();
                });
            case CUnify u:
                return EvalUnify(u, frame, k);
            case CSomeIn s:
                return EvalTerm(s.Collection, frame, coll => IterateSomeIn(s, coll, frame, k));
            case CEvery ev:
                return EvalEvery(ev, frame, k);
            case CNoop:
                return k();
        }
        throw new InvalidOperationException("unknown expression");
    }

    private bool IterateSomeIn(CSomeIn s, Value collection, Slot[] frame, Func<bool> k)
    {
        var withKey = s.Key is not null;
        if (!withKey && s.Value is CVar target && frame[target.Slot].Value is null && collection is ArrayValue array)
        {
            // The common `some x in xs`: bind and clear the slot directly (inner bindings undo themselves).
            var slot = target.Slot;
            try
            {
                for (var i = 0; i < array.Count; i++)
                {
                    frame[slot].Value = array[i];
                    if (k()) return true;
                }
                return false;
            }
            finally
            {
                frame[slot].Value = null;
            }
        }
        switch (collection)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (IterateOne(s, withKey ? NumberValue.Of(i) : null, a[i], frame, k)) return true;
                }
                return false;
            case ObjectValue o:
                for (var i = 0; i < o.Count; i++)
                {
                    if (IterateOne(s, o.KeyAt(i), o.ValueAt(i), frame, k)) return true;
                }
                return false;
            case SetValue set:
                foreach (var v in set.Sorted.ToArray())
                {
                    if (IterateOne(s, v, v, frame, k)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    private bool IterateOne(CSomeIn s, Value? key, Value value, Slot[] frame, Func<bool> k)
    {
        if (s.Key is null) return Unify(s.Value, value, frame, k);
        return Unify(s.Key, key!, frame, () => Unify(s.Value, value, frame, k));
    }

    private bool EvalEvery(CEvery ev, Slot[] frame, Func<bool> k)
    {
        if (!TryEval(ev.Domain, frame, out var domain))
            throw new RegoException(RegoErrorCodes.InternalError, "every domain is not ground", ev.Source.Location);
        if (domain is null) return false;
        foreach (var (key, value) in Entries(domain))
        {
            var mark = _trailCount;
            if (ev.Key is not null) Bind(frame, ev.Key.Slot, key);
            Bind(frame, ev.Value.Slot, value);
            var ok = EvalBody(ev.Body.Exprs, 0, frame, static () => true);
            Undo(mark);
            if (!ok) return false;
        }
        return k();
    }

    private static IEnumerable<(Value Key, Value Value)> Entries(Value collection)
    {
        switch (collection)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++) yield return (NumberValue.Of(i), a[i]);
                break;
            case ObjectValue o:
                for (var i = 0; i < o.Count; i++) yield return (o.KeyAt(i), o.ValueAt(i));
                break;
            case SetValue s:
                foreach (var v in s.Sorted.ToArray()) yield return (v, v);
                break;
        }
    }

    // ------------------------------------------------------------------ unification

    private bool EvalUnify(CUnify u, Slot[] frame, Func<bool> k)
    {
        if (CanEval(u.Right, frame))
        {
            if (TryEval(u.Right, frame, out var rv)) return rv is not null && Unify(u.Left, rv, frame, k);
            return EvalTerm(u.Right, frame, v => Unify(u.Left, v, frame, k));
        }
        if (!u.Assign && CanEval(u.Left, frame))
        {
            if (TryEval(u.Left, frame, out var lv)) return lv is not null && Unify(u.Right, lv, frame, k);
            return EvalTerm(u.Left, frame, v => Unify(u.Right, v, frame, k));
        }
        if (u.Left is CArray la && u.Right is CArray ra)
        {
            if (la.Items.Length != ra.Items.Length) return false;
            return UnifyPairs(la.Items, ra.Items, 0, frame, k);
        }
        if (u.Left is CObject lo && u.Right is CObject ro)
        {
            if (lo.Keys.Length != ro.Keys.Length) return false;
            var left = new CTerm[lo.Keys.Length];
            var right = new CTerm[lo.Keys.Length];
            for (var i = 0; i < lo.Keys.Length; i++)
            {
                if (!TryEval(lo.Keys[i], frame, out var key) || key is null) return false;
                var j = -1;
                for (var x = 0; x < ro.Keys.Length; x++)
                {
                    if (TryEval(ro.Keys[x], frame, out var rk) && key.Equals(rk)) j = x;
                }
                if (j < 0) return false;
                left[i] = lo.Values[i];
                right[i] = ro.Values[j];
            }
            return UnifyPairs(left, right, 0, frame, k);
        }
        throw new RegoException(RegoErrorCodes.InternalError, "cannot unify: both sides have unbound variables", u.Source.Location);
    }

    private bool UnifyPairs(CTerm[] left, CTerm[] right, int i, Slot[] frame, Func<bool> k)
    {
        if (i == left.Length) return k();
        var l = left[i];
        var r = right[i];
        if (CanEval(r, frame)) return EvalTerm(r, frame, v => Unify(l, v, frame, () => UnifyPairs(left, right, i + 1, frame, k)));
        if (CanEval(l, frame)) return EvalTerm(l, frame, v => Unify(r, v, frame, () => UnifyPairs(left, right, i + 1, frame, k)));
        if (l is CArray la && r is CArray ra && la.Items.Length == ra.Items.Length)
            return UnifyPairs(la.Items, ra.Items, 0, frame, () => UnifyPairs(left, right, i + 1, frame, k));
        // Try the later pairs first, then come back to this one.
        if (i + 1 < left.Length)
        {
            var restL = left[(i + 1)..].Append(l).ToArray();
            var restR = right[(i + 1)..].Append(r).ToArray();
            if (restL.Length > 1 && (CanEval(restL[0], frame) || CanEval(restR[0], frame)))
                return UnifyPairs(restL, restR, 0, frame, k);
        }
        throw new RegoException(RegoErrorCodes.InternalError, "cannot unify: both sides have unbound variables", l.Location);
    }

    /// <summary>Matches a pattern against a value, binding its unbound variables, then calls <paramref name="k"/>.</summary>
    private bool Unify(CTerm pattern, Value value, Slot[] frame, Func<bool> k)
    {
        switch (pattern)
        {
            case CVar v:
            {
                var current = frame[v.Slot].Value;
                if (current is not null) return current.Equals(value) && k();
                var mark = _trailCount;
                Bind(frame, v.Slot, value);
                var stop = k();
                Undo(mark);
                return stop;
            }
            case CConst c:
                return c.Value.Equals(value) && k();
            case CArray a:
                if (value is not ArrayValue av || av.Count != a.Items.Length) return false;
                return UnifyItems(a.Items, av, 0, frame, k);
            case CObject o:
            {
                if (value is not ObjectValue ov || ov.Count != o.Keys.Length) return false;
                var values = new Value[o.Keys.Length];
                for (var i = 0; i < o.Keys.Length; i++)
                {
                    if (!TryEval(o.Keys[i], frame, out var key) || key is null) return false;
                    var v = ov.Get(key);
                    if (v is null) return false;
                    values[i] = v;
                }
                return UnifyItems(o.Values, new ArrayValue(values), 0, frame, k);
            }
            default:
                if (TryEval(pattern, frame, out var pv)) return pv is not null && pv.Equals(value) && k();
                return EvalTerm(pattern, frame, x => x.Equals(value) && k());
        }
    }

    private bool UnifyItems(CTerm[] items, ArrayValue values, int i, Slot[] frame, Func<bool> k)
    {
        if (i == items.Length) return k();
        // Fast path: a run of plain variables and constants needs no continuation per item.
        if (i + 1 == items.Length) return Unify(items[i], values[i], frame, k);
        return Unify(items[i], values[i], frame, () => UnifyItems(items, values, i + 1, frame, k));
    }

    /// <summary>True when every variable the term reads is bound (ref iteration variables may be unbound).</summary>
    private static bool CanEval(CTerm t, Slot[] frame)
    {
        switch (t)
        {
            case CConst or CInput or CDataRoot or CComprehension:
                return true;
            case CVar v:
                return frame[v.Slot].Value is not null;
            case CRef r:
                if (!CanEval(r.Head, frame)) return false;
                foreach (var p in r.Path)
                {
                    if (p is CVar or CArray or CObject) continue;
                    if (!CanEval(p, frame)) return false;
                }
                return true;
            case CArray a:
                foreach (var i in a.Items) if (!CanEval(i, frame)) return false;
                return true;
            case CSet s:
                foreach (var i in s.Items) if (!CanEval(i, frame)) return false;
                return true;
            case CObject o:
                foreach (var i in o.Keys) if (!CanEval(i, frame)) return false;
                foreach (var i in o.Values) if (!CanEval(i, frame)) return false;
                return true;
            case CCall c:
                foreach (var i in c.Args) if (!CanEval(i, frame)) return false;
                return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ print

    private static string PrintText(Value? v) => v switch
    {
        null => "<undefined>",
        StringValue s => s.Value,
        _ => v.ToString(),
    };

    private bool EvalPrint(CCall call, Slot[] frame, Func<Value, bool> k)
    {
        var parts = new string[call.Args.Length];
        for (var i = 0; i < call.Args.Length; i++)
        {
            if (TryEval(call.Args[i], frame, out var v)) parts[i] = PrintText(v);
            else
            {
                // Arguments with unbound variables print each of their values, as a set.
                var values = new List<Value>();
                EvalTerm(call.Args[i], frame, x =>
                {
                    values.Add(x);
                    return false;
                });
                parts[i] = PrintText(new SetValue(values));
            }
        }
        _builtins.Location = call.Location;
        _builtins.Print(string.Join(" ", parts));
        return k(BooleanValue.True);
    }

}
