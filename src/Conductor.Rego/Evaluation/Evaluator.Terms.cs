using System.Runtime.CompilerServices;
using Conductor.Rego.Builtins;
using Conductor.Rego.Compilation;
using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Evaluates a term that has exactly one value (or none) without continuations. Returns false when the term
    /// needs iteration (an unbound variable in a ref) and must go through <see cref="EvalTerm"/>.
    /// </summary>
    private bool TryEval(CTerm t, Slot[] frame, out Value? value)
    {
        switch (t)
        {
            case CRef r:
                return TryEvalRef(r, frame, out value);
            case CConst c:
                value = c.Value;
                return true;
            case CVar v:
                value = frame[v.Slot].Value;
                return value is not null;
            case CCall call:
                return TryEvalCall(call, frame, out value);
            case CArray a:
            {
                var items = new Value[a.Items.Length];
                value = null;
                for (var i = 0; i < items.Length; i++)
                {
                    if (!TryEval(a.Items[i], frame, out var item)) return false;
                    if (item is null) return true;
                    items[i] = item;
                }
                value = new ArrayValue(items);
                return true;
            }
            case CSet s:
            {
                var items = new HashSet<Value>();
                value = null;
                foreach (var x in s.Items)
                {
                    if (!TryEval(x, frame, out var item)) return false;
                    if (item is null) return true;
                    items.Add(item);
                }
                value = new SetValue(items);
                return true;
            }
            case CObject o:
            {
                var b = new ObjectBuilder(o.Keys.Length);
                value = null;
                for (var i = 0; i < o.Keys.Length; i++)
                {
                    if (!TryEval(o.Keys[i], frame, out var key)) return false;
                    if (!TryEval(o.Values[i], frame, out var val)) return false;
                    if (key is null || val is null) return true;
                    b.Set(key, val);
                }
                value = b.Build();
                return true;
            }
            case CComprehension cc:
                value = EvalComprehension(cc, frame);
                return true;
            case CInput:
                value = _input;
                return true;
            case CDataRoot:
                value = NodeDocument(_root);
                return true;
        }
        throw new InvalidOperationException("unknown term");
    }

    /// <summary>Evaluates a term, calling <paramref name="k"/> for each of its values.</summary>
    private bool EvalTerm(CTerm t, Slot[] frame, Func<Value, bool> k)
    {
        if (TryEval(t, frame, out var value)) return value is not null && k(value);
        switch (t)
        {
            case CRef r:
                return EvalRef(r, frame, k);
            case CArray a:
                return EvalItems(a.Items, 0, new Value[a.Items.Length], frame, items => k(new ArrayValue((Value[])items.Clone())));
            case CSet s:
                return EvalItems(s.Items, 0, new Value[s.Items.Length], frame, items => k(new SetValue(items)));
            case CObject o:
            {
                var terms = o.Keys.Concat(o.Values).ToArray();
                return EvalItems(terms, 0, new Value[terms.Length], frame, items =>
                {
                    var b = new ObjectBuilder(o.Keys.Length);
                    for (var i = 0; i < o.Keys.Length; i++) b.Set(items[i], items[i + o.Keys.Length]);
                    return k(b.Build());
                });
            }
            case CCall call:
                return EvalCall(call, frame, k);
            case CVar v:
                throw new RegoException(RegoErrorCodes.InternalError, $"var {v.Name} is unbound", v.Location);
        }
        return false;
    }

    private bool EvalItems(CTerm[] terms, int i, Value[] values, Slot[] frame, Func<Value[], bool> k)
    {
        if (i == terms.Length) return k(values);
        return EvalTerm(terms[i], frame, v =>
        {
            values[i] = v;
            return EvalItems(terms, i + 1, values, frame, k);
        });
    }

    // ------------------------------------------------------------------ refs

    private bool TryEvalRef(CRef r, Slot[] frame, out Value? value)
    {
        var cacheSlot = r.InputCacheSlot;
        if (cacheSlot >= 0 && cacheSlot < _inputCache.Length)
        {
            var cached = _inputCache[cacheSlot];
            if (cached is null)
            {
                cached = _input;
                foreach (var p in r.Path)
                {
                    if (cached is null) break;
                    cached = Lookup(cached, ((CConst)p).Value);
                }
                _inputCache[cacheSlot] = cached ?? Undefined;
                value = cached;
                return true;
            }
            value = ReferenceEquals(cached, Undefined) ? null : cached;
            return true;
        }
        value = null;
        Value? current;
        var start = 0;
        switch (r.Head)
        {
            case CVar hv:
                current = frame[hv.Slot].Value;
                if (current is null) return false;
                break;
            case CInput:
                current = _input;
                break;
            case CDataRoot:
                return TryEvalDataRef(r, frame, out value);
            default:
                if (!TryEval(r.Head, frame, out current)) return false;
                break;
        }
        for (var i = start; i < r.Path.Length; i++)
        {
            if (current is null) return true;
            var p = r.Path[i];
            Value? key;
            if (p is CConst c) key = c.Value;
            else if (!TryEval(p, frame, out key)) return false;
            if (key is null) return true;
            current = Lookup(current, key);
        }
        value = current;
        return true;
    }

    private bool TryEvalDataRef(CRef r, Slot[] frame, out Value? value)
    {
        value = null;
        var keys = new Value[r.Path.Length];
        for (var j = 0; j < keys.Length; j++)
        {
            var p = r.Path[j];
            Value? key;
            if (p is CConst c) key = c.Value;
            else if (!TryEval(p, frame, out key)) return false;
            if (key is null) return true;
            keys[j] = key;
        }
        var current = DataAt(keys, keys.Length, out var used);
        for (var j = used; j < keys.Length; j++)
        {
            if (current is null) return true;
            current = Lookup(current, keys[j]);
        }
        value = current;
        return true;
    }

    /// <summary>
    /// Follows the first <paramref name="count"/> keys down the rule tree as far as they name rule nodes, then
    /// returns the document there (rules and base data merged); <paramref name="used"/> says how many keys it consumed.
    /// Keys that leave the rule tree at a node without rules read base data only, without evaluating siblings.
    /// </summary>
    private Value? DataAt(Value[] keys, int count, out int used)
    {
        var node = _root;
        used = 0;
        while (used < count && !node.HasValueRules && !IsOverridden(node))
        {
            var name = RuleNode.SegmentName(keys[used]);
            if (name is null) return null;
            if (node.Children.TryGetValue(name, out var child))
            {
                node = child;
                used++;
                continue;
            }
            // Off the rule tree: base data only, where numbers in the path name string keys (as OPA's storage paths).
            var current = BaseDataAt(node.Path, name);
            used++;
            while (used < count && current is ObjectValue o && RuleNode.SegmentName(keys[used]) is { } next)
            {
                current = o.Get(next);
                used++;
            }
            return current;
        }
        return node.IsFunction && !node.HasValueRules ? null : NodeDocument(node);
    }

    private bool EvalRef(CRef r, Slot[] frame, Func<Value, bool> k)
    {
        switch (r.Head)
        {
            case CInput:
                return _input is not null && Walk(_input, r.Path, 0, frame, k);
            case CDataRoot:
                return EvalDataRef(r, frame, k);
            case CVar hv:
                var head = frame[hv.Slot].Value;
                if (head is null) throw new RegoException(RegoErrorCodes.InternalError, $"var {hv.Name} is unbound", hv.Location);
                return Walk(head, r.Path, 0, frame, k);
            default:
                return EvalTerm(r.Head, frame, hv2 => Walk(hv2, r.Path, 0, frame, k));
        }
    }

    private bool EvalDataRef(CRef r, Slot[] frame, Func<Value, bool> k)
    {
        // Leading keys that are known now: constants and bound variables.
        var known = new List<Value>();
        foreach (var p in r.Path)
        {
            if (p is CConst c) known.Add(c.Value);
            else if (p is CVar v && frame[v.Slot].Value is { } b) known.Add(b);
            else break;
        }
        var doc = DataAt(known.ToArray(), known.Count, out var used);
        return doc is not null && Walk(doc, r.Path, used, frame, k);
    }

    /// <summary>Follows a ref path through a value, iterating where a path element is an unbound variable or pattern.</summary>
    private bool Walk(Value current, CTerm[] path, int i, Slot[] frame, Func<Value, bool> k)
    {
        while (true)
        {
            if (i == path.Length) return k(current);
            var p = path[i];
            if (p is CConst c)
            {
                var next = Lookup(current, c.Value);
                if (next is null) return false;
                current = next;
                i++;
                continue;
            }
            if (p is CVar v && frame[v.Slot].Value is { } bound)
            {
                var next = Lookup(current, bound);
                if (next is null) return false;
                current = next;
                i++;
                continue;
            }
            if (p is CVar iter)
            {
                return IterateWalk(current, iter, path, i, frame, k);
            }
            if (p is CArray or CObject && !CanEval(p, frame))
            {
                var idx = i;
                foreach (var (key, value) in Entries(current).ToArray())
                {
                    if (Unify(p, key, frame, () => Walk(value, path, idx + 1, frame, k))) return true;
                }
                return false;
            }
            var here = current;
            var at = i;
            return EvalTerm(p, frame, key =>
            {
                var next = Lookup(here, key);
                return next is not null && Walk(next, path, at + 1, frame, k);
            });
        }
    }

    private bool IterateWalk(Value current, CVar v, CTerm[] path, int i, Slot[] frame, Func<Value, bool> k)
    {
        switch (current)
        {
            case ArrayValue a:
                for (var j = 0; j < a.Count; j++)
                {
                    var mark = _trailCount;
                    Bind(frame, v.Slot, NumberValue.Of(j));
                    var stop = Walk(a[j], path, i + 1, frame, k);
                    Undo(mark);
                    if (stop) return true;
                }
                return false;
            case ObjectValue o:
                for (var j = 0; j < o.Count; j++)
                {
                    var mark = _trailCount;
                    Bind(frame, v.Slot, o.KeyAt(j));
                    var stop = Walk(o.ValueAt(j), path, i + 1, frame, k);
                    Undo(mark);
                    if (stop) return true;
                }
                return false;
            case SetValue s:
                foreach (var x in s.Sorted.ToArray())
                {
                    var mark = _trailCount;
                    Bind(frame, v.Slot, x);
                    var stop = Walk(x, path, i + 1, frame, k);
                    Undo(mark);
                    if (stop) return true;
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>One step into a value: array index, object key or set member; null when undefined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Value? Lookup(Value current, Value key)
    {
        switch (current)
        {
            case ObjectValue o:
                return o.Get(key);
            case ArrayValue a:
                if (key is NumberValue n && n.TryGetInt32(out var idx) && idx >= 0 && idx < a.Count) return a[idx];
                return null;
            case SetValue s:
                return s.Contains(key) ? key : null;
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------ comprehensions

    private Value EvalComprehension(CComprehension cc, Slot[] frame)
    {
        Enter(cc.Location);
        try
        {
            switch (cc.Kind)
            {
                case ComprehensionKind.Array:
                {
                    var items = new List<Value>();
                    // One delegate per evaluation, not one per solution.
                    Func<Value, bool> add = v =>
                    {
                        items.Add(v);
                        return false;
                    };
                    EvalBody(cc.Body.Exprs, 0, frame, () => EvalTerm(cc.Head, frame, add));
                    return items.Count == 0 ? ArrayValue.Empty : new ArrayValue(items.ToArray());
                }
                case ComprehensionKind.Set:
                {
                    var items = new HashSet<Value>();
                    Func<Value, bool> add = v =>
                    {
                        items.Add(v);
                        return false;
                    };
                    EvalBody(cc.Body.Exprs, 0, frame, () => EvalTerm(cc.Head, frame, add));
                    return new SetValue(items);
                }
                default:
                {
                    var b = new ObjectBuilder();
                    EvalBody(cc.Body.Exprs, 0, frame, () => EvalTerm(cc.Head, frame, key => EvalTerm(cc.Value!, frame, v =>
                    {
                        if (b.TryGetValue(key, out var existing) && !existing.Equals(v))
                            throw Conflict("object keys must be unique", cc.Location);
                        b.Set(key, v);
                        return false;
                    })));
                    return b.Build();
                }
            }
        }
        finally
        {
            Leave();
        }
    }

    // ------------------------------------------------------------------ calls

    private bool TryEvalCall(CCall call, Slot[] frame, out Value? value)
    {
        value = null;
        var target = call.Target;
        if (call.Comparison != ComparisonOp.None && _functionOverrides is null)
        {
            // Comparisons inline: no operand buffer, no delegate call.
            var a0 = call.Args[0];
            var a1 = call.Args[1];
            Value? left, right;
            if (!(a0 is CRef r0 ? TryEvalRef(r0, frame, out left) : TryEval(a0, frame, out left))) return false;
            if (left is null) return true;
            if (!(a1 is CRef r1 ? TryEvalRef(r1, frame, out right) : TryEval(a1, frame, out right))) return false;
            if (right is null) return true;
            value = BooleanValue.Of(call.Comparison switch
            {
                ComparisonOp.Equal => left.Equals(right),
                ComparisonOp.NotEqual => !left.Equals(right),
                ComparisonOp.Less => left.CompareTo(right) < 0,
                ComparisonOp.LessOrEqual => left.CompareTo(right) <= 0,
                ComparisonOp.Greater => left.CompareTo(right) > 0,
                _ => left.CompareTo(right) >= 0,
            });
            return true;
        }
        if (target.IsPrint || target.Builtin?.Relation is not null) return false;
        if (_functionOverrides is not null && _functionOverrides.ContainsKey(target.Name)) return false;
        var n = call.Args.Length;
        if (target.Builtin is { } builtin && n <= 4)
        {
            var buffer = new ArgBuffer();
            Span<Value> args = buffer;
            args = args[..n];
            for (var i = 0; i < n; i++)
            {
                if (!TryEval(call.Args[i], frame, out var a)) return false;
                if (a is null) return true;
                args[i] = a;
            }
            value = CallBuiltin(builtin, args, call);
            return true;
        }
        var array = new Value[n];
        for (var i = 0; i < n; i++)
        {
            if (!TryEval(call.Args[i], frame, out var a)) return false;
            if (a is null) return true;
            array[i] = a;
        }
        value = CallSingle(target, array, call);
        return true;
    }

    private bool EvalCall(CCall call, Slot[] frame, Func<Value, bool> k)
    {
        if (call.Target.IsPrint) return EvalPrint(call, frame, k);
        var args = new Value[call.Args.Length];
        return EvalItems(call.Args, 0, args, frame, values => CallMany(call.Target, (Value[])values.Clone(), call, k));
    }

    private bool CallMany(CallTarget target, Value[] args, CCall call, Func<Value, bool> k)
    {
        if (_functionOverrides is not null && _functionOverrides.TryGetValue(target.Name, out var ov))
        {
            if (ov.Value is not null) return k(ov.Value);
            var replaced = CallSingle(target, args, call);
            return replaced is not null && k(replaced);
        }
        if (target.Builtin?.Relation is { } relation)
        {
            IEnumerable<Value> results;
            try
            {
                _builtins.Location = call.Location;
                results = relation(_builtins, args).ToList();
            }
            catch (BuiltinException e)
            {
                if (_options.StrictBuiltinErrors) throw new RegoException(e.Code, $"{target.Name}: {e.Message}", call.Location);
                return false;
            }
            foreach (var r in results)
            {
                if (k(r)) return true;
            }
            return false;
        }
        var v = CallSingle(target, args, call);
        return v is not null && k(v);
    }

    /// <summary>Calls a builtin or user function that yields at most one value.</summary>
    private Value? CallSingle(CallTarget target, Value[] args, CCall call)
    {
        if (_functionOverrides is not null && _functionOverrides.TryGetValue(target.Name, out var ov))
        {
            if (ov.Value is not null) return ov.Value;
            // As in OPA, no mock applies while the replacement runs (a mock may call what it mocks, and
            // never reaches another mock); rules it evaluates are memoized apart from the mocked scope's.
            var saved = _functionOverrides;
            var savedMemo = _memo;
            _functionOverrides = null;
            _memo = [];
            try
            {
                return CallSingle(ov.Target!, args, call);
            }
            finally
            {
                _functionOverrides = saved;
                _memo = savedMemo;
            }
        }
        if (target.Functions is { } node) return CallFunction(node, args, call);
        var builtin = target.Builtin!;
        if (builtin.Function is null)
        {
            Value? first = null;
            CallMany(target, args, call, v =>
            {
                first = v;
                return true;
            });
            return first;
        }
        return CallBuiltin(builtin, args, call);
    }

    private Value? CallBuiltin(BuiltinDefinition builtin, ReadOnlySpan<Value> args, CCall call)
    {
        try
        {
            _builtins.Location = call.Location;
            return builtin.Function!(_builtins, args);
        }
        catch (BuiltinException e)
        {
            if (_options.StrictBuiltinErrors || e.Code == RegoErrorCodes.ConflictError)
                throw new RegoException(e.Code, $"{builtin.Name}: {e.Message}", call.Location);
            return null;
        }
        catch (RegoException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            // A builtin that fails in an unforeseen way is a builtin error, never a crash.
            if (_options.StrictBuiltinErrors) throw new RegoException(RegoErrorCodes.BuiltinError, $"{builtin.Name}: {e.Message}", call.Location);
            return null;
        }
    }
}
