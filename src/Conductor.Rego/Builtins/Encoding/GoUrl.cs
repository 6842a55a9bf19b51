using System.Diagnostics.CodeAnalysis;
using System.Text;
using Conductor.Rego.Builtins.Strings;

namespace Conductor.Rego.Builtins.Encodings;

/// <summary>
/// Go's <c>net/url</c>: <c>url.Parse</c> with its error texts, and the escaping and unescaping rules it applies to each
/// part of a URL. Like Go it works on the UTF-8 bytes; decoded parts that are not UTF-8 become U+FFFD.
/// </summary>
/// <remarks>
/// Hosts follow current Go (1.25.2 and later): a '[' may only open the host, and what the brackets enclose must be an
/// IPv6 address by netip.ParseAddr. Outside brackets the last colon starts the port, as with urlstrictcolons=0, the
/// default while OPA's go.mod names a Go release before 1.26.
/// </remarks>
internal static class GoUrl
{
    /// <summary>The part of a URL being escaped or unescaped (Go's <c>encoding</c> constants).</summary>
    internal enum Mode
    {
        Path,
        PathSegment,
        Host,
        Zone,
        UserPassword,
        QueryComponent,
        Fragment,
    }

    /// <summary>The fields of Go's <c>url.URL</c> that a parse fills in (user information is checked, not kept).</summary>
    internal sealed record Url(string Scheme, string Opaque, string Host, string Path, string RawPath, bool ForceQuery, string RawQuery, string Fragment)
    {
        /// <summary><c>u.Hostname()</c>: the host without a valid port, without IPv6 brackets.</summary>
        public string Hostname => SplitHostPort(Host).Host;

        /// <summary><c>u.Port()</c>: the digits after the last colon, or empty.</summary>
        public string Port => SplitHostPort(Host).Port;
    }

    private static readonly UTF8Encoding Utf8 = new(false, false);

    /// <summary><c>url.Parse</c>. On failure <paramref name="error"/> is Go's text: <c>parse "…": reason</c>.</summary>
    public static bool TryParse(string rawUrl, [NotNullWhen(true)] out Url? url, [NotNullWhen(false)] out string? error)
    {
        ReadOnlySpan<byte> raw = Encoding.UTF8.GetBytes(rawUrl);
        var hash = raw.IndexOf((byte)'#');
        var beforeFragment = hash < 0 ? raw : raw[..hash];
        var fields = new Fields();
        var err = Parse(beforeFragment, fields);
        if (err is not null)
        {
            url = null;
            error = $"parse {GoFormatter.Quote(beforeFragment)}: {err}";
            return false;
        }
        if (hash >= 0 && hash + 1 < raw.Length)
        {
            // Only the decoded fragment is kept: Go's RawFragment is a hint nothing here reads.
            err = Unescape(raw[(hash + 1)..], Mode.Fragment, out var fragment);
            if (err is not null)
            {
                url = null;
                error = $"parse {GoFormatter.Quote(raw)}: {err}";
                return false;
            }
            fields.Fragment = Text(fragment);
        }
        url = new Url(fields.Scheme, fields.Opaque, fields.Host, fields.Path, fields.RawPath, fields.ForceQuery, fields.RawQuery, fields.Fragment);
        error = null;
        return true;
    }

    private sealed class Fields
    {
        public string Scheme = "";
        public string Opaque = "";
        public string Host = "";
        public string Path = "";
        public string RawPath = "";
        public bool ForceQuery;
        public string RawQuery = "";
        public string Fragment = "";
    }

