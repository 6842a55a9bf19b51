using System.Globalization;
using System.Text;
using Conductor.Rego.Builtins.Json;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Yaml;

/// <summary>
/// Writes a value as YAML the way OPA's yaml.marshal does (JSON through sigs.k8s.io/yaml and go-yaml v2): block style,
/// two-space indentation, sequences under keys not indented, keys in go-yaml's natural order, strings quoted only
/// when YAML would read them as something else, multi-line strings as literal blocks.
/// </summary>
internal static class GoYamlWriter
{
    public static string Marshal(Value value)
    {
        var sb = new StringBuilder();
        var json = Normalize(value);
        if (json is ObjectValue { Count: > 0 } or ArrayValue { Count: > 0 })
        {
            WriteBlock(sb, json, 0);
        }
        else
        {
            WriteInline(sb, json, 2);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>OPA marshals the JSON form: sets become arrays, non-string keys their JSON text.</summary>
    private static Value Normalize(Value v) => JsonValueReader.Parse(GoJsonWriter.Marshal(v), maxDepth: 100000);

    private static List<(string Key, Value Value)> SortedEntries(ObjectValue o)
    {
        var list = new List<(string Key, Value Value)>(o.Count);
        foreach (var (k, v) in o.Entries) list.Add((((StringValue)k).Value, v));
        list.Sort((a, b) => NaturalCompare(a.Key, b.Key));
        return list;
    }

    /// <summary>Writes a non-empty mapping or sequence whose first line starts at the current position, at <paramref name="indent"/>.</summary>
    private static void WriteBlock(StringBuilder sb, Value v, int indent)
    {
        if (v is ObjectValue o)
        {
            var first = true;
            foreach (var (key, child) in SortedEntries(o))
            {
                if (!first) Indent(sb, indent);
                first = false;
                WriteScalarString(sb, key, indent, isKey: true);
                sb.Append(':');
                WriteValueAfterKey(sb, child, indent);
            }
            return;
        }
        var a = (ArrayValue)v;
        for (var i = 0; i < a.Count; i++)
        {
            if (i > 0) Indent(sb, indent);
            sb.Append("- ");
            var item = a[i];
            if (item is ObjectValue { Count: > 0 } or ArrayValue { Count: > 0 })
            {
                WriteBlock(sb, item, indent + 2);
            }
            else
            {
                WriteInline(sb, item, indent + 2);
                sb.Append('\n');
            }
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, Value child, int indent)
    {
        switch (child)
        {
            case ObjectValue { Count: > 0 }:
                sb.Append('\n');
                Indent(sb, indent + 2);
                WriteBlock(sb, child, indent + 2);
                break;
            case ArrayValue { Count: > 0 }:
                // go-yaml v2 does not indent a sequence under a mapping key.
                sb.Append('\n');
                Indent(sb, indent);
                WriteBlock(sb, child, indent);
                break;
            default:
                sb.Append(' ');
                WriteInline(sb, child, indent + 2);
                sb.Append('\n');
                break;
        }
    }

    private static void WriteInline(StringBuilder sb, Value v, int indent)
    {
        switch (v)
        {
            case NullValue:
                sb.Append("null");
                break;
            case BooleanValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NumberValue n:
                sb.Append(FormatNumber(n));
                break;
            case StringValue s:
                WriteScalarString(sb, s.Value, indent, isKey: false);
                break;
            case ObjectValue:
                sb.Append("{}");
                break;
            default:
                sb.Append("[]");
                break;
        }
    }

    private static string FormatNumber(NumberValue n)
    {
        if (n.TryGetInt64(out var l)) return l.ToString(CultureInfo.InvariantCulture);
        // go-yaml reads other numbers as float64 and writes strconv.FormatFloat(f, 'g', -1, 64).
        var d = n.ToDouble();
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        return GoFloatFormat.Shortest(d);
    }

    private static void WriteScalarString(StringBuilder sb, string s, int indent, bool isKey)
    {
        if (!isKey && s.Contains('\n'))
        {
            // libyaml allows a literal block unless a line ends in a space or the text has non-printable characters.
            if (s.EndsWith(' ') || s.Contains(" \n", StringComparison.Ordinal) || HasSpecialCharacters(s.Replace("\n", "")))
                WriteDoubleQuoted(sb, s);
            else
                WriteLiteral(sb, s, indent);
            return;
        }
        if (!ResolvesToOtherType(s) && PlainAllowed(s))
        {
            sb.Append(s);
            return;
        }
        if (ResolvesToOtherType(s) || HasSpecialCharacters(s))
        {
            WriteDoubleQuoted(sb, s);
            return;
        }
        sb.Append('\'').Append(s.Replace("'", "''")).Append('\'');
    }

    private static void WriteLiteral(StringBuilder sb, string s, int indent)
    {
        var trailing = 0;
        while (trailing < s.Length && s[s.Length - 1 - trailing] == '\n') trailing++;
        sb.Append('|');
        if (s.Length > 0 && s[0] == ' ') sb.Append('2');
        sb.Append(trailing == 0 ? "-" : trailing > 1 ? "+" : "");
        var body = trailing > 0 ? s[..^trailing] : s;
        foreach (var line in body.Split('\n'))
        {
            sb.Append('\n');
            if (line.Length > 0) Indent(sb, indent).Append(line);
        }
        // With "|+" the extra line breaks are content.
        sb.Append('\n', Math.Max(trailing - 1, 0));
    }

    private static StringBuilder Indent(StringBuilder sb, int n) => sb.Append(' ', n);

    private static bool HasSpecialCharacters(string s)
    {
        foreach (var c in s)
        {
            // libyaml's printable set: tab and other C0/C1 controls are not printable.
            if (c == '\uFEFF' || c < 0x20 || c is >= '\u007F' and <= '\u009F') return true;
        }
        return false;
    }

    private static bool PlainAllowed(string s)
    {
        if (s.Length == 0) return false;
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal)) return false;
        if (s[0] == ' ' || s[^1] == ' ' || s[0] == '\t' || s[^1] == '\t') return false;
        if (HasSpecialCharacters(s)) return false;
        var first = s[0];
        if ("#,[]{}&*!|>'\"%@`".Contains(first)) return false;
        if (first is '-' or '?' or ':' && (s.Length == 1 || s[1] is ' ' or '\t')) return false;
        if (s[^1] == ':') return false;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (s[i] == ':' && s[i + 1] is ' ' or '\t') return false;
            if (s[i] is ' ' or '\t' && s[i + 1] == '#') return false;
        }
        return true;
    }

