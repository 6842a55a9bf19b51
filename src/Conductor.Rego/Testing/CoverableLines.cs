using Conductor.Rego.Syntax;

namespace Conductor.Rego.Testing;

/// <summary>Finds the rows of a module where a rule head or an expression starts: the lines coverage can report on.</summary>
internal static class CoverableLines
{
    public static void Collect(Module module, ISet<int> rows)
    {
        foreach (var rule in module.Rules)
        {
            for (var r = rule; r is not null; r = r.Else)
            {
                rows.Add(r.Head.Location.Row);
                if (r.Head.Value is { } v) Term(v, rows);
                if (r.Head.Key is { } k) Term(k, rows);
                Body(r.Body, rows);
            }
        }
    }

    private static void Body(Body body, ISet<int> rows)
    {
        foreach (var e in body.Exprs)
        {
            rows.Add(e.Location.Row);
            switch (e)
            {
                case TermExpr t:
                    Term(t.Term, rows);
                    break;
                case SomeInExpr s:
                    Term(s.Collection, rows);
                    break;
                case EveryExpr every:
                    Term(every.Domain, rows);
                    Body(every.Body, rows);
                    break;
            }
            foreach (var w in e.With) Term(w.Value, rows);
        }
    }

    // Only comprehension bodies hold expressions inside terms; everything else is walked to find them.
    private static void Term(Term term, ISet<int> rows)
    {
        switch (term)
        {
            case ArrayComprehensionTerm a:
                Term(a.Head, rows);
                Body(a.Body, rows);
                break;
            case SetComprehensionTerm s:
                Term(s.Head, rows);
                Body(s.Body, rows);
                break;
            case ObjectComprehensionTerm o:
                Term(o.Key, rows);
                Term(o.Value, rows);
                Body(o.Body, rows);
                break;
            case RefTerm r:
                Term(r.Head, rows);
                foreach (var p in r.Path) Term(p, rows);
                break;
            case CallTerm c:
                foreach (var a in c.Args) Term(a, rows);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) Term(i, rows);
                break;
            case SetTerm s:
                foreach (var i in s.Items) Term(i, rows);
                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Pairs)
                {
                    Term(k, rows);
                    Term(v, rows);
                }
                break;
        }
    }
}
