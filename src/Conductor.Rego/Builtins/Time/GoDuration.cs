using System.Text;

namespace Conductor.Rego.Builtins.Time;

/// <summary>
/// Go's <c>time.ParseDuration</c> ("1h2m3.5s", "300ms", "1µs", signs, fractions) with its overflow rules and error
/// texts, plus the day, week and year units ("d" = 24h, "w" = 7d, "y" = 365d) that newer OPA releases accept.
/// </summary>
internal static class GoDuration
{
    private const ulong Limit = 1UL << 63;

    private static ulong? Unit(string unit) => unit switch
    {
        "ns" => 1UL,
        "us" or "\u00b5s" or "\u03bcs" => 1_000UL,
        "ms" => 1_000_000UL,
        "s" => 1_000_000_000UL,
        "m" => 60_000_000_000UL,
        "h" => 3_600_000_000_000UL,
        "d" => 86_400_000_000_000UL,
        "w" => 604_800_000_000_000UL,
        "y" => 31_536_000_000_000_000UL,
        _ => null,
    };

    public static long Parse(string orig)
    {
        var s = orig.AsSpan();
        var neg = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s is "0") return 0;
        if (s.Length == 0) throw Invalid(orig);
        ulong d = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0]))) throw Invalid(orig);
            // Integer part.
            var before = s.Length;
            ulong v = 0;
            var i = 0;
            for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
            {
                if (v > Limit / 10) throw Invalid(orig);
                v = v * 10 + (ulong)(s[i] - '0');
                if (v > Limit) throw Invalid(orig);
            }
            s = s[i..];
            var pre = before != s.Length;
            // Fraction.
            ulong f = 0;
            var scale = 1.0;
            var post = false;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                var fracStart = s.Length;
                var overflow = false;
                i = 0;
                for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
                {
                    if (overflow) continue;
                    if (f > (Limit - 1) / 10)
                    {
                        overflow = true;
                        continue;
                    }
                    var y = f * 10 + (ulong)(s[i] - '0');
                    if (y > Limit)
                    {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                s = s[i..];
                post = fracStart != s.Length;
            }
            if (!pre && !post) throw Invalid(orig);
            // Unit: everything up to the next digit or dot.
            i = 0;
            while (i < s.Length && !(s[i] == '.' || char.IsAsciiDigit(s[i]))) i++;
            if (i == 0) throw BuiltinException.Error("time: missing unit in duration " + GoQuote(orig));
            var unitText = s[..i].ToString();
            s = s[i..];
            var unit = Unit(unitText) ?? throw BuiltinException.Error("time: unknown unit " + GoQuote(unitText) + " in duration " + GoQuote(orig));
            if (v > Limit / unit) throw Invalid(orig);
            v *= unit;
            if (f > 0)
            {
                v += (ulong)(f * (unit / scale));
                if (v > Limit) throw Invalid(orig);
            }
            d += v;
            if (d > Limit) throw Invalid(orig);
        }
        if (neg) return d == Limit ? long.MinValue : -(long)d;
        if (d > Limit - 1) throw Invalid(orig);
        return (long)d;
    }

    private static BuiltinException Invalid(string orig) => BuiltinException.Error("time: invalid duration " + GoQuote(orig));

    /// <summary>The time package's quote: double quotes, with bytes outside printable ASCII as \x escapes.</summary>
    public static string GoQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        Span<byte> buf = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value >= 0x80 || rune.Value < ' ')
            {
                var n = rune.EncodeToUtf8(buf);
                for (var j = 0; j < n; j++) sb.Append("\\x").Append(buf[j].ToString("x2"));
            }
            else
            {
                if (rune.Value is '"' or '\\') sb.Append('\\');
                sb.Append((char)rune.Value);
            }
        }
        return sb.Append('"').ToString();
    }
}
