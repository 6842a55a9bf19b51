using Conductor.Rego.Compilation;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

internal sealed partial class Evaluator
{
    // ------------------------------------------------------------------ documents

    /// <summary>The value of the document at a rule-tree node (rules merged with base data), memoised per query.</summary>
    private Value? NodeDocument(RuleNode node)
    {
        if (_memo.TryGetValue(node, out var cached)) return cached;
        var value = ComputeNodeDocument(node);
        _memo[node] = value;
        return value;
    }

    private Value? ComputeNodeDocument(RuleNode node)
    {
        if (IsOverridden(node) || !node.HasDocumentRules) return BaseDataAt(node.Path);
        if (node.IsFunction && !node.HasValueRules) return null;
        var baseValue = BaseDataAt(node.Path);
        if (node.CompleteRules.Count > 0 || (node.Default is { Args: null } && node.SetRules.Count == 0 && node.ObjectRules.Count == 0))
        {
            // Base data at the same path wins over the rule (OPA reads the stored document first).
            return baseValue ?? EvalComplete(node);
        }
        if (node.SetRules.Count > 0) return baseValue ?? EvalPartialSet(node);
        // An object: base data, rules adding keys, and child documents.
        var tree = new MutableObject();
        if (baseValue is not null and not ObjectValue) return baseValue;
        foreach (var rule in node.ObjectRules) EvalObjectRule(rule, tree);
        foreach (var (name, child) in node.Children)
        {
            if (!child.HasDocumentRules) continue;
            if (child.IsFunction && !child.HasValueRules && child.Children.Count == 0) continue;
            var doc = NodeDocument(child);
            if (doc is null) continue;
            tree.Merge(new StringValue(name), doc, FirstLocation(child));
        }
        if (baseValue is ObjectValue bo)
        {
            for (var i = 0; i < bo.Count; i++) tree.MergeBase(bo.KeyAt(i), bo.ValueAt(i));
        }
        return tree.ToValue();
    }

    private static SourceLocation FirstLocation(RuleNode node) =>
        node.CompleteRules.Concat(node.SetRules).Concat(node.ObjectRules).Select(r => r.Source.Location).FirstOrDefault()
        ?? new SourceLocation("", 0, 0);

    private bool IsOverridden(RuleNode node)
    {
        if (_dataOverrides is null) return false;
        foreach (var (path, _) in _dataOverrides)
        {
            if (path.Length > node.Path.Length) continue;
            var prefix = true;
            for (var i = 0; i < path.Length; i++)
            {
                if (path[i] != node.Path[i])
                {
                    prefix = false;
                    break;
                }
            }
            if (prefix) return true;
        }
        return false;
    }

    /// <summary>Base data at a path (with <c>with data…</c> replacements applied); null when absent.</summary>
    private Value? BaseDataAt(string[] path, string? last = null)
    {
        var current = EffectiveData();
        foreach (var p in path)
        {
            if (current is not ObjectValue o) return null;
            current = o.Get(p);
            if (current is null) return null;
        }
        if (last is not null) current = (current as ObjectValue)?.Get(last);
        return current;
    }

    private Value EffectiveData()
    {
        if (_dataOverrides is null) return _baseData;
        if (_effectiveData is not null) return _effectiveData;
        var data = _baseData;
        foreach (var (path, value) in _dataOverrides) data = Upsert(data, path, 0, value);
        _effectiveData = data;
        return data;
    }

    internal static Value Upsert(Value? target, string[] path, int i, Value value)
    {
        if (i == path.Length) return value;
        var obj = target as ObjectValue ?? ObjectValue.Empty;
        var b = new ObjectBuilder(obj.Count + 1);
        for (var j = 0; j < obj.Count; j++) b.Set(obj.KeyAt(j), obj.ValueAt(j));
        var key = new StringValue(path[i]);
        b.Set(key, Upsert(obj.Get(key), path, i + 1, value));
        return b.Build();
    }

    // ------------------------------------------------------------------ rules

    private Value? EvalComplete(RuleNode node)
    {
        IReadOnlyList<CRule> candidates = node.CompleteRules;
        if (node.Index is { } index)
        {
            candidates = SelectByIndex(index);
        }
        Value? result = null;
        CRule? resultRule = null;
        foreach (var rule in candidates)
        {
            var v = EvalRuleChain(rule, null);
            if (v is null) continue;
            if (result is not null && !result.Equals(v))
                throw Conflict("complete rules must not produce multiple outputs", rule.Source.Location);
            result = v;
            resultRule = rule;
        }
        if (result is null && node.Default is { } d) result = EvalDefault(d);
        return result;
    }

