using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Encodings;

/// <summary>
/// OPA's encoding builtins: <c>base64.*</c>, <c>base64url.*</c>, <c>hex.*</c> and <c>urlquery.*</c>, with Go's
/// encoding rules and error texts. Decoded bytes that are not UTF-8 become U+FFFD, as they do when OPA prints them.
/// </summary>
public sealed class EncodingBuiltins : IBuiltinFamily
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    public void Register(BuiltinRegistry registry)
    {
        var s2s = BuiltinSignature.Of(RegoType.String, RegoType.String);
        registry.Register("base64.encode", s2s, (_, a) => Str(GoBase64.Encode(Bytes(a, 0), url: false, pad: true)));
        registry.Register("base64.decode", s2s, (_, a) => Str(Text(DecodeBase64(Bytes(a, 0), url: false))));
        registry.Register("base64.is_valid", BuiltinSignature.Of(RegoType.Boolean, RegoType.String), (_, a) =>
            BooleanValue.Of(GoBase64.Decode(Bytes(a, 0), url: false, pad: true, out var ignored) is not null));
        registry.Register("base64url.encode", s2s, (_, a) => Str(GoBase64.Encode(Bytes(a, 0), url: true, pad: true)));
        registry.Register("base64url.encode_no_pad", s2s, (_, a) => Str(GoBase64.Encode(Bytes(a, 0), url: true, pad: false)));
        registry.Register("base64url.decode", s2s, (_, a) => Str(Text(Base64UrlDecode(BuiltinArgs.String(a, 0)))));
        registry.Register("hex.encode", s2s, (_, a) => Str(Convert.ToHexStringLower(Bytes(a, 0))));
        registry.Register("hex.decode", s2s, (_, a) => Str(Text(HexDecode(Bytes(a, 0)))));
        registry.Register("urlquery.encode", s2s, (_, a) => Str(GoUrlQuery.Escape(BuiltinArgs.String(a, 0))));
        registry.Register("urlquery.decode", s2s, (_, a) => Str(GoUrlQuery.Unescape(BuiltinArgs.String(a, 0))));
        var stringsType = RegoType.OneOf(RegoType.String, RegoType.ArrayOf(RegoType.String), RegoType.SetOf(RegoType.String));
        registry.Register("urlquery.encode_object",
            BuiltinSignature.Of(RegoType.String, RegoType.ObjectOf(RegoType.String, stringsType)), (_, a) => Str(EncodeObject(a[0])));
        registry.Register("urlquery.decode_object",
            BuiltinSignature.Of(RegoType.ObjectOf(RegoType.String, RegoType.ArrayOf(RegoType.String)), RegoType.String),
            (_, a) => DecodeObject(BuiltinArgs.String(a, 0)));
    }

    private static StringValue Str(string s) => new(s);

    private static byte[] Bytes(ReadOnlySpan<Value> args, int index) => System.Text.Encoding.UTF8.GetBytes(BuiltinArgs.String(args, index));

    private static string Text(byte[] bytes) => Utf8.GetString(bytes);

    private static byte[] DecodeBase64(byte[] src, bool url) =>
        GoBase64.Decode(src, url, pad: true, out var offset) ?? throw BuiltinException.Error($"illegal base64 data at input byte {offset}");

    private static byte[] Base64UrlDecode(string s)
    {
        // Encoders often omit the padding; restore it as RFC 7515 appendix C describes, as OPA does.
        if (!s.EndsWith('='))
        {
            switch (System.Text.Encoding.UTF8.GetByteCount(s) % 4)
            {
                case 0: break;
                case 2: s += "=="; break;
                case 3: s += "="; break;
                default: throw BuiltinException.Error($"illegal base64url string: {s}");
            }
        }
        return DecodeBase64(System.Text.Encoding.UTF8.GetBytes(s), url: true);
    }

    private static byte[] HexDecode(byte[] src)
    {
        var output = new byte[src.Length / 2];
        int i;
        for (i = 0; i + 1 < src.Length; i += 2)
        {
            var hi = HexNibble(src[i]);
            var lo = HexNibble(src[i + 1]);
            if (hi < 0) throw InvalidHexByte(src, i);
            if (lo < 0) throw InvalidHexByte(src, i + 1);
            output[i / 2] = (byte)((hi << 4) | lo);
        }
        if (src.Length % 2 == 1)
        {
            // Go reports a bad final byte before the odd length.
            if (HexNibble(src[i]) < 0) throw InvalidHexByte(src, i);
            throw BuiltinException.Error("encoding/hex: odd length hex string");
        }
        return output;
    }

    private static BuiltinException InvalidHexByte(byte[] src, int index)
    {
        // Go formats the byte with %#U: U+0067 'g' (printable) or U+0000 (not).
        var b = src[index];
        // strconv.IsPrint for Latin-1: ASCII graphics and space, and U+00A1.. except the soft hyphen.
        var printable = b is >= 0x20 and < 0x7f || (b >= 0xA1 && b != 0xAD);
        return BuiltinException.Error(printable ? $"encoding/hex: invalid byte: U+{b:X4} '{(char)b}'" : $"encoding/hex: invalid byte: U+{b:X4}");
    }

    private static int HexNibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string EncodeObject(Value operand)
    {
        if (operand is not ObjectValue obj) throw BuiltinException.OperandType(1, "object", operand);
        // url.Values.Encode: keys sorted by their text, values in the order given.
        var entries = new List<(string Key, List<string> Values)>();
        foreach (var (k, v) in obj.Entries)
        {
            var key = k is StringValue ks ? ks.Value : k.ToJson();
            var values = new List<string>();
            switch (v)
            {
                case StringValue s:
                    values.Add(s.Value);
                    break;
                case ArrayValue or SetValue:
                    var items = v is ArrayValue arr ? arr.Items : ((SetValue)v).Sorted;
                    foreach (var item in items)
                    {
                        if (item is not StringValue si) throw EncodeObjectError();
                        values.Add(si.Value);
                    }
                    break;
                default:
                    throw EncodeObjectError();
            }
            entries.Add((key, values));
        }
        entries.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        var sb = new StringBuilder();
        foreach (var (key, values) in entries)
        {
            var escapedKey = GoUrlQuery.Escape(key);
            foreach (var value in values)
            {
                if (sb.Length > 0) sb.Append('&');
                sb.Append(escapedKey).Append('=').Append(GoUrlQuery.Escape(value));
            }
        }
        return sb.ToString();
    }

    private static BuiltinException EncodeObjectError() =>
        new(RegoErrorCodes.EvalTypeError, "operand 1 values must be string, array[string], or set[string]");

    private static ObjectValue DecodeObject(string query)
    {
        var grouped = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (k, v) in GoUrlQuery.Parse(query))
        {
            if (!grouped.TryGetValue(k, out var list))
            {
                grouped[k] = list = [];
                order.Add(k);
            }
            list.Add(new StringValue(v));
        }
        var b = new ObjectBuilder(order.Count);
        foreach (var k in order) b.Set(k, new ArrayValue(grouped[k].ToArray()));
        return b.Build();
    }
}
