using System.Text;
using Conductor.Rego.Builtins.Strings;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Template;

/// <summary>
/// internal.template_string: joins the parts of <c>$"…{expr}…"</c>. Literal parts are strings; each embedded
/// expression arrives as the array of its values: none prints &lt;undefined&gt;, a string prints as is, anything else
/// as OPA's term String() writes it (Rego syntax: <c>[1, "a"]</c>, sets sorted as <c>{1, 2}</c>, objects as
/// <c>{"k": v}</c>), as OPA's print does. Two different values for one expression are a conflict error.
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
                    // OPA collects each embedded expression into a set: repeated equal values are one output,
                    // distinct ones are a conflict (raised as is, without the builtin's name).
                    for (var i = 1; i < values.Count; i++)
                    {
                        if (values[i] != values[0])
                            throw new RegoException(RegoErrorCodes.ConflictError, "template-strings must not produce multiple outputs", context.Location);
                    }
                    if (values[0] is StringValue sv) sb.Append(sv.Value);
                    else sb.Append(RegoText.Of(values[0]));
                    break;
            }
        }
        return new StringValue(sb.ToString());
    }
}
