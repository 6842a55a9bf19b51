using System.Globalization;
using System.Text.Json;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>Typed access to JSON members that reports the JSON path of anything missing or malformed.</summary>
internal static class JsonFields
{
    public static JsonElement Object(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
            throw Malformed($"{path}.{name} is missing or not an object");
        return value;
    }

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object) throw Malformed($"{path}.{name} is not an object");
        return value;
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string path, bool optional = false)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray();
            if (value.ValueKind != JsonValueKind.Null) throw Malformed($"{path}.{name} is not an array");
        }
        if (optional) return default;
        throw Malformed($"{path}.{name} is missing");
    }

    public static string String(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw Malformed($"{path}.{name} is missing");

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw Malformed($"{path}.{name} is not a string");
        return value.GetString();
    }

    public static byte[] Base64(JsonElement parent, string name, string path) =>
        OptionalBase64(parent, name, path) ?? throw Malformed($"{path}.{name} is missing");

    public static byte[]? OptionalBase64(JsonElement parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null) return null;
        return DecodeBase64(text, $"{path}.{name}");
    }

    public static byte[] DecodeBase64(string text, string path)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Malformed($"{path} is not valid base64");
        }
    }

    /// <summary>An int64 written as a JSON string (protobuf JSON) or a number.</summary>
    public static long? OptionalInt64(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) return n;
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n)) return n;
        throw Malformed($"{path}.{name} is not an integer");
    }

    public static long Int64(JsonElement parent, string name, string path) =>
        OptionalInt64(parent, name, path) ?? throw Malformed($"{path}.{name} is missing");

    public static DateTimeOffset? OptionalTime(JsonElement parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw Malformed($"{path}.{name} is not an RFC 3339 time");
        return time;
    }

    public static EvidenceVerificationException Malformed(string message) => new(VerificationErrorCodes.MalformedEvidence, message);
}
