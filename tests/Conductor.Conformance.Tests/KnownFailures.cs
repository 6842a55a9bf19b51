namespace Conductor.Conformance.Tests;

/// <summary>The known-failures list: case keys ("file note") with the reason each does not pass yet.</summary>
public sealed class KnownFailures
{
    private readonly Dictionary<string, string> _reasons;

    private KnownFailures(Dictionary<string, string> reasons) => _reasons = reasons;

    public int Count => _reasons.Count;

    /// <summary>
    /// Parses lines "file note: reason" against the keys of the cases that exist (notes may themselves contain
    /// ": ", so a line is matched by the longest "file note" prefix that is a real case key). Lines naming no case
    /// are returned in <paramref name="unknown"/>, so a stale entry is noticed.
    /// </summary>
    public static KnownFailures Parse(IEnumerable<string> lines, IReadOnlySet<string> caseKeys, out List<string> unknown)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        unknown = [];
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string? key = null;
            var at = line.Length;
            while ((at = line.LastIndexOf(": ", at - 1, StringComparison.Ordinal)) > 0)
            {
                if (caseKeys.Contains(line[..at]))
                {
                    key = line[..at];
                    break;
                }
            }
            // A line may also name a case without a reason.
            if (key is null && caseKeys.Contains(line.TrimEnd(':'))) key = line.TrimEnd(':');
            if (key is null)
            {
                unknown.Add(line);
                continue;
            }
            reasons[key] = key.Length + 2 <= line.Length ? line[(key.Length + 2)..] : "";
        }
        return new KnownFailures(reasons);
    }

    public bool TryGetReason(string key, out string reason) => _reasons.TryGetValue(key, out reason!);
}
