using Conductor.Rego.Builtins;
using Conductor.Rego.Builtins.Time;

namespace Conductor.Rego;

/// <summary>
/// Go duration strings ("10s", "1m30s", "250ms", "1.5h", "-2h"), as OPA's flags and http.send take them; the one
/// parser behind time.parse_duration_ns, http.send's timeout and the CLI's --timeout.
/// </summary>
public static class GoDurations
{
    /// <summary>Parses a Go duration; false when the text is not one or does not fit in 64-bit nanoseconds.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        try
        {
            value = TimeSpan.FromTicks(GoDuration.Parse(text.Trim()) / 100);
            return true;
        }
        catch (BuiltinException)
        {
            value = TimeSpan.Zero;
            return false;
        }
    }
}
