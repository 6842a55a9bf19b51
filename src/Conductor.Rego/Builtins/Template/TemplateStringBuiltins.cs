using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Template;

/// <summary>
/// internal.template_string: joins the parts of <c>$"…{expr}…"</c>. Literal parts are strings; each embedded
/// expression arrives as the array of its values: none prints &lt;undefined&gt;, a string prints as is, anything else as JSON.
/// </summary>
public sealed class TemplateStringBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry) =>
        registry.Register("internal.template_string", BuiltinSignature.Of(RegoType.String, RegoType.AnyArray), Join);

    private static Value? Join(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var sb = new StringBuilder();
        foreach (var part in BuiltinArgs.Array(args, 0).Items)
        {
            switch (part)
            {
                case StringValue s:
                    sb.Append(s.Value);
                    break;
                case ArrayValue { Count: 0 }:
                    sb.Append("<undefined>");
                    break;
                case ArrayValue values:
                    if (values[0] is StringValue sv) sb.Append(sv.Value);
                    else values[0].WriteJson(sb);
                    break;
            }
        }
        return new StringValue(sb.ToString());
    }
}
