using Conductor.Rego.Syntax;

namespace Conductor.Rego.Compilation;

/// <summary>Visits the variables and expressions of a rule, including those nested in comprehensions, <c>every</c> and templates.</summary>
internal static class AstWalk
{
    public static void Rule(Rule rule, Action<VarTerm> onVar, Action<Expr> onExpr)
    {
        var head = rule.Head;
        Term(head.Ref, onVar, onExpr);
        if (head.Args is { } args) foreach (var a in args) Term(a, onVar, onExpr);
        if (head.Key is { } k) Term(k, onVar, onExpr);
        if (head.Value is { } v) Term(v, onVar, onExpr);
        Body(rule.Body, onVar, onExpr);
    }

    /// <summary>The variables of a term, outside any comprehension.</summary>
    public static void Vars(Term term, Action<VarTerm> onVar) => Term(term, onVar, null);

    /// <summary>The calls in an expression (not inside nested bodies, which are visited as expressions of their own).</summary>
    public static void Calls(Expr e, Action<CallTerm> onCall)
    {
        switch (e)
        {
            case TermExpr t:
                CallsIn(t.Term, onCall);
                break;
            case SomeInExpr s:
                CallsIn(s.Collection, onCall);
                break;
            case EveryExpr every:
                CallsIn(every.Domain, onCall);
                break;
        }
        foreach (var w in e.With) CallsIn(w.Value, onCall);
    }

    private static void CallsIn(Term term, Action<CallTerm> onCall)
    {
        switch (term)
        {
            case CallTerm c:
                onCall(c);
                foreach (var a in c.Args) CallsIn(a, onCall);
                break;
            case RefTerm r:
                CallsIn(r.Head, onCall);
                foreach (var p in r.Path) CallsIn(p, onCall);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) CallsIn(i, onCall);
                break;
            case SetTerm s:
                foreach (var i in s.Items) CallsIn(i, onCall);
                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Pairs)
                {
                    CallsIn(k, onCall);
                    CallsIn(v, onCall);
                }
                break;
        }
    }

    private static void Body(Body body, Action<VarTerm> onVar, Action<Expr> onExpr)
    {
        foreach (var e in body.Exprs) Expr(e, onVar, onExpr);
    }

    private static void Expr(Expr e, Action<VarTerm> onVar, Action<Expr> onExpr)
    {
        onExpr(e);
        switch (e)
        {
            case TermExpr t:
                Term(t.Term, onVar, onExpr);
                break;
            case SomeDeclExpr some:
                foreach (var v in some.Vars) onVar(v);
                break;
            case SomeInExpr s:
                if (s.Key is { } k) Term(k, onVar, onExpr);
                Term(s.Value, onVar, onExpr);
                Term(s.Collection, onVar, onExpr);
                break;
            case EveryExpr every:
                if (every.Key is { } ek) onVar(ek);
                onVar(every.Value);
                Term(every.Domain, onVar, onExpr);
                Body(every.Body, onVar, onExpr);
                break;
        }
        foreach (var w in e.With)
        {
            Term(w.Target, onVar, onExpr);
            Term(w.Value, onVar, onExpr);
        }
    }

    private static void Term(Term term, Action<VarTerm> onVar, Action<Expr>? onExpr)
    {
        switch (term)
        {
            case VarTerm v:
                onVar(v);
                break;
            case RefTerm r:
                Term(r.Head, onVar, onExpr);
                foreach (var p in r.Path) Term(p, onVar, onExpr);
                break;
            case CallTerm c:
                Term(c.Operator, onVar, onExpr);
                foreach (var a in c.Args) Term(a, onVar, onExpr);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) Term(i, onVar, onExpr);
                break;
            case SetTerm s:
                foreach (var i in s.Items) Term(i, onVar, onExpr);
                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Pairs)
                {
                    Term(k, onVar, onExpr);
                    Term(v, onVar, onExpr);
                }
                break;
            case TemplateStringTerm t when onExpr is not null:
                foreach (var p in t.Parts)
                {
                    if (p.Expression is { } pe) Expr(pe, onVar, onExpr);
                }
                break;
            case ArrayComprehensionTerm ac when onExpr is not null:
                Term(ac.Head, onVar, onExpr);
                Body(ac.Body, onVar, onExpr);
                break;
            case SetComprehensionTerm sc when onExpr is not null:
                Term(sc.Head, onVar, onExpr);
                Body(sc.Body, onVar, onExpr);
                break;
            case ObjectComprehensionTerm oc when onExpr is not null:
                Term(oc.Key, onVar, onExpr);
                Term(oc.Value, onVar, onExpr);
                Body(oc.Body, onVar, onExpr);
                break;
        }
    }
}
