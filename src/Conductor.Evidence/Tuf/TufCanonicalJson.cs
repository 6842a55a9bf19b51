using System.Text;
using System.Text.Json;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tuf;

/// <summary>
/// The canonical JSON that TUF signatures cover (securesystemslib / OLPC canonical JSON): objects with keys
/// sorted by code point, no insignificant whitespace, strings escaping only <c>"</c> and <c>\</c>, integers only.
/// It differs from RFC 8785 in string escaping and numbers, so it is kept apart from <see cref="Json.CanonicalJson"/>.
/// </summary>
public static class TufCanonicalJson
{
    /// <summary>Serialises <paramref name="element"/> canonically as UTF-8.</summary>
    public static byte[] Serialize(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(element, builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Write(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) builder.Append(',');
                    first = false;
                    WriteString(property.Name, builder);
                    builder.Append(':');
                    Write(property.Value, builder);
                }
                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem) builder.Append(',');
                    firstItem = false;
                    Write(item, builder);
                }
                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, builder);
                break;
            case JsonValueKind.Number:
                if (!element.TryGetInt64(out var number))
                    throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"TUF canonical JSON allows only integers, not {element.GetRawText()}");
                builder.Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True: builder.Append("true"); break;
            case JsonValueKind.False: builder.Append("false"); break;
            case JsonValueKind.Null: builder.Append("null"); break;
            default: throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"unexpected JSON value {element.ValueKind}");
        }
    }

    private static void WriteString(string value, StringBuilder builder)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') builder.Append('\\');
            builder.Append(c);
        }
        builder.Append('"');
    }
}
