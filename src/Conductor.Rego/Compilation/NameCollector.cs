using Conductor.Rego.Syntax;

namespace Conductor.Rego.Compilation;

/// <summary>Collects the variable names a body uses directly (not inside nested comprehensions or every bodies).</summary>
internal static class NameCollector
{
    public static void CollectBody(Body body, HashSet<string> names)
    {
        foreach (var e in body.Exprs) CollectExpr(e, names);
    }

    /// <summary>
    /// Names a body declares with <c>:=</c> or <c>some</c>: such a variable is not visible to comprehensions written
    /// before its declaration (OPA's scoping), unlike a unification variable, which they share wherever it appears.
    /// </summary>
    public static void CollectDeclared(Body body, HashSet<string> names)
    {
        foreach (var e in body.Exprs)
        {
            switch (e)
            {
                case TermExpr { Term: CallTerm { OperatorName: "assign" } c } when c.Args.Count == 2:
                    CollectTerm(c.Args[0], names);
                    break;
                case SomeDeclExpr sd:
                    foreach (var v in sd.Vars) names.Add(v.Name);
                    break;
                case SomeInExpr si:
                    if (si.Key is not null) CollectTerm(si.Key, names);
                    CollectTerm(si.Value, names);
                    break;
            }
        }
    }

    public static void CollectHead(RuleHead head, HashSet<string> names)
    {
        foreach (var p in head.Ref.Path) CollectTerm(p, names);
        if (head.Key is not null) CollectTerm(head.Key, names);
        if (head.Value is not null) CollectTerm(head.Value, names);
    }

    public static void CollectExpr(Expr e, HashSet<string> names)
    {
        switch (e)
        {
            case TermExpr te:
                CollectTerm(te.Term, names);
                break;
            case SomeDeclExpr sd:
                foreach (var v in sd.Vars) names.Add(v.Name);
                break;
            case SomeInExpr si:
                if (si.Key is not null) CollectTerm(si.Key, names);
                CollectTerm(si.Value, names);
                CollectTerm(si.Collection, names);
                break;
            case EveryExpr ev:
                CollectTerm(ev.Domain, names);
                break;
        }
        foreach (var w in e.With) CollectTerm(w.Value, names);
    }

    public static void CollectTerm(Term t, HashSet<string> names)
    {
        switch (t)
        {
            case VarTerm v:
                if (!v.IsWildcard) names.Add(v.Name);
                break;
            case RefTerm r:
                CollectTerm(r.Head, names);
                foreach (var p in r.Path) CollectTerm(p, names);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) CollectTerm(i, names);
                break;
            case SetTerm s:
                foreach (var i in s.Items) CollectTerm(i, names);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Pairs)
                {
                    CollectTerm(kv.Key, names);
                    CollectTerm(kv.Value, names);
                }
                break;
            case CallTerm c:
                foreach (var a in c.Args) CollectTerm(a, names);
                break;
            case TemplateStringTerm ts:
                foreach (var p in ts.Parts)
                {
                    if (p.Expression is not null) CollectExpr(p.Expression, names);
                }
                break;
        }
    }
}
