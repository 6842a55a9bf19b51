using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>Builds a <see cref="RuleIndex"/> for a node's complete rules when enough of them share one <c>input.path == constant</c> test.</summary>
internal static class RuleIndexBuilder
{
    public static RuleIndex? Build(List<CRule> rules)
    {
        foreach (var r in rules) r.Index = r.Else is null ? FindConstraint(r.Body) : null;
        var best = rules.Where(r => r.Index is not null).GroupBy(r => r.Index!.Key).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (best is null || best.Count() < 2) return null;
        var key = best.Key;
        var byValue = new Dictionary<Value, List<CRule>>();
        var unconstrained = new List<CRule>();
        CRef? keyRef = null;
        foreach (var r in rules)
        {
            if (r.Index is { } c && c.Key == key)
            {
                keyRef ??= c.Ref;
                if (!byValue.TryGetValue(c.Constant, out var list)) byValue[c.Constant] = list = [];
                list.Add(r);
            }
            else
            {
                unconstrained.Add(r);
            }
        }
        return new RuleIndex(keyRef!, byValue.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), unconstrained.ToArray());
    }

    private static IndexConstraint? FindConstraint(CBody body)
    {
        foreach (var e in body.Exprs)
        {
            if (e.Negated || e.With.Length > 0) continue;
            (CTerm a, CTerm b)? pair = e switch
            {
                CTermExpr { Term: CCall { Target.Name: "equal", Args.Length: 2, Output: null } call } => (call.Args[0], call.Args[1]),
                CUnify { Assign: false } u => (u.Left, u.Right),
                _ => null,
            };
            if (pair is not { } p) continue;
            if (Match(p.a, p.b) is { } c1) return c1;
            if (Match(p.b, p.a) is { } c2) return c2;
        }
        return null;
    }

    private static IndexConstraint? Match(CTerm refTerm, CTerm constTerm)
    {
        if (refTerm is not CRef { Head: CInput } r || constTerm is not CConst k) return null;
        var parts = new List<string>();
        foreach (var p in r.Path)
        {
            if (p is CConst { Value: StringValue s }) parts.Add(s.Value);
            else return null;
        }
        return new IndexConstraint("input." + string.Join('.', parts), r, k.Value);
    }
}
