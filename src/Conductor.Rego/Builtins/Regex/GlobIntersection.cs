using System.Globalization;

namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>
/// regex.globs_match: whether two simple patterns (literals, '.', character classes, each optionally followed by
/// '*' or '+') can match a common string — the gintersect algorithm OPA uses. Decided by a breadth-first search over
/// pairs of positions, so time is bounded by the product of the pattern lengths.
/// </summary>
internal static class GlobIntersection
{
    private const long MaxStates = 4_000_000;

    private sealed record Token(List<(int Lo, int Hi)> Set, bool Star);

    public static bool NonEmpty(string a, string b)
    {
        var ta = Tokenize(a);
        var tb = Tokenize(b);
        // The search visits at most (|a|+1)·(|b|+1) states; refuse sizes that would take unbounded time and memory.
        if ((long)(ta.Count + 1) * (tb.Count + 1) > MaxStates) throw BuiltinException.Error("patterns too large to intersect");
        var seen = new HashSet<(int, int)>();
        var queue = new Queue<(int, int)>();
        queue.Enqueue((0, 0));
        seen.Add((0, 0));
        while (queue.Count > 0)
        {
            var (i, j) = queue.Dequeue();
            if (i == ta.Count && j == tb.Count) return true;
            void Visit(int x, int y)
            {
                if (seen.Add((x, y))) queue.Enqueue((x, y));
            }
            // Skipping a starred token consumes nothing.
            if (i < ta.Count && ta[i].Star) Visit(i + 1, j);
            if (j < tb.Count && tb[j].Star) Visit(i, j + 1);
            if (i < ta.Count && j < tb.Count && Overlap(ta[i].Set, tb[j].Set))
            {
                // One common character: a starred token may stay for more.
                Visit(ta[i].Star ? i : i + 1, tb[j].Star ? j : j + 1);
                Visit(i + 1, j + 1);
                if (ta[i].Star) Visit(i, j + 1);
                if (tb[j].Star) Visit(i + 1, j);
            }
        }
        return false;
    }

    private static bool Overlap(List<(int Lo, int Hi)> x, List<(int Lo, int Hi)> y)
    {
        foreach (var (a, b) in x)
        {
            foreach (var (c, d) in y)
            {
                if (a <= d && c <= b) return true;
            }
        }
        return false;
    }

    private static Exception Invalid(string input, int pos, string why) =>
        BuiltinException.Error($"input:{input}, pos:{pos.ToString(CultureInfo.InvariantCulture)}, {why}: the input provided is invalid");

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            List<(int, int)> set;
            var c = s[i];
            if (c == '.')
            {
                set = [(0, 0x10FFFF)];
                i++;
            }
            else if (c == '[')
            {
                var close = -1;
                for (var k = i + 1; k < s.Length; k++)
                {
                    if (s[k] == '\\') { k++; continue; }
                    if (s[k] == ']') { close = k; break; }
                }
                if (close < 0) throw Invalid(s, s.Length, "found [ without matching ]");
                set = ParseSet(s, i + 1, close);
                i = close + 1;
            }
            else if (c == ']')
            {
                throw Invalid(s, i + 1, "set-close ']' with no preceding '['");
            }
            else if (c == '\\')
            {
                if (i + 1 >= s.Length) throw Invalid(s, i, "input ends with a \\\\ (escape) character");
                var cp = CodePointReader.At(s, i + 1, out var w);
                set = [(cp, cp)];
                i += 1 + w;
            }
            else if (c is '*' or '+')
            {
                throw Invalid(s, i + 1, $"found a quantifier '{c}' without a preceding character");
            }
            else
            {
                var cp = CodePointReader.At(s, i, out var w);
                set = [(cp, cp)];
                i += w;
            }
            var star = false;
            var plus = false;
            if (i < s.Length && s[i] is '*' or '+')
            {
                star = s[i] == '*';
                plus = s[i] == '+';
                i++;
            }
            if (plus)
            {
                // x+ is x x*.
                tokens.Add(new Token(set, false));
                tokens.Add(new Token(set, true));
            }
            else tokens.Add(new Token(set, star));
        }
        return tokens;
    }

    private static List<(int, int)> ParseSet(string s, int start, int end)
    {
        var ranges = new List<(int, int)>();
        var negated = start < end && s[start] == '^';
        var i = negated ? start + 1 : start;
        while (i < end)
        {
            var lo = ReadSetChar(s, ref i);
            if (i + 1 < end && s[i] == '-')
            {
                i++;
                var hi = ReadSetChar(s, ref i);
                if (hi < lo)
                    throw Invalid(s, i, $"range is out of order: '{Text(hi)}' comes before '{Text(lo)}' in Unicode");
                ranges.Add((lo, hi));
            }
            else ranges.Add((lo, lo));
        }
        if (!negated) return ranges;
        var normalized = CharClassBuilder.Normalize(ranges.Select(r => (r.Item1, r.Item2)));
        return CharClassBuilder.Complement(normalized).Select(r => (r.Lo, r.Hi)).ToList();
    }

    private static string Text(int cp) => cp > 0xFFFF ? char.ConvertFromUtf32(cp) : ((char)cp).ToString();

    private static int ReadSetChar(string s, ref int i)
    {
        if (s[i] == '\\' && i + 1 < s.Length) i++;
        var cp = CodePointReader.At(s, i, out var w);
        i += w;
        return cp;
    }
}
