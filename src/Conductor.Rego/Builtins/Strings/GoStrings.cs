using System.Text;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>Go's strings package behaviour where .NET differs (empty separators split between runes, cutsets are rune sets).</summary>
internal static class GoStrings
{
    /// <summary>strings.Split / SplitN: an empty separator splits after each code point.</summary>
    public static List<string> Split(string s, string sep, int n)
    {
        var parts = new List<string>();
        if (n == 0) return parts;
        if (sep.Length == 0)
        {
            var i = 0;
            while (i < s.Length && (n < 0 || parts.Count < n - 1))
            {
                var w = CodePoints.Width(s, i);
                parts.Add(s.Substring(i, w));
                i += w;
            }
            if (i < s.Length) parts.Add(s[i..]);
            return parts;
        }
        var start = 0;
        while (n < 0 || parts.Count < n - 1)
        {
            var j = s.IndexOf(sep, start, StringComparison.Ordinal);
            if (j < 0) break;
            parts.Add(s[start..j]);
            start = j + sep.Length;
        }
        parts.Add(s[start..]);
        return parts;
    }

    /// <summary>strings.Replace: an empty old string matches before each code point and at the end.</summary>
    public static string ReplaceAll(string s, string oldValue, string newValue, int n)
    {
        if (oldValue.Length > 0) return n < 0 ? s.Replace(oldValue, newValue, StringComparison.Ordinal) : ReplaceCount(s, oldValue, newValue, n);
        var sb = new StringBuilder(s.Length + newValue.Length * (s.Length + 1));
        var done = 0;
        var i = 0;
        while (true)
        {
            if (n < 0 || done < n)
            {
                sb.Append(newValue);
                done++;
            }
            if (i >= s.Length) break;
            var w = CodePoints.Width(s, i);
            sb.Append(s, i, w);
            i += w;
        }
        return sb.ToString();
    }

    private static string ReplaceCount(string s, string oldValue, string newValue, int n)
    {
        var sb = new StringBuilder();
        var start = 0;
        for (var k = 0; k < n; k++)
        {
            var j = s.IndexOf(oldValue, start, StringComparison.Ordinal);
            if (j < 0) break;
            sb.Append(s, start, j - start).Append(newValue);
            start = j + oldValue.Length;
        }
        return sb.Append(s, start, s.Length - start).ToString();
    }

    /// <summary>strings.Count: non-overlapping occurrences; an empty substring counts code points + 1.</summary>
    public static int Count(string s, string sub)
    {
        if (sub.Length == 0) return CodePoints.Count(s) + 1;
        var count = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    public static string TrimLeft(string s, string cutset)
    {
        if (cutset.Length == 0) return s;
        var set = CutSet(cutset);
        var i = 0;
        while (i < s.Length)
        {
            var w = CodePoints.Width(s, i);
            if (!set.Contains(CodePointAt(s, i, w))) break;
            i += w;
        }
        return s[i..];
    }

    public static string TrimRight(string s, string cutset)
    {
        if (cutset.Length == 0) return s;
        var set = CutSet(cutset);
        var end = s.Length;
        while (end > 0)
        {
            var w = end >= 2 && char.IsLowSurrogate(s[end - 1]) && char.IsHighSurrogate(s[end - 2]) ? 2 : 1;
            if (!set.Contains(CodePointAt(s, end - w, w))) break;
            end -= w;
        }
        return s[..end];
    }

    private static HashSet<int> CutSet(string cutset)
    {
        var set = new HashSet<int>();
        for (var i = 0; i < cutset.Length;)
        {
            var w = CodePoints.Width(cutset, i);
            set.Add(CodePointAt(cutset, i, w));
            i += w;
        }
        return set;
    }

    private static int CodePointAt(string s, int i, int width) => width == 2 ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];

    /// <summary>
    /// strings.NewReplacer(old1, new1, ...).Replace(s): scanning left to right, at each position the first pair
    /// (in argument order) whose old string matches is replaced, and the output is not rescanned. An empty old
    /// string matches once at every position (including the end); after it the same position is tried again
    /// without it, so {"": "X", "a": "Y"} turns "ab" into "XYXbX".
    /// </summary>
    public static string Replacer(string s, List<(string Old, string New)> pairs)
    {
        if (pairs.Count == 0) return s;
        var sb = new StringBuilder(s.Length);
        var i = 0;
        var emptyMatchedAt = -1;
        while (true)
        {
            var matched = false;
            foreach (var (oldValue, newValue) in pairs)
            {
                if (oldValue.Length == 0)
                {
                    if (emptyMatchedAt == i) continue;
                    sb.Append(newValue);
                    emptyMatchedAt = i;
                    matched = true;
                    break;
                }
                if (i + oldValue.Length <= s.Length && string.CompareOrdinal(s, i, oldValue, 0, oldValue.Length) == 0)
                {
                    sb.Append(newValue);
                    i += oldValue.Length;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
            if (i >= s.Length) break;
            var w = CodePoints.Width(s, i);
            sb.Append(s, i, w);
            i += w;
        }
        return sb.ToString();
    }
}
