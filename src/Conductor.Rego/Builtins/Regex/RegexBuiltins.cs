using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>
/// OPA's regex builtins with RE2 syntax, evaluated in linear time (see <see cref="Re2Regex"/>): regex.match,
/// regex.is_valid, regex.split, regex.find_n, regex.find_all_string_submatch_n, regex.replace,
/// regex.template_match, regex.globs_match and the deprecated re_match.
/// </summary>
public sealed class RegexBuiltins : IBuiltinFamily
{
    private static readonly RegoType S = RegoType.String;

    /// <inheritdoc />
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("regex.match", BuiltinSignature.Of(RegoType.Boolean, S, S), Match);
        registry.Register(new BuiltinDefinition("re_match", BuiltinSignature.Of(RegoType.Boolean, S, S), Match) { Deprecated = true });
        registry.Register("regex.is_valid", BuiltinSignature.Of(RegoType.Boolean, S),
            (context, a) => BooleanValue.Of(a[0] is StringValue s && Re2Regex.IsValid(s.Value)));
        registry.Register("regex.split", BuiltinSignature.Of(RegoType.ArrayOf(S), S, S), Split);
        registry.Register("regex.find_n", BuiltinSignature.Of(RegoType.ArrayOf(S), S, S, RegoType.Number), FindN);
        registry.Register("regex.find_all_string_submatch_n",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.ArrayOf(S)), S, S, RegoType.Number), FindAllSubmatch);
        registry.Register("regex.replace", BuiltinSignature.Of(S, S, S, S), Replace);
        registry.Register("regex.template_match", BuiltinSignature.Of(RegoType.Boolean, S, S, S, S), TemplateMatch);
        registry.Register("regex.globs_match", BuiltinSignature.Of(RegoType.Boolean, S, S), GlobsMatch);
    }

    private static Value Match(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var pattern = BuiltinArgs.String(args, 0);
        var value = BuiltinArgs.String(args, 1);
        return BooleanValue.Of(Re2Regex.Get(pattern).IsMatch(value));
    }

    private static Value Split(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var pattern = BuiltinArgs.String(args, 0);
        var value = BuiltinArgs.String(args, 1);
        return Strings(Re2Regex.Get(pattern).Split(value, -1));
    }

    private static int Count(ReadOnlySpan<Value> args, int index)
    {
        var n = BuiltinArgs.Integer(args, index);
        return n < 0 ? -1 : (int)Math.Min(n, int.MaxValue);
    }

    private static Value FindN(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var pattern = BuiltinArgs.String(args, 0);
        var value = BuiltinArgs.String(args, 1);
        var n = Count(args, 2);
        var re = Re2Regex.Get(pattern);
        return Strings(re.FindAll(value, n).Select(m => m.Value));
    }

    private static Value FindAllSubmatch(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var pattern = BuiltinArgs.String(args, 0);
        var value = BuiltinArgs.String(args, 1);
        var n = Count(args, 2);
        var re = Re2Regex.Get(pattern);
        var matches = re.FindAll(value, n, submatches: true);
        var result = new Value[matches.Count];
        for (var k = 0; k < matches.Count; k++) result[k] = Strings(re.Submatches(matches[k]));
        return new ArrayValue(result);
    }

    private static Value Replace(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var pattern = BuiltinArgs.String(args, 1);
        var replacement = BuiltinArgs.String(args, 2);
        return new StringValue(Re2Regex.Get(pattern).ReplaceAll(s, replacement));
    }

    private static Value TemplateMatch(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var template = BuiltinArgs.String(args, 0);
        var value = BuiltinArgs.String(args, 1);
        var start = BuiltinArgs.String(args, 2);
        var end = BuiltinArgs.String(args, 3);
        // Go measures the delimiters in bytes.
        var startBytes = Encoding.UTF8.GetByteCount(start);
        var endBytes = Encoding.UTF8.GetByteCount(end);
        if (startBytes != 1) throw BuiltinException.Error($"start delimiter has to be exactly one character long but is {startBytes} long");
        // OPA reports the start delimiter's length here too; kept for identical messages.
        if (endBytes != 1) throw BuiltinException.Error($"end delimiter has to be exactly one character long but is {startBytes} long");
        return BooleanValue.Of(Re2Regex.Get(TemplatePattern(template, start[0], end[0])).IsMatch(value));
    }

    /// <summary>
    /// Turns "urn:foo:{.*}" into "^urn:foo:(.*)$": text outside first-level delimiters is quoted, each delimited
    /// part is a regular expression (validated on its own, as OPA does).
    /// </summary>
    internal static string TemplatePattern(string template, char open, char close)
    {
        var indices = new List<int>();
        var level = 0;
        var idx = 0;
        for (var k = 0; k < template.Length; k++)
        {
            if (template[k] == open)
            {
                if (++level == 1) idx = k;
            }
            else if (template[k] == close)
            {
                level--;
                if (level == 0)
                {
                    indices.Add(idx);
                    indices.Add(k + 1);
                }
                else if (level < 0) throw BuiltinException.Error($"unbalanced braces in \"{GoQuote(template)}\"");
            }
        }
        if (level != 0) throw BuiltinException.Error($"unbalanced braces in \"{GoQuote(template)}\"");
        var sb = new StringBuilder("^");
        var last = 0;
        for (var k = 0; k < indices.Count; k += 2)
        {
            var raw = template[last..indices[k]];
            last = indices[k + 1];
            var part = template[(indices[k] + 1)..(last - 1)];
            Re2Regex.Get("^" + part + "$");
            sb.Append(QuoteMeta(raw)).Append('(').Append(part).Append(')');
        }
        sb.Append(QuoteMeta(template[last..])).Append('$');
        return sb.ToString();
    }

    private static string GoQuote(string s) => Conductor.Rego.Builtins.Strings.GoFormatter.Quote(s);

    /// <summary>regexp.QuoteMeta.</summary>
    internal static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static Value GlobsMatch(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var a = BuiltinArgs.String(args, 0);
        var b = BuiltinArgs.String(args, 1);
        return BooleanValue.Of(GlobIntersection.NonEmpty(a, b));
    }

    private static ArrayValue Strings(IEnumerable<string> items) =>
        new(items.Select(static s => (Value)new StringValue(s)).ToArray());
}
