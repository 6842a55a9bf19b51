using System.Globalization;

namespace Conductor.Cli.Commands;

/// <summary>Parses durations in Go's syntax as OPA's flags take them: "10s", "1m30s", "250ms", "1.5h", "0".</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.Trim();
        if (s.Length == 0) return false;
        if (s == "0") return true;
        double totalNs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (start == i) return false;
            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return false;
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
            if (scale < 0) return false;
            totalNs += n * scale;
        }
        if (totalNs / 100 > TimeSpan.MaxValue.Ticks) return false;
        value = TimeSpan.FromTicks((long)(totalNs / 100));
        return true;
    }
}