    private IReadOnlyList<CRule> SelectByIndex(RuleIndex index)
    {
        Value? key = null;
        if (index.Key.Head is CInput)
        {
            key = _input;
            foreach (var p in index.Key.Path)
            {
                if (key is null) break;
                key = Lookup(key, ((CConst)p).Value);
            }
        }
        if (key is null || !index.ByValue.TryGetValue(key, out var matched)) return index.Unconstrained;
        if (index.Unconstrained.Length == 0) return matched;
        return [.. matched, .. index.Unconstrained];
    }

    private Value? EvalDefault(CRule d)
    {
        var frame = new Slot[d.FrameSize];
        // A default rule that supplies the value counts as a covered rule head, as in OPA.
        _coverage?.Invoke(d.Source.Head.Location);
        if (d.Value is null) return BooleanValue.True;
        return TryEval(d.Value, frame, out var v) ? v : null;
    }

    /// <summary>
    /// Evaluates a rule and its else chain (with arguments for functions): the value of the first rule in the
    /// chain whose body holds. All solutions of that body must agree on the value.
    /// </summary>
    private Value? EvalRuleChain(CRule rule, Value[]? args)
    {
        var outer = _currentRule;
        _currentRule = rule.Source;
        try
        {
            for (var r = rule; r is not null; r = r.Else)
            {
                var v = EvalRuleOnce(r, args);
                if (v is not null) return v;
            }
            return null;
        }
        finally
        {
            _currentRule = outer;
        }
    }

    private Value? EvalRuleOnce(CRule r, Value[]? args)
    {
        Enter(r.Source.Location);
        try
        {
            var frame = new Slot[r.FrameSize];
            Value? result = null;
            var constantValue = r.Value is null or CConst;
            var isFunction = r.Args is not null;
            Func<bool> onSolution = () =>
            {
                if (r.Value is null)
                {
                    _coverage?.Invoke(r.Source.Head.Location);
                    result ??= BooleanValue.True;
                    return true;
                }
                if (TryEval(r.Value, frame, out var single))
                {
                    if (single is null) return false;
                    Accept(single);
                    return constantValue;
                }
                // A value with iteration inside (f(x) := o[_] == x) can have several values: all must agree.
                EvalTerm(r.Value, frame, v =>
                {
                    Accept(v);
                    return false;
                });
                return false;
            };
            void Accept(Value v)
            {
                _coverage?.Invoke(r.Source.Head.Location);
                if (result is not null && !result.Equals(v))
                {
                    throw Conflict(isFunction ? "functions must not produce multiple outputs for same inputs"
                        : "complete rules must not produce multiple outputs", r.Source.Location);
                }
                result = v;
            }
            if (args is null)
            {
                EvalBody(r.Body.Exprs, 0, frame, onSolution);
            }
            else
            {
                UnifyArgs(r.Args!, args, 0, frame, () => EvalBody(r.Body.Exprs, 0, frame, onSolution));
            }
            return result;
        }
        finally
        {
            Leave();
        }
    }

    private bool UnifyArgs(CTerm[] patterns, Value[] args, int i, Slot[] frame, Func<bool> k)
    {
        if (i == patterns.Length) return k();
        return Unify(patterns[i], args[i], frame, () => UnifyArgs(patterns, args, i + 1, frame, k));
    }

    private Value? CallFunction(RuleNode node, Value[] args, CCall call)
    {
        Value? result = null;
        foreach (var rule in node.Functions)
        {
            if (rule.Args!.Length != args.Length) continue;
            var v = EvalRuleChain(rule, args);
            if (v is null) continue;
            if (result is not null && !result.Equals(v))
                throw Conflict("functions must not produce multiple outputs for same inputs", call.Location);
            result = v;
        }
        if (result is null && node.Default is { } d) result = EvalDefault(d);
        return result;
    }