    /// <summary>Go's <c>parse(rawURL, viaRequest: false)</c>; returns the error text or null.</summary>
    private static string? Parse(ReadOnlySpan<byte> raw, Fields url)
    {
        foreach (var b in raw)
        {
            if (b < 0x20 || b == 0x7f) return "net/url: invalid control character in URL";
        }
        if (raw.SequenceEqual("*"u8))
        {
            url.Path = "*";
            return null;
        }

        // Split off a leading "http:", "mailto:" and the like; a scheme cannot contain escapes.
        var err = GetScheme(raw, out var scheme, out var rest);
        if (err is not null) return err;
        url.Scheme = Encoding.ASCII.GetString(scheme).ToLowerInvariant();

        if (rest.EndsWith("?"u8) && rest.Count((byte)'?') == 1)
        {
            url.ForceQuery = true;
            rest = rest[..^1];
        }
        else
        {
            var q = rest.IndexOf((byte)'?');
            if (q >= 0)
            {
                url.RawQuery = Text(rest[(q + 1)..]);
                rest = rest[..q];
            }
        }

        if (!rest.StartsWith("/"u8))
        {
            if (url.Scheme.Length > 0)
            {
                // A rootless path after a scheme is opaque (RFC 3986).
                url.Opaque = Text(rest);
                return null;
            }
            // RFC 3986 §3.3: in a relative-path reference the first segment cannot contain a colon.
            var slash = rest.IndexOf((byte)'/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Contains((byte)':')) return "first path segment in URL cannot contain colon";
        }

        if ((url.Scheme.Length > 0 || !rest.StartsWith("///"u8)) && rest.StartsWith("//"u8))
        {
            var authority = rest[2..];
            rest = [];
            var slash = authority.IndexOf((byte)'/');
            if (slash >= 0)
            {
                rest = authority[slash..];
                authority = authority[..slash];
            }
            err = ParseAuthority(authority, out var host);
            if (err is not null) return err;
            url.Host = Text(host);
        }

        // Path is the decoded path; RawPath is kept only when escaping Path does not give back the original.
        err = Unescape(rest, Mode.Path, out var path);
        if (err is not null) return err;
        url.Path = Text(path);
        url.RawPath = Escape(path, Mode.Path).AsSpan().SequenceEqual(rest) ? "" : Text(rest);
        return null;
    }

    /// <summary>Go's <c>getScheme</c>: <c>[a-zA-Z][a-zA-Z0-9+-.]*</c> before a colon, else no scheme.</summary>
    private static string? GetScheme(ReadOnlySpan<byte> raw, out ReadOnlySpan<byte> scheme, out ReadOnlySpan<byte> rest)
    {
        scheme = [];
        rest = raw;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (IsAsciiLetter(c)) continue;
            if (c is >= (byte)'0' and <= (byte)'9' or (byte)'+' or (byte)'-' or (byte)'.')
            {
                if (i == 0) return null;
                continue;
            }
            if (c == ':')
            {
                if (i == 0) return "missing protocol scheme";
                scheme = raw[..i];
                rest = raw[(i + 1)..];
            }
            // Any other byte means there is no valid scheme.
            return null;
        }
        return null;
    }

    private static string? ParseAuthority(ReadOnlySpan<byte> authority, out byte[] host)
    {
        var at = authority.LastIndexOf((byte)'@');
        var err = ParseHost(at < 0 ? authority : authority[(at + 1)..], out host);
        if (err is not null || at < 0) return err;
        var userinfo = authority[..at];
        if (!ValidUserinfo(userinfo)) return "net/url: invalid userinfo";
        var colon = userinfo.IndexOf((byte)':');
        if (colon < 0) return Unescape(userinfo, Mode.UserPassword, out _);
        return Unescape(userinfo[..colon], Mode.UserPassword, out _) ?? Unescape(userinfo[(colon + 1)..], Mode.UserPassword, out _);
    }

