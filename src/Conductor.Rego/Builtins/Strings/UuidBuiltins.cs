using System.Globalization;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>uuid.rfc4122 (random version 4, stable per key within one query) and uuid.parse.</summary>
public sealed class UuidBuiltins : IBuiltinFamily
{
    private const string CachePrefix = "uuid.rfc4122\0";

    /// <inheritdoc />
    public void Register(BuiltinRegistry registry)
    {
        registry.Register(new BuiltinDefinition("uuid.rfc4122", BuiltinSignature.Of(RegoType.String, RegoType.String), Rfc4122) { Nondeterministic = true });
        registry.Register("uuid.parse", BuiltinSignature.Of(RegoType.ObjectOf(RegoType.String, RegoType.Any), RegoType.String), Parse);
    }

    private static Value Rfc4122(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var key = BuiltinArgs.String(args, 0);
        // The same key yields the same UUID for the rest of the query, as OPA caches it per evaluation.
        if (context.Cache.TryGetValue(CachePrefix + key, out var cached)) return (Value)cached;
        var bytes = new byte[16];
        context.Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var value = new StringValue(Format(bytes));
        context.Cache[CachePrefix + key] = value;
        return value;
    }

    private static string Format(byte[] b)
    {
        var hex = Convert.ToHexStringLower(b);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static Value? Parse(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        if (!TryParseBytes(s, out var b)) return null;
        var result = new ObjectBuilder();
        var version = b[6] >> 4;
        result.Set("version", NumberValue.Of(version));
        result.Set("variant", new StringValue(Variant(b[8])));
        if (version is 1 or 2)
        {
            // 60-bit count of 100 ns intervals since 1582-10-15, as nanoseconds since the Unix epoch.
            long time = ((long)(b[6] & 0x0F) << 56) | ((long)b[7] << 48) | ((long)b[4] << 40) | ((long)b[5] << 32)
                | ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) | b[3];
            const long gregorianToUnix = 122192928000000000L;
            result.Set("time", NumberValue.Of((System.Numerics.BigInteger)(time - gregorianToUnix) * 100));
            // OPA's conformance cases: "nodeid" as dash-separated hex bytes, "macvariables" as local|global:unicast|multicast.
            result.Set("nodeid", new StringValue(string.Join("-", Enumerable.Range(10, 6).Select(i => b[i].ToString("x2", CultureInfo.InvariantCulture)))));
            var mac = (b[10] & 0x03) switch { 3 => "local:multicast", 1 => "global:multicast", 2 => "local:unicast", _ => "global:unicast" };
            result.Set("macvariables", new StringValue(mac));
            var clock = ((b[8] & 0x3F) << 8) | b[9];
            result.Set("clocksequence", NumberValue.Of(clock));
            if (version == 2)
            {
                var id = ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) | b[3];
                result.Set("id", NumberValue.Of(id));
                result.Set("domain", new StringValue(b[9] switch { 0 => "Person", 1 => "Group", 2 => "Org", var d => $"Domain{d}" }));
            }
        }
        return result.Build();
    }

    private static string Variant(byte b) =>
        (b & 0xC0) == 0x80 ? "RFC4122" : (b & 0xE0) == 0xC0 ? "Microsoft" : (b & 0xE0) == 0xE0 ? "Future" : "Reserved";

    /// <summary>Accepts the forms google/uuid.Parse does: canonical, urn:uuid: prefixed, braced, and 32 bare hex digits.</summary>
    private static bool TryParseBytes(string s, out byte[] bytes)
    {
        bytes = new byte[16];
        string hex;
        switch (s.Length)
        {
            case 36:
                hex = s;
                break;
            case 45 when s.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase):
                hex = s[9..];
                break;
            case 38 when s[0] == '{' && s[^1] == '}':
                hex = s[1..^1];
                break;
            case 32:
                return Convert.FromHexString(s, bytes, out _, out _) == System.Buffers.OperationStatus.Done && IsHex(s);
            default:
                return false;
        }
        if (hex[8] != '-' || hex[13] != '-' || hex[18] != '-' || hex[23] != '-') return false;
        var compact = hex.Replace("-", "", StringComparison.Ordinal);
        if (compact.Length != 32 || !IsHex(compact)) return false;
        bytes = Convert.FromHexString(compact);
        return true;
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }
}
