namespace Conductor.Rego.Builtins.Strings;

/// <summary>Code point (Go rune) arithmetic over UTF-16 strings: a surrogate pair is one code point.</summary>
internal static class CodePoints
{
    /// <summary>The number of code points in <paramref name="s"/>.</summary>
    public static int Count(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++, n++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        }
        return n;
    }

    /// <summary>The UTF-16 index of code point number <paramref name="runeIndex"/> (s.Length when past the end).</summary>
    public static int Offset(string s, long runeIndex)
    {
        var i = 0;
        for (long r = 0; r < runeIndex && i < s.Length; r++) i += Width(s, i);
        return Math.Min(i, s.Length);
    }

    /// <summary>UTF-16 units taken by the code point at <paramref name="i"/> (2 for a surrogate pair).</summary>
    public static int Width(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
}
