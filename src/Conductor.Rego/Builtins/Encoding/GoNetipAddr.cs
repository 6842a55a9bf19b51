using Conductor.Rego.Builtins.Strings;

namespace Conductor.Rego.Builtins.Encodings;

/// <summary>
/// Go's <c>netip.ParseAddr</c> as a check, with its error texts: dotted IPv4 (no leading zeros), IPv6 with at most
/// four hex digits a group, one "::", an embedded IPv4 tail, and an optional non-empty zone after '%'.
/// <see cref="GoUrl"/> uses it for the text inside a URL's brackets.
/// </summary>
internal static class GoNetipAddr
{
    /// <summary>Null when <paramref name="s"/> is an address (<paramref name="isV4"/> tells whether it is IPv4), else Go's error text.</summary>
    public static string? Parse(ReadOnlySpan<byte> s, out bool isV4)
    {
        isV4 = false;
        foreach (var c in s)
        {
            switch (c)
            {
                case (byte)'.':
                    isV4 = true;
                    var err = ParseV4Fields(s, 0, s.Length);
                    if (err is not null) isV4 = false;
                    return err;
                case (byte)':':
                    return ParseV6(s);
                case (byte)'%':
                    // Most likely an IPv6 address with a zone whose address part is missing.
                    return Error(s, "missing IPv6 address");
            }
        }
        return Error(s, "unable to parse IP");
    }

    private static string Error(ReadOnlySpan<byte> input, string message) => $"ParseAddr({GoFormatter.Quote(input)}): {message}";

    private static string Error(ReadOnlySpan<byte> input, string message, ReadOnlySpan<byte> at) =>
        at.IsEmpty ? Error(input, message) : $"ParseAddr({GoFormatter.Quote(input)}): {message} (at {GoFormatter.Quote(at)})";

    /// <summary>Go's <c>parseIPv4Fields</c> on <c>input[start:end]</c>; errors name the whole input.</summary>
    private static string? ParseV4Fields(ReadOnlySpan<byte> input, int start, int end)
    {
        var s = input[start..end];
        var value = 0;
        var fields = 0;
        var digits = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (digits == 1 && value == 0) return Error(input, "IPv4 field has octet with leading zero");
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) return Error(input, "IPv4 field has value >255");
            }
            else if (c == '.')
            {
                // ".1.2.3", "1.2.3." and "1..2.3".
                if (i == 0 || i == s.Length - 1 || s[i - 1] == '.') return Error(input, "IPv4 field must have at least one digit", s[i..]);
                if (fields == 3) return Error(input, "IPv4 address too long");
                fields++;
                value = 0;
                digits = 0;
            }
            else
            {
                return Error(input, "unexpected character", s[i..]);
            }
        }
        return fields < 3 ? Error(input, "IPv4 address too short") : null;
    }

    /// <summary>Go's <c>parseIPv6</c>.</summary>
    private static string? ParseV6(ReadOnlySpan<byte> input)
    {
        var s = input;
        var zoneLength = 0;
        var percent = s.IndexOf((byte)'%');
        if (percent >= 0)
        {
            zoneLength = s.Length - percent - 1;
            s = s[..percent];
            if (zoneLength == 0) return Error(input, "zone must be a non-empty string");
        }

        var ellipsis = -1; // the byte offset the "::" stands at
        if (s.Length >= 2 && s[0] == ':' && s[1] == ':')
        {
            ellipsis = 0;
            s = s[2..];
            if (s.IsEmpty) return null;
        }

        var i = 0; // bytes of the address filled so far
        while (i < 16)
        {
            var off = 0;
            while (off < s.Length && IsHex(s[off]))
            {
                if (off > 3) return Error(input, "each group must have 4 or less digits", s);
                off++;
            }
            if (off == 0) return Error(input, "each colon-separated field must have at least one digit", s);

            if (off < s.Length && s[off] == '.')
            {
                // A dotted IPv4 tail takes the last four bytes.
                if (ellipsis < 0 && i != 12) return Error(input, "embedded IPv4 address must replace the final 2 fields of the address", s);
                if (i + 4 > 16) return Error(input, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
                var end = input.Length - (zoneLength > 0 ? zoneLength + 1 : 0);
                var err = ParseV4Fields(input, end - s.Length, end);
                if (err is not null) return err;
                s = [];
                i += 4;
                break;
            }

            i += 2;
            s = s[off..];
            if (s.IsEmpty) break;
            if (s[0] != ':') return Error(input, "unexpected character, want colon", s);
            if (s.Length == 1) return Error(input, "colon must be followed by more characters", s);
            s = s[1..];
            if (s[0] == ':')
            {
                if (ellipsis >= 0) return Error(input, "multiple :: in address", s);
                ellipsis = i;
                s = s[1..];
                if (s.IsEmpty) break;
            }
        }

        if (!s.IsEmpty) return Error(input, "trailing garbage after address", s);
        if (i < 16)
        {
            if (ellipsis < 0) return Error(input, "address string too short");
        }
        else if (ellipsis >= 0)
        {
            return Error(input, "the :: must expand to at least one field of zeros");
        }
        return null;
    }

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
