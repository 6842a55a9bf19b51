using System.Text;

namespace Conductor.Rego.Builtins.Encodings;

/// <summary>
/// Base64 as Go's encoding/base64 does it: the standard and URL alphabets, with or without padding, a lenient
/// decoder that skips CR and LF and accepts non-zero trailing bits, and Go's "illegal base64 data at input byte N" errors.
/// </summary>
internal static class GoBase64
{
    private const string StdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Encode(byte[] data, bool url, bool pad)
    {
        var alphabet = url ? UrlAlphabet : StdAlphabet;
        var sb = new StringBuilder((data.Length + 2) / 3 * 4);
        var i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            var v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            sb.Append(alphabet[(v >> 18) & 63]).Append(alphabet[(v >> 12) & 63]).Append(alphabet[(v >> 6) & 63]).Append(alphabet[v & 63]);
        }
        var rest = data.Length - i;
        if (rest == 1)
        {
            var v = data[i] << 16;
            sb.Append(alphabet[(v >> 18) & 63]).Append(alphabet[(v >> 12) & 63]);
            if (pad) sb.Append("==");
        }
        else if (rest == 2)
        {
            var v = (data[i] << 16) | (data[i + 1] << 8);
            sb.Append(alphabet[(v >> 18) & 63]).Append(alphabet[(v >> 12) & 63]).Append(alphabet[(v >> 6) & 63]);
            if (pad) sb.Append('=');
        }
        return sb.ToString();
    }

    /// <summary>Decodes; on failure returns null and the byte offset Go would report.</summary>
    public static byte[]? Decode(byte[] src, bool url, bool pad, out long errorOffset)
    {
        var alphabet = url ? UrlAlphabet : StdAlphabet;
        var map = new int[256];
        Array.Fill(map, -1);
        for (var k = 0; k < alphabet.Length; k++) map[alphabet[k]] = k;
        var output = new List<byte>(src.Length * 3 / 4);
        var si = 0;
        errorOffset = -1;
        Span<int> quantum = stackalloc int[4];
        while (true)
        {
            var dlen = 4;
            var j = 0;
            var finished = false;
            for (; j < 4; j++)
            {
                if (si == src.Length)
                {
                    if (j == 0) return output.ToArray();
                    if (j == 1 || pad)
                    {
                        errorOffset = si - j;
                        return null;
                    }
                    dlen = j;
                    finished = true;
                    break;
                }
                var c = src[si++];
                if (map[c] >= 0)
                {
                    quantum[j] = map[c];
                    continue;
                }
                if (c is (byte)'\n' or (byte)'\r')
                {
                    j--;
                    continue;
                }
                if (!pad || c != (byte)'=')
                {
                    errorOffset = si - 1;
                    return null;
                }
                // Padding: only after two or three symbols, and nothing but newlines after it.
                switch (j)
                {
                    case 0:
                    case 1:
                        errorOffset = si - 1;
                        return null;
                    case 2:
                        while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r') si++;
                        if (si == src.Length)
                        {
                            errorOffset = src.Length;
                            return null;
                        }
                        if (src[si] != (byte)'=')
                        {
                            errorOffset = si - 1;
                            return null;
                        }
                        si++;
                        break;
                }
                while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r') si++;
                if (si < src.Length)
                {
                    errorOffset = si;
                    return null;
                }
                dlen = j;
                finished = true;
                break;
            }
            var val = 0;
            for (var k = 0; k < 4; k++) val = (val << 6) | (k < dlen ? quantum[k] : 0);
            if (dlen >= 2) output.Add((byte)(val >> 16));
            if (dlen >= 3) output.Add((byte)(val >> 8));
            if (dlen >= 4) output.Add((byte)val);
            if (finished) return output.ToArray();
        }
    }
}