    /// <summary>True when go-yaml v2 would read the plain text as null, a boolean, or a number (YAML 1.1 resolution).</summary>
    private static bool ResolvesToOtherType(string s)
    {
        switch (s)
        {
            case "" or "~" or "null" or "Null" or "NULL":
            case "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO":
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
            case "on" or "On" or "ON" or "off" or "Off" or "OFF":
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
            case "<<":
                return true;
        }
        var c = s[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return false;
        var plain = s.Replace("_", "");
        if (long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return true;
        if (plain.StartsWith("0b", StringComparison.Ordinal) && plain.Length > 2 && plain[2..].All(ch => ch is '0' or '1')) return true;
        if (plain.StartsWith("0x", StringComparison.Ordinal) && plain.Length > 2 && plain[2..].All(char.IsAsciiHexDigit)) return true;
        if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !plain.EndsWith('.') && plain.Any(char.IsAsciiDigit)) return true;
        // Base 60 floats ("1:20") are quoted by go-yaml v2 too.
        if (s.Contains(':') && s.Split(':').All(p => p.Length > 0 && p.All(char.IsAsciiDigit))) return true;
        return false;
    }

    private static void WriteDoubleQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\v': sb.Append("\\v"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case '\u001b': sb.Append("\\e"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u00a0': sb.Append("\\_"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                default:
                    if (c < 0x20 || c is >= '\u007F' and <= '\u009F' || c == '\uFEFF') sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>go-yaml v2's key order: letters before digits, runs of digits compared as numbers.</summary>
    internal static int NaturalCompare(string a, string b)
    {
        var ar = a.EnumerateRunes().ToArray();
        var br = b.EnumerateRunes().ToArray();
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i]) continue;
            var al = Rune.IsLetter(ar[i]);
            var bl = Rune.IsLetter(br[i]);
            if (al && bl) return ar[i].Value.CompareTo(br[i].Value);
            if (al || bl) return bl ? -1 : 1;
            long an = 0, bn = 0;
            if (ar[i].Value == '0' || br[i].Value == '0')
            {
                for (var j = i - 1; j >= 0 && Rune.IsDigit(ar[j]); j--)
                {
                    if (ar[j].Value != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai, bi;
            for (ai = i; ai < ar.Length && Rune.IsDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].Value - '0');
            for (bi = i; bi < br.Length && Rune.IsDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].Value - '0');
            if (an != bn) return an < bn ? -1 : 1;
            if (ai != bi) return ai < bi ? -1 : 1;
            return ar[i].Value.CompareTo(br[i].Value);
        }
        return ar.Length.CompareTo(br.Length);
    }
}
