using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Encodings;

/// <summary>
/// OPA's <c>uri.parse</c> and <c>uri.is_valid</c>, both defined by Go's <c>url.Parse</c> (see <see cref="GoUrl"/>).
/// </summary>
public sealed class UriBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("uri.parse", BuiltinSignature.Of(RegoType.ObjectOf(RegoType.String, RegoType.String), RegoType.String),
            (_, a) => Parse(BuiltinArgs.String(a, 0)));
        // Never an error: anything but a non-empty string Go parses is false. The empty string is a valid relative
        // reference to Go, but OPA rejects it as a surprise in policies.
        registry.Register("uri.is_valid", BuiltinSignature.Of(RegoType.Boolean, RegoType.Any),
            (_, a) => BooleanValue.Of(IsValid(a[0])));
    }

    /// <summary>The URL's non-empty parts; raw_path accompanies path, falling back to it when Go kept no RawPath.</summary>
    private static ObjectValue Parse(string text)
    {
        if (!GoUrl.TryParse(text, out var url, out var error)) throw BuiltinException.Error(error);
        var b = new ObjectBuilder(7);
        Add(b, "scheme", url.Scheme);
        Add(b, "hostname", url.Hostname);
        Add(b, "port", url.Port);
        if (url.Path.Length > 0)
        {
            b.Set("path", new StringValue(url.Path));
            b.Set("raw_path", new StringValue(url.RawPath.Length > 0 ? url.RawPath : url.Path));
        }
        Add(b, "raw_query", url.RawQuery);
        Add(b, "fragment", url.Fragment);
        return b.Build();
    }

    private static bool IsValid(Value operand) =>
        operand is StringValue { Value.Length: > 0 } s && GoUrl.TryParse(s.Value, out _, out _);

    private static void Add(ObjectBuilder b, string key, string value)
    {
        if (value.Length > 0) b.Set(key, new StringValue(value));
    }
}
