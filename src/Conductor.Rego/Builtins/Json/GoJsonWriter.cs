using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Json;

/// <summary>
/// Writes values as Go's encoding/json writes OPA's JSON form of them: object keys (non-string keys as their
/// JSON text) sorted by their text, sets as sorted arrays, HTML-safe string escapes, and Go's
/// <c>json.MarshalIndent</c> layout when an indent is given.
/// </summary>
internal static class GoJsonWriter
{
    public static string Marshal(Value value) => Write(value, null, null);

    /// <summary>As <c>json.MarshalIndent(v, prefix, indent)</c>: the first line is not prefixed.</summary>
    public static string MarshalIndent(Value value, string prefix, string indent) => Write(value, prefix, indent);

    private static string Write(Value value, string? prefix, string? indent)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value, prefix, indent, 0);
        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, string prefix, string indent, int depth)
    {
        sb.Append('\n').Append(prefix);
        for (var i = 0; i < depth; i++) sb.Append(indent);
    }

    private static void WriteValue(StringBuilder sb, Value value, string? prefix, string? indent, int depth)
    {
        switch (value)
        {
            case ArrayValue a:
                WriteItems(sb, a.Items, prefix, indent, depth);
                break;
            case SetValue s:
                WriteItems(sb, s.Sorted, prefix, indent, depth);
                break;
            case ObjectValue o:
                if (o.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                var entries = new List<(string Key, Value Value)>(o.Count);
                foreach (var (k, v) in o.Entries) entries.Add((k is StringValue ks ? ks.Value : KeyText(k), v));
                entries.Sort((x, y) => StringValue.CompareCodePoints(x.Key, y.Key));
                sb.Append('{');
                for (var i = 0; i < entries.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    if (indent is not null) NewLine(sb, prefix!, indent, depth + 1);
                    JsonText.WriteString(sb, entries[i].Key);
                    sb.Append(indent is not null ? ": " : ":");
                    WriteValue(sb, entries[i].Value, prefix, indent, depth + 1);
                }
                if (indent is not null) NewLine(sb, prefix!, indent, depth);
                sb.Append('}');
                break;
            default:
                value.WriteJson(sb);
                break;
        }
    }

    /// <summary>The text OPA uses for a non-string object key: its compact JSON.</summary>
    public static string KeyText(Value key) => Marshal(key);

    private static void WriteItems(StringBuilder sb, ReadOnlySpan<Value> items, string? prefix, string? indent, int depth)
    {
        if (items.Length == 0)
        {
            sb.Append("[]");
            return;
        }
        sb.Append('[');
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0) sb.Append(',');
            if (indent is not null) NewLine(sb, prefix!, indent, depth + 1);
            WriteValue(sb, items[i], prefix, indent, depth + 1);
        }
        if (indent is not null) NewLine(sb, prefix!, indent, depth);
        sb.Append(']');
    }
}
