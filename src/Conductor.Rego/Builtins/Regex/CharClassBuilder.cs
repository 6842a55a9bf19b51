using System.Globalization;
using System.Text;

namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>
/// Collects a character class as code point ranges (plus .NET class fragments such as \p{L}) and emits it for
/// .NET, where strings are UTF-16: code points above U+FFFF become surrogate-pair alternatives.
/// </summary>
internal sealed class CharClassBuilder
{
    private const int MaxRune = 0x10FFFF;
    private readonly List<(int Lo, int Hi)> _ranges = [];
    private readonly List<string> _fragments = [];

    public int Count => _ranges.Count;
    public int FragmentCount => _fragments.Count;
    public bool LastIsSingle => _ranges.Count > 0 && _ranges[^1].Lo == _ranges[^1].Hi;

    public void AddRange(int lo, int hi) => _ranges.Add((lo, hi));

    public int RemoveLast()
    {
        var last = _ranges[^1].Lo;
        _ranges.RemoveAt(_ranges.Count - 1);
        return last;
    }

    public void AddRanges(IEnumerable<(int Lo, int Hi)> ranges, bool negated)
    {
        _ranges.AddRange(negated ? Complement(Normalize(ranges)) : ranges);
    }

    public void AddFragment(string fragment) => _fragments.Add(fragment);

    public static List<(int Lo, int Hi)> Normalize(IEnumerable<(int Lo, int Hi)> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Lo).ToList();
        var result = new List<(int Lo, int Hi)>();
        foreach (var r in sorted)
        {
            if (result.Count > 0 && r.Lo <= result[^1].Hi + 1)
            {
                result[^1] = (result[^1].Lo, Math.Max(result[^1].Hi, r.Hi));
            }
            else result.Add(r);
        }
        return result;
    }

    public static List<(int Lo, int Hi)> Complement(List<(int Lo, int Hi)> normalized)
    {
        var result = new List<(int Lo, int Hi)>();
        var next = 0;
        foreach (var (lo, hi) in normalized)
        {
            if (lo > next) result.Add((next, lo - 1));
            next = hi + 1;
        }
        if (next <= MaxRune) result.Add((next, MaxRune));
        return result;
    }

    /// <summary>The .NET pattern text matching one code point of this class (or its complement).</summary>
    public string Emit(bool negated)
    {
        if (_fragments.Count > 0)
        {
            // Fragments (\p{..}) cannot be complemented as ranges: let .NET negate the class; supplementary ranges are approximated.
            var body = new StringBuilder();
            foreach (var (lo, hi) in Normalize(_ranges))
            {
                if (lo > 0xFFFF) continue;
                AppendBmpRange(body, lo, Math.Min(hi, 0xFFFF));
            }
            foreach (var f in _fragments) body.Append(f);
            return negated ? $@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^{body}])" : $"[{body}]";
        }
        var ranges = Normalize(_ranges);
        if (negated) ranges = Complement(ranges);
        var bmp = new StringBuilder();
        var alternatives = new List<string>();
        foreach (var (lo, hi) in ranges)
        {
            if (lo <= 0xFFFF)
            {
                var h = Math.Min(hi, 0xFFFF);
                // Lone surrogates never occur in valid text; leaving them out keeps pairs whole.
                if (lo < 0xD800) AppendBmpRange(bmp, lo, Math.Min(h, 0xD7FF));
                if (h > 0xDFFF) AppendBmpRange(bmp, Math.Max(lo, 0xE000), h);
            }
            if (hi > 0xFFFF) AddSupplementary(alternatives, Math.Max(lo, 0x10000), hi);
        }
        if (bmp.Length > 0) alternatives.Add("[" + bmp + "]");
        if (alternatives.Count == 0) return @"[^\s\S]";
        return alternatives.Count == 1 ? alternatives[0] : "(?:" + string.Join("|", alternatives) + ")";
    }

    private static void AppendBmpRange(StringBuilder sb, int lo, int hi)
    {
        if (lo > hi) return;
        sb.Append(Hex(lo));
        if (hi > lo) sb.Append('-').Append(Hex(hi));
    }

    private static void AddSupplementary(List<string> alternatives, int lo, int hi)
    {
        var (hsLo, lsLo) = Surrogates(lo);
        var (hsHi, lsHi) = Surrogates(hi);
        if (hsLo == hsHi)
        {
            alternatives.Add(Hex(hsLo) + Range(lsLo, lsHi));
            return;
        }
        alternatives.Add(Hex(hsLo) + Range(lsLo, 0xDFFF));
        if (hsHi - hsLo > 1) alternatives.Add(Range(hsLo + 1, hsHi - 1) + Range(0xDC00, 0xDFFF));
        alternatives.Add(Hex(hsHi) + Range(0xDC00, lsHi));
    }

    private static (int High, int Low) Surrogates(int cp)
    {
        var v = cp - 0x10000;
        return (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
    }

    private static string Range(int lo, int hi) => lo == hi ? Hex(lo) : "[" + Hex(lo) + "-" + Hex(hi) + "]";

    private static string Hex(int c) => @"\u" + c.ToString("X4", CultureInfo.InvariantCulture);
}