    private SetValue EvalPartialSet(RuleNode node)
    {
        var items = new HashSet<Value>();
        var outer = _currentRule;
        foreach (var rule in node.SetRules)
        {
            _currentRule = rule.Source;
            Enter(rule.Source.Location);
            try
            {
                var frame = new Slot[rule.FrameSize];
                Func<Value, bool> add = v =>
                {
                    _coverage?.Invoke(rule.Source.Head.Location);
                    items.Add(v);
                    return false;
                };
                EvalBody(rule.Body.Exprs, 0, frame, () => EvalTerm(rule.Key!, frame, add));
            }
            finally
            {
                Leave();
                _currentRule = outer;
            }
        }
        return new SetValue(items);
    }

    private void EvalObjectRule(CRule rule, MutableObject tree)
    {
        var outer = _currentRule;
        _currentRule = rule.Source;
        try
        {
            EvalObjectRuleChain(rule, tree);
        }
        finally
        {
            _currentRule = outer;
        }
    }

    private void EvalObjectRuleChain(CRule rule, MutableObject tree)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            Enter(r.Source.Location);
            var any = false;
            try
            {
                var frame = new Slot[r.FrameSize];
                var keys = new Value[r.RefSuffix.Length];
                EvalBody(r.Body.Exprs, 0, frame, () => EvalItems(r.RefSuffix, 0, keys, frame, ks =>
                {
                    if (r.Kind == RuleKind.PartialSet)
                    {
                        // p[q] contains x: a set at the path.
                        return EvalTerm(r.Key!, frame, element =>
                        {
                            any = true;
                            tree.AddToSet(ks, element, r.Source.Location);
                            return false;
                        });
                    }
                    Value? v;
                    if (r.Value is null) v = BooleanValue.True;
                    else if (!TryEval(r.Value, frame, out v)) throw new RegoException(RegoErrorCodes.InternalError, "rule value has unbound variables", r.Source.Location);
                    if (v is null) return false;
                    any = true;
                    _coverage?.Invoke(r.Source.Head.Location);
                    tree.Set(ks, v, r.Source.Location);
                    return false;
                }));
            }
            finally
            {
                Leave();
            }
            if (any) return;
        }
    }

    // ------------------------------------------------------------------ with

    private bool EvalWith(CExpr e, Slot[] frame, Func<bool> k)
    {
        var outer = SaveState();
        var newInput = _input;
        var newOverrides = _dataOverrides;
        var newFunctions = _functionOverrides;
        foreach (var w in e.With)
        {
            if (!TryEval(w.Value, frame, out var value) || value is null)
            {
                if (w.Kind == WithTargetKind.Function && w.Replacement is not null) value = null;
                else return false;
            }
            switch (w.Kind)
            {
                case WithTargetKind.Input:
                    newInput = w.Path.Length == 0 ? value : Upsert(newInput, w.Path, 0, value!);
                    break;
                case WithTargetKind.Data:
                    newOverrides = new List<(string[], Value)>(newOverrides ?? []) { (w.Path, value!) };
                    break;
                case WithTargetKind.Function:
                    newFunctions = new Dictionary<string, FunctionOverride>(newFunctions ?? [], StringComparer.Ordinal)
                    {
                        [w.FunctionName!] = w.Replacement is not null ? new FunctionOverride(null, w.Replacement) : new FunctionOverride(value, null),
                    };
                    break;
            }
        }
        var inner = new EvalState(newInput, newOverrides, null, newFunctions, [],
            ReferenceEquals(newInput, _input) ? _inputCache : new Value?[_inputCache.Length]);
        RestoreState(inner);
        try
        {
            return EvalExprNoWith(e, frame, () =>
            {
                var innerNow = SaveState();
                RestoreState(outer);
                try
                {
                    return k();
                }
                finally
                {
                    RestoreState(innerNow);
                }
            });
        }
        finally
        {
            RestoreState(outer);
        }
    }

    private sealed record EvalState(Value? Input, List<(string[] Path, Value Value)>? DataOverrides, Value? EffectiveData,
        Dictionary<string, FunctionOverride>? Functions, Dictionary<RuleNode, Value?> Memo, Value?[] InputCache);

    private EvalState SaveState() => new(_input, _dataOverrides, _effectiveData, _functionOverrides, _memo, _inputCache);

    private void RestoreState(EvalState s)
    {
        _inputCache = s.InputCache;
        _input = s.Input;
        _dataOverrides = s.DataOverrides;
        _effectiveData = s.EffectiveData;
        _functionOverrides = s.Functions;
        _memo = s.Memo;
    }
}
