namespace Conductor.Rego.Builtins.Crypto;

/// <summary>
/// Base64 as Go's encoding/base64 decodes it (OPA's crypto and JWT builtins use it): CR and LF are skipped,
/// any other character outside the alphabet is an error "illegal base64 data at input byte N", padding is
/// required for the standard encodings, and unused trailing bits are ignored.
/// </summary>
internal static class GoBase64
{
    private const string StdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Decodes standard base64 with padding; null when invalid (error text in <paramref name="error"/>).</summary>
    public static byte[]? TryDecodeStd(string s, out string? error) => TryDecode(s, StdAlphabet, padded: true, out error);

    /// <summary>OPA's base64url decoding: padding is added when missing (RFC 7515 appendix C).</summary>
    public static byte[] DecodeUrlLenient(string s)
    {
        if (!s.EndsWith('='))
        {
            switch (s.Length % 4)
            {
                case 2: s += "=="; break;
                case 3: s += "="; break;
                case 1: throw BuiltinException.Error($"illegal base64url string: {s}");
            }
        }
        return TryDecode(s, UrlAlphabet, padded: true, out var error) ?? throw BuiltinException.Error(error!);
    }

    public static byte[] DecodeStd(string s) => TryDecodeStd(s, out var error) ?? throw BuiltinException.Error(error!);

    public static string EncodeUrlNoPad(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? TryDecode(string s, string alphabet, bool padded, out string? error)
    {
        error = null;
        var output = new List<byte>(s.Length * 3 / 4);
        var quantum = new int[4];
        var n = 0;
        var i = 0;
        var padding = 0;
        var start = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\r' or '\n') continue;
            if (c == '=')
            {
                padding++;
                continue;
            }
            if (padding > 0)
            {
                error = $"illegal base64 data at input byte {i}";
                return null;
            }
            var v = alphabet.IndexOf(c);
            if (v < 0)
            {
                error = $"illegal base64 data at input byte {i}";
                return null;
            }
            if (n == 0) start = i;
            quantum[n++] = v;
            if (n == 4)
            {
                output.Add((byte)((quantum[0] << 2) | (quantum[1] >> 4)));
                output.Add((byte)((quantum[1] << 4) | (quantum[2] >> 2)));
                output.Add((byte)((quantum[2] << 6) | quantum[3]));
                n = 0;
            }
        }
        if (n == 1 || (padded && n > 0 && n + padding != 4) || (n == 0 && padding > 0))
        {
            error = $"illegal base64 data at input byte {(n == 0 ? s.Length - padding : start)}";
            return null;
        }
        if (n >= 2) output.Add((byte)((quantum[0] << 2) | (quantum[1] >> 4)));
        if (n >= 3) output.Add((byte)((quantum[1] << 4) | (quantum[2] >> 2)));
        return output.ToArray();
    }
}
