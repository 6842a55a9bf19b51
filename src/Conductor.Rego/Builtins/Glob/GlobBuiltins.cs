using System.Text;
using Conductor.Rego.Builtins.Strings;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Glob;

/// <summary>glob.match and glob.quote_meta (gobwas/glob syntax, linear-time matching).</summary>
public sealed class GlobBuiltins : IBuiltinFamily
{
    private static readonly int[] DefaultDelimiters = ['.'];

    /// <inheritdoc />
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("glob.match", BuiltinSignature.Of(RegoType.Boolean,
            RegoType.String, RegoType.OneOf(RegoType.Null, RegoType.ArrayOf(RegoType.String)), RegoType.String), Match);
        registry.Register("glob.quote_meta", BuiltinSignature.Of(RegoType.String, RegoType.String), QuoteMeta);
    }

    private static Value Match(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var pattern = BuiltinArgs.String(args, 0);
        IReadOnlyList<int> delimiters;
        switch (args[1])
        {
            case NullValue:
                delimiters = [];
                break;
            case ArrayValue a:
                var list = new List<int>(a.Count);
                foreach (var item in a.Items)
                {
                    if (item is not StringValue s) throw StringBuiltins.ElementError(2, a, item, "strings");
                    var runes = s.Value.EnumerateRunes().ToArray();
                    if (runes.Length != 1) throw StringBuiltins.ElementError(2, a, item, "runes");
                    list.Add(runes[0].Value);
                }
                // OPA: an empty delimiter list means the default, ".".
                delimiters = list.Count == 0 ? DefaultDelimiters : list;
                break;
            default:
                throw BuiltinException.OperandTypes(2, ["array", "null"], args[1]);
        }
        var match = BuiltinArgs.String(args, 2);
        return BooleanValue.Of(GlobPattern.Get(pattern, delimiters).IsMatch(match));
    }

    private static Value QuoteMeta(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '*' or '?' or '\\' or '[' or ']' or '{' or '}') sb.Append('\\');
            sb.Append(c);
        }
        return new StringValue(sb.ToString());
    }
}
