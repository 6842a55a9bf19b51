using System.Text;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>
/// A compact, unambiguous rendering of the AST so tests can state the exact shape in one string:
/// <c>call(plus, x, 1)</c>, <c>ref(data, "a", x)</c>, <c>set(1, 2)</c>, <c>[x | body]</c>.
/// </summary>
internal static class AstText
{
    public static string Of(Term t)
    {
        var sb = new StringBuilder();
        Write(sb, t);
        return sb.ToString();
    }

    public static string Of(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e);
        return sb.ToString();
    }

    public static string Of(Body b)
    {
        var sb = new StringBuilder();
        Write(sb, b);
        return sb.ToString();
    }

    public static string Of(Rule r)
    {
        var sb = new StringBuilder();
        if (r.IsDefault) sb.Append("default ");
        var h = r.Head;
        sb.Append(h.Kind switch { RuleKind.Complete => "complete ", RuleKind.PartialSet => "set ", _ => "func " });
        Write(sb, h.Ref);
        if (h.Args is not null)
        {
            sb.Append('(');
            for (var i = 0; i < h.Args.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                Write(sb, h.Args[i]);
            }
            sb.Append(')');
        }
        if (h.Key is not null)
        {
            sb.Append(" contains ");
            Write(sb, h.Key);
        }
        if (h.Value is not null)
        {
            sb.Append(h.Assign ? " := " : " = ");
            Write(sb, h.Value);
        }
        sb.Append(" { ");
        Write(sb, r.Body);
        sb.Append(" }");
        if (r.Else is not null) sb.Append(" else ").Append(Of(r.Else));
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Body b)
    {
        for (var i = 0; i < b.Exprs.Count; i++)
        {
            if (i > 0) sb.Append("; ");
            Write(sb, b.Exprs[i]);
        }
    }

    private static void Write(StringBuilder sb, Expr e)
    {
        if (e.Negated) sb.Append("not ");
        switch (e)
        {
            case TermExpr te:
                Write(sb, te.Term);
                break;
            case SomeDeclExpr sd:
                sb.Append("some(").Append(string.Join(", ", sd.Vars.Select(v => v.Name))).Append(')');
                break;
            case SomeInExpr si:
                sb.Append("somein(");
                if (si.Key is not null)
                {
                    Write(sb, si.Key);
                    sb.Append(", ");
                }
                Write(sb, si.Value);
                sb.Append(", ");
                Write(sb, si.Collection);
                sb.Append(')');
                break;
            case EveryExpr ev:
                sb.Append("every(");
                if (ev.Key is not null) sb.Append(ev.Key.Name).Append(", ");
                sb.Append(ev.Value.Name).Append(", ");
                Write(sb, ev.Domain);
                sb.Append(") { ");
                Write(sb, ev.Body);
                sb.Append(" }");
                break;
            default:
                sb.Append(e.GetType().Name);
                break;
        }
        foreach (var w in e.With)
        {
            sb.Append(" with ");
            Write(sb, w.Target);
            sb.Append(" as ");
            Write(sb, w.Value);
        }
    }

    private static void Write(StringBuilder sb, Term t)
    {
        switch (t)
        {
            case ScalarTerm s:
                s.Value.WriteRego(sb);
                break;
            case VarTerm v:
                sb.Append(v.Name);
                break;
            case RefTerm r:
                sb.Append("ref(");
                Write(sb, r.Head);
                foreach (var p in r.Path)
                {
                    sb.Append(", ");
                    Write(sb, p);
                }
                sb.Append(')');
                break;
            case CallTerm c:
                sb.Append("call(");
                if (c.OperatorName is not null) sb.Append(c.OperatorName);
                else Write(sb, c.Operator);
                foreach (var a in c.Args)
                {
                    sb.Append(", ");
                    Write(sb, a);
                }
                sb.Append(')');
                break;
            case ArrayTerm a:
                sb.Append('[');
                WriteList(sb, a.Items);
                sb.Append(']');
                break;
            case SetTerm s:
                sb.Append("set(");
                WriteList(sb, s.Items);
                sb.Append(')');
                break;
            case ObjectTerm o:
                sb.Append('{');
                for (var i = 0; i < o.Pairs.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, o.Pairs[i].Key);
                    sb.Append(": ");
                    Write(sb, o.Pairs[i].Value);
                }
                sb.Append('}');
                break;
            case ArrayComprehensionTerm ac:
                sb.Append('[');
                Write(sb, ac.Head);
                sb.Append(" | ");
                Write(sb, ac.Body);
                sb.Append(']');
                break;
            case SetComprehensionTerm sc:
                sb.Append("set(");
                Write(sb, sc.Head);
                sb.Append(" | ");
                Write(sb, sc.Body);
                sb.Append(')');
                break;
            case ObjectComprehensionTerm oc:
                sb.Append('{');
                Write(sb, oc.Key);
                sb.Append(": ");
                Write(sb, oc.Value);
                sb.Append(" | ");
                Write(sb, oc.Body);
                sb.Append('}');
                break;
            case TemplateStringTerm ts:
                sb.Append(ts.Raw ? "rawtemplate(" : "template(");
                for (var i = 0; i < ts.Parts.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    var part = ts.Parts[i];
                    if (part.Text is not null) new StringValue(part.Text).WriteRego(sb);
                    else
                    {
                        sb.Append('{');
                        Write(sb, part.Expression!);
                        sb.Append('}');
                    }
                }
                sb.Append(')');
                break;
            default:
                sb.Append(t.GetType().Name);
                break;
        }
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Term> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, items[i]);
        }
    }
}