    /// <summary>Go's <c>parseHost</c>: host[:port], or an IPv6 literal in brackets with an optional RFC 6874 zone.</summary>
    private static string? ParseHost(ReadOnlySpan<byte> host, out byte[] result)
    {
        result = [];
        var open = host.LastIndexOf((byte)'[');
        if (open > 0) return "invalid IP-literal";
        if (open == 0)
        {
            var close = host.LastIndexOf((byte)']');
            if (close < 0) return "missing ']' in host";
            var colonPort = host[(close + 1)..];
            if (!ValidOptionalPort(colonPort)) return $"invalid port {GoFormatter.Quote(colonPort)} after host";
            // The port is a colon and digits, which host unescaping leaves as they are.
            var literal = host[1..close];
            byte[] unescaped;
            // "%25" (an escaped '%') starts the zone, which may use escapes the address part may not.
            var zone = literal.IndexOf("%25"u8);
            if (zone >= 0)
            {
                var err = Unescape(literal[..zone], Mode.Host, out var address);
                if (err is not null) return err;
                err = Unescape(literal[zone..], Mode.Zone, out var zoneText);
                if (err is not null) return err;
                unescaped = [.. address, .. zoneText];
            }
            else
            {
                var err = Unescape(literal, Mode.Host, out unescaped);
                if (err is not null) return err;
            }
            // RFC 3986: only an IPv6 address may be enclosed in brackets (an IPv4-mapped one included).
            var addrErr = GoNetipAddr.Parse(unescaped, out var isV4);
            if (addrErr is not null) return "invalid host: " + addrErr;
            if (isV4) return "invalid IP-literal";
            result = [(byte)'[', .. unescaped, (byte)']', .. colonPort];
            return null;
        }
        var lastColon = host.LastIndexOf((byte)':');
        if (lastColon >= 0 && !ValidOptionalPort(host[lastColon..]))
            return $"invalid port {GoFormatter.Quote(host[lastColon..])} after host";
        return Unescape(host, Mode.Host, out result);
    }

