using System.Text;

namespace Conductor.Rego.Builtins.Encodings;

/// <summary>Go's net/url query escaping: <c>url.QueryEscape</c>, <c>url.QueryUnescape</c> and <c>url.ParseQuery</c>.</summary>
internal static class GoUrlQuery
{
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>Escapes everything but ASCII letters, digits and <c>-_.~</c>; spaces become '+'.</summary>
    public static string Escape(string s)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 15]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Unescapes %XX and '+'; a bad escape raises Go's <c>invalid URL escape "%zz"</c>.</summary>
    public static string Unescape(string s)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(s);
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == (byte)'%')
            {
                if (i + 2 >= bytes.Length || HexValue(bytes[i + 1]) < 0 || HexValue(bytes[i + 2]) < 0)
                {
                    var bad = bytes.AsSpan(i, Math.Min(3, bytes.Length - i));
                    throw BuiltinException.Error($"invalid URL escape \"{System.Text.Encoding.UTF8.GetString(bad)}\"");
                }
                output.Add((byte)((HexValue(bytes[i + 1]) << 4) | HexValue(bytes[i + 2])));
                i += 2;
            }
            else if (b == (byte)'+')
            {
                output.Add((byte)' ');
            }
            else
            {
                output.Add(b);
            }
        }
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Go's <c>url.ParseQuery</c>: pairs split on '&amp;', empty pairs skipped, semicolons rejected; the first error is raised.</summary>
    public static List<KeyValuePair<string, string>> Parse(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        BuiltinException? first = null;
        var rest = query;
        while (rest.Length > 0)
        {
            string key;
            var amp = rest.IndexOf('&');
            if (amp >= 0)
            {
                key = rest[..amp];
                rest = rest[(amp + 1)..];
            }
            else
            {
                key = rest;
                rest = "";
            }
            if (key.Contains(';'))
            {
                first ??= BuiltinException.Error("invalid semicolon separator in query");
                continue;
            }
            if (key.Length == 0) continue;
            var value = "";
            var eq = key.IndexOf('=');
            if (eq >= 0)
            {
                value = key[(eq + 1)..];
                key = key[..eq];
            }
            try
            {
                pairs.Add(new(Unescape(key), Unescape(value)));
            }
            catch (BuiltinException e)
            {
                first ??= e;
            }
        }
        if (first is not null) throw first;
        return pairs;
    }
}
