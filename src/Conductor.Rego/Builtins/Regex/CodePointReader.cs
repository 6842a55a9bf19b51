namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>Reads code points from UTF-16 strings (a surrogate pair is one code point).</summary>
internal static class CodePointReader
{
    /// <summary>The code point at <paramref name="i"/> and its UTF-16 width.</summary>
    public static int At(string s, int i, out int width)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(s[i], s[i + 1]);
        }
        width = 1;
        return s[i];
    }
}