    /// <summary>Empty, or a colon followed by digits only.</summary>
    private static bool ValidOptionalPort(ReadOnlySpan<byte> port)
    {
        if (port.IsEmpty) return true;
        if (port[0] != ':') return false;
        foreach (var b in port[1..])
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
        }
        return true;
    }

    /// <summary>RFC 3986 §3.2.1 userinfo characters, '%' and '@'; escapes themselves are checked when unescaping.</summary>
    private static bool ValidUserinfo(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (IsAsciiLetter(b) || b is >= (byte)'0' and <= (byte)'9') continue;
            switch (b)
            {
                case (byte)'-' or (byte)'.' or (byte)'_' or (byte)':' or (byte)'~' or (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\''
                    or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)'%' or (byte)'@':
                    continue;
                default:
                    // Go reads runes here, so any byte of a non-ASCII character fails too.
                    return false;
            }
        }
        return true;
    }

    /// <summary>Go's <c>splitHostPort</c>: splits at the last colon only when a numeric port follows; drops IPv6 brackets.</summary>
    private static (string Host, string Port) SplitHostPort(string hostPort)
    {
        var host = hostPort;
        var port = "";
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && !host.AsSpan(colon + 1).ContainsAnyExceptInRange('0', '9'))
        {
            port = host[(colon + 1)..];
            host = host[..colon];
        }
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return (host, port);
    }

    /// <summary>Go's <c>shouldEscape</c>: whether a byte must be escaped in the given part of a URL.</summary>
    public static bool ShouldEscape(byte c, Mode mode)
    {
        // RFC 3986 §2.3 unreserved alphanumerics.
        if (IsAsciiLetter(c) || c is >= (byte)'0' and <= (byte)'9') return false;

        if (mode is Mode.Host or Mode.Zone)
        {
            // §3.2.2 sub-delims in reg-name, plus ':' (for the port), brackets (IPv6), and '<', '>', '"', which Go leaves
            // alone because hosts cannot %-encode ASCII.
            switch (c)
            {
                case (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\'' or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)','
                    or (byte)';' or (byte)'=' or (byte)':' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'"':
                    return false;
            }
        }

        switch (c)
        {
            case (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~':
                return false;
            case (byte)'$' or (byte)'&' or (byte)'+' or (byte)',' or (byte)'/' or (byte)':' or (byte)';' or (byte)'=' or (byte)'?' or (byte)'@':
                // Reserved characters: each part of a URL allows a few of them unescaped.
                switch (mode)
                {
                    case Mode.Path: return c == '?';
                    case Mode.PathSegment: return c is (byte)'/' or (byte)';' or (byte)',' or (byte)'?';
                    case Mode.UserPassword: return c is (byte)'@' or (byte)'/' or (byte)'?' or (byte)':';
                    case Mode.QueryComponent: return true;
                    case Mode.Fragment: return false;
                }
                break;
        }

        // In fragments Go leaves the sub-delims '!', '(', ')' and '*' unescaped (but not the single quote).
        if (mode == Mode.Fragment && c is (byte)'!' or (byte)'(' or (byte)')' or (byte)'*') return false;

        return true;
    }

    /// <summary>
    /// Go's <c>unescape</c>: decodes %XX (and '+' as a space in query components). Returns Go's error text for a
    /// malformed escape, for an escape a host may not use (hosts may only escape non-ASCII bytes, and "%25" for a
    /// zone), or for a character a host may not contain.
    /// </summary>
    public static string? Unescape(ReadOnlySpan<byte> s, Mode mode, out byte[] result)
    {
        result = [];
        var escapes = 0;
        var hasPlus = false;
        for (var i = 0; i < s.Length;)
        {
            switch (s[i])
            {
                case (byte)'%':
                    escapes++;
                    if (i + 2 >= s.Length || HexValue(s[i + 1]) < 0 || HexValue(s[i + 2]) < 0)
                    {
                        var bad = s[i..];
                        return EscapeError(bad.Length > 3 ? bad[..3] : bad);
                    }
                    var isPercent = s.Slice(i, 3).SequenceEqual("%25"u8);
                    if (mode == Mode.Host && HexValue(s[i + 1]) < 8 && !isPercent) return EscapeError(s.Slice(i, 3));
                    if (mode == Mode.Zone)
                    {
                        // A zone may escape only bytes it could hold unescaped (and a space, which Windows uses).
                        var v = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                        if (!isPercent && v != ' ' && ShouldEscape(v, Mode.Host)) return EscapeError(s.Slice(i, 3));
                    }
                    i += 3;
                    break;
                case (byte)'+':
                    hasPlus = mode == Mode.QueryComponent;
                    i++;
                    break;
                default:
                    if (mode is Mode.Host or Mode.Zone && s[i] < 0x80 && ShouldEscape(s[i], mode))
                        return $"invalid character {GoFormatter.Quote(s.Slice(i, 1))} in host name";
                    i++;
                    break;
            }
        }

        if (escapes == 0 && !hasPlus)
        {
            result = s.ToArray();
            return null;
        }
        var output = new byte[s.Length - 2 * escapes];
        var j = 0;
        for (var i = 0; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'%':
                    output[j++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                    i += 2;
                    break;
                case (byte)'+':
                    output[j++] = mode == Mode.QueryComponent ? (byte)' ' : (byte)'+';
                    break;
                default:
                    output[j++] = s[i];
                    break;
            }
        }
        result = output;
        return null;
    }

    private static string EscapeError(ReadOnlySpan<byte> s) => "invalid URL escape " + GoFormatter.Quote(s);

    /// <summary>Go's <c>escape</c>: %XX (upper-case hex) for every byte <see cref="ShouldEscape"/> names; in query
    /// components a space becomes '+'.</summary>
    public static byte[] Escape(ReadOnlySpan<byte> s, Mode mode)
    {
        const string upperHex = "0123456789ABCDEF";
        var output = new List<byte>(s.Length);
        foreach (var c in s)
        {
            if (c == ' ' && mode == Mode.QueryComponent)
            {
                output.Add((byte)'+');
            }
            else if (ShouldEscape(c, mode))
            {
                output.Add((byte)'%');
                output.Add((byte)upperHex[c >> 4]);
                output.Add((byte)upperHex[c & 15]);
            }
            else
            {
                output.Add(c);
            }
        }
        return output.ToArray();
    }

    /// <summary>Decoded bytes as text; bytes that are not UTF-8 become U+FFFD, as when OPA prints them.</summary>
    public static string Text(ReadOnlySpan<byte> bytes) => Utf8.GetString(bytes);

    private static bool IsAsciiLetter(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
