using System.Globalization;
using System.Text;

namespace Conductor.Cli.Commands;

/// <summary>Formats a duration as Go's <c>time.Duration.String()</c> does ("1.133166ms", "330.75µs", "1m2.5s"), as OPA prints test times.</summary>
internal static class GoDurationFormatter
{
    public static string Format(TimeSpan duration)
    {
        var ns = duration.Ticks * 100;
        if (ns == 0) return "0s";
        var sign = ns < 0 ? "-" : "";
        var u = (ulong)Math.Abs(ns);
        if (u < 1_000) return sign + u.ToString(CultureInfo.InvariantCulture) + "ns";
        if (u < 1_000_000) return sign + Fraction(u, 3) + "µs";
        if (u < 1_000_000_000) return sign + Fraction(u, 6) + "ms";
        var sb = new StringBuilder(sign);
        var hours = u / 3_600_000_000_000UL;
        var rest = u % 3_600_000_000_000UL;
        var minutes = rest / 60_000_000_000UL;
        rest %= 60_000_000_000UL;
        if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0) sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        sb.Append(Fraction(rest, 9)).Append('s');
        return sb.ToString();
    }

    // value / 10^digits with the fraction's trailing zeros (and a bare point) dropped.
    private static string Fraction(ulong value, int digits)
    {
        ulong scale = 1;
        for (var i = 0; i < digits; i++) scale *= 10;
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var frac = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return frac.Length == 0 ? whole : whole + "." + frac;
    }
}
