using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conductor.Rego.Builtins.Net;

/// <summary>
/// Parses and prints IP addresses the way Go's net package does (OPA's net.* builtins are defined by it):
/// dotted IPv4 without leading zeros, IPv6 without zones, IPv4-mapped IPv6 printed as IPv4, RFC 5952 output.
/// </summary>
internal static class IpAddressText
{
    /// <summary>Go's net.ParseIP: a 4-byte array for IPv4 text, a 16-byte array for IPv6 text; null when invalid.</summary>
    public static byte[]? Parse(string s)
    {
        if (s.Length == 0) return null;
        if (s.Contains(':')) return ParseV6(s);
        return ParseV4(s);
    }

    public static byte[]? ParseV4(string s)
    {
        var result = new byte[4];
        var part = 0;
        var i = 0;
        while (part < 4)
        {
            var start = i;
            var value = 0;
            while (i < s.Length && s[i] is >= '0' and <= '9')
            {
                value = value * 10 + (s[i] - '0');
                i++;
                if (i - start > 3) return null;
            }
            var len = i - start;
            // Go rejects empty fields, values above 255 and leading zeros ("01").
            if (len == 0 || value > 255 || (len > 1 && s[start] == '0')) return null;
            result[part++] = (byte)value;
            if (part < 4)
            {
                if (i >= s.Length || s[i] != '.') return null;
                i++;
            }
        }
        return i == s.Length ? result : null;
    }

    private static byte[]? ParseV6(string s)
    {
        // .NET accepts zones, brackets and ports; Go's ParseIP accepts none of them.
        foreach (var c in s)
        {
            if (!(char.IsAsciiHexDigit(c) || c is ':' or '.')) return null;
        }
        var lastColon = s.LastIndexOf(':');
        var tail = s[(lastColon + 1)..];
        if (tail.Contains('.') && ParseV4(tail) is null) return null;
        // Every group has at most four hex digits.
        var run = 0;
        foreach (var c in s)
        {
            if (c is ':' or '.') run = 0;
            else if (++run > 4) return null;
        }
        if (!IPAddress.TryParse(s, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        return address.GetAddressBytes();
    }

    /// <summary>True for a 16-byte address in ::ffff:0:0/96.</summary>
    public static bool IsV4Mapped(ReadOnlySpan<byte> ip)
    {
        if (ip.Length != 16) return false;
        for (var i = 0; i < 10; i++)
        {
            if (ip[i] != 0) return false;
        }
        return ip[10] == 0xff && ip[11] == 0xff;
    }

    /// <summary>Go's IP.To4: the 4-byte form of an IPv4 or IPv4-mapped address, else null.</summary>
    public static byte[]? To4(byte[] ip) => ip.Length == 4 ? ip : IsV4Mapped(ip) ? ip[12..] : null;

    /// <summary>Go's IP.String.</summary>
    public static string Format(ReadOnlySpan<byte> ip)
    {
        if (ip.Length == 4 || IsV4Mapped(ip))
        {
            var o = ip.Length == 4 ? 0 : 12;
            return string.Create(CultureInfo.InvariantCulture, $"{ip[o]}.{ip[o + 1]}.{ip[o + 2]}.{ip[o + 3]}");
        }
        // RFC 5952: the longest run (of at least two) of zero groups becomes "::", the first one on ties.
        Span<int> groups = stackalloc int[8];
        for (var i = 0; i < 8; i++) groups[i] = (ip[2 * i] << 8) | ip[2 * i + 1];
        int bestStart = -1, bestLen = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0) { i++; continue; }
            var j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        var sb = new StringBuilder();
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.Append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.Length > 0 && sb[^1] != ':') sb.Append(':');
            sb.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
