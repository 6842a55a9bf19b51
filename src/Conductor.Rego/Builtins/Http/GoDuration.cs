using System.Globalization;

namespace Conductor.Rego.Builtins.Http;

/// <summary>Parses Go duration strings ("5s", "1m30s", "250ms", "1.5h") as http.send's timeout takes them.</summary>
internal static class GoDuration
{
    public static TimeSpan? TryParse(string s)
    {
        if (s.Length == 0) return null;
        if (s == "0") return TimeSpan.Zero;
        var i = 0;
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i++;
        }
        double totalNs = 0;
        var any = false;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start) return null;
            if (!double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            double scale = s[unitStart..i] switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => -1,
            };
            if (scale < 0) return null;
            totalNs += value * scale;
            any = true;
        }
        if (!any) return null;
        var ticks = (long)(totalNs / 100);
        return TimeSpan.FromTicks(negative ? -ticks : ticks);
    }
}
