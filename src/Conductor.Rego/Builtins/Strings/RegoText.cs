using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// A value's text as OPA's term String() writes it (what sprintf's %v shows for non-string operands): strings in
/// Go's strconv.Quote form (so "&lt;" stays "&lt;", unlike JSON), sets as {a, b} or set(), objects as {"k": v}.
/// </summary>
internal static class RegoText
{
    public static string Of(Value v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Value v)
    {
        switch (v)
        {
            case StringValue s:
                sb.Append(GoFormatter.Quote(s.Value));
                break;
            case ArrayValue a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case SetValue set:
                if (set.Count == 0)
                {
                    sb.Append("set()");
                    break;
                }
                sb.Append('{');
                var first = true;
                foreach (var item in set.Sorted)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    Write(sb, item);
                }
                sb.Append('}');
                break;
            case ObjectValue o:
                sb.Append('{');
                for (var i = 0; i < o.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, o.KeyAt(i));
                    sb.Append(": ");
                    Write(sb, o.ValueAt(i));
                }
                sb.Append('}');
                break;
            default:
                v.WriteRego(sb);
                break;
        }
    }
}
