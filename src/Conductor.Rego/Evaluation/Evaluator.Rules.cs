using Conductor.Rego.Compilation;
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
        if (node.CompleteRules.Count > 0 || (node.Default is not null && node.SetRules.Count == 0 && node.ObjectRules.Count == 0 && node.Functions.Count == 0 && node.Default.Args is null))
        {
            return EvalComplete(node);
        }
        if (node.SetRules.Count > 0) return EvalPartialSet(node);
        // An object: base data, rules adding keys, and child documents.
        var baseValue = BaseDataAt(node.Path);
        var tree = new MutableObject();
        if (baseValue is ObjectValue bo)
        {
            for (var i = 0; i < bo.Count; i++) tree.Entries[bo.KeyAt(i)] = bo.ValueAt(i);
        }
        else if (baseValue is not null && node.ObjectRules.Count == 0 && !node.Children.Values.Any(c => c.HasDocumentRules))
        {
            return baseValue;
        }
        foreach (var rule in node.ObjectRules) EvalObjectRule(rule, tree);
        foreach (var (name, child) in node.Children)
        {
            if (!child.HasDocumentRules) continue;
            var doc = NodeDocument(child);
            if (doc is null) continue;
            var key = new StringValue(name);
            if (tree.Entries.TryGetValue(key, out var existing) && existing is MutableObject mo && doc is ObjectValue dobj)
            {
                for (var i = 0; i < dobj.Count; i++) mo.Entries[dobj.KeyAt(i)] = dobj.ValueAt(i);
            }
            else
            {
                tree.Entries[key] = doc;
            }
        }
        return tree.ToValue();
    }

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
    private Value? BaseDataAt(string[] path)
    {
        var current = EffectiveData();
        foreach (var p in path)
        {
            if (current is not ObjectValue o) return null;
            current = o.Get(p);
            if (current is null) return null;
        }
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
        var frame = new Value?[d.FrameSize];
        if (d.Value is null) return BooleanValue.True;
        return TryEval(d.Value, frame, out var v) ? v : null;
    }

    /// <summary>
    /// Evaluates a rule and its else chain (with arguments for functions): the value of the first rule in the
    /// chain whose body holds. All solutions of that body must agree on the value.
    /// </summary>
    private Value? EvalRuleChain(CRule rule, Value[]? args)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            var v = EvalRuleOnce(r, args);
            if (v is not null) return v;
        }
        return null;
    }

    private Value? EvalRuleOnce(CRule r, Value[]? args)
    {
        Enter(r.Source.Location);
        try
        {
            var frame = new Value?[r.FrameSize];
            Value? result = null;
            var constantValue = r.Value is null or CConst;
            var isFunction = r.Args is not null;
            Func<bool> onSolution = () =>
            {
                Value? v;
                if (r.Value is null) v = BooleanValue.True;
                else if (!TryEval(r.Value, frame, out v))
                {
                    Value? first = null;
                    EvalTerm(r.Value, frame, x =>
                    {
                        first = x;
                        return true;
                    });
                    v = first;
                }
                if (v is null) return false;
                if (result is not null && !result.Equals(v))
                {
                    throw Conflict(isFunction ? "functions must not produce multiple outputs for same inputs"
                        : "complete rules must not produce multiple outputs", r.Source.Location);
                }
                result = v;
                return constantValue;
            };
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

    private bool UnifyArgs(CTerm[] patterns, Value[] args, int i, Value?[] frame, Func<bool> k)
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
        foreach (var rule in node.SetRules)
        {
            Enter(rule.Source.Location);
            try
            {
                var frame = new Value?[rule.FrameSize];
                EvalBody(rule.Body.Exprs, 0, frame, () => EvalTerm(rule.Key!, frame, v =>
                {
                    items.Add(v);
                    return false;
                }));
            }
            finally
            {
                Leave();
            }
        }
        return new SetValue(items);
    }

    private void EvalObjectRule(CRule rule, MutableObject tree)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            Enter(r.Source.Location);
            var any = false;
            try
            {
                var frame = new Value?[r.FrameSize];
                var keys = new Value[r.RefSuffix.Length];
                EvalBody(r.Body.Exprs, 0, frame, () => EvalItems(r.RefSuffix, 0, keys, frame, ks =>
                {
                    Value? v;
                    if (r.Value is null) v = BooleanValue.True;
                    else if (!TryEval(r.Value, frame, out v)) throw new RegoException(RegoErrorCodes.InternalError, "rule value has unbound variables", r.Source.Location);
                    if (v is null) return false;
                    any = true;
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

    private bool EvalWith(CExpr e, Value?[] frame, Func<bool> k)
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
        var inner = new EvalState(newInput, newOverrides, null, newFunctions, []);
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
        Dictionary<string, FunctionOverride>? Functions, Dictionary<RuleNode, Value?> Memo);

    private EvalState SaveState() => new(_input, _dataOverrides, _effectiveData, _functionOverrides, _memo);

    private void RestoreState(EvalState s)
    {
        _input = s.Input;
        _dataOverrides = s.DataOverrides;
        _effectiveData = s.EffectiveData;
        _functionOverrides = s.Functions;
        _memo = s.Memo;
    }
}
