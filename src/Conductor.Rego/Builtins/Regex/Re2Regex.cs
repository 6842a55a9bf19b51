using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>
/// A compiled RE2 pattern running on .NET's linear-time NonBacktracking engine, with Go regexp's operations
/// (FindAll's empty-match rules, Split, ReplaceAllString's $ expansion). Compiled patterns are shared through a
/// bounded, thread-safe cache: policies reuse a handful of patterns across many queries.
/// </summary>
internal sealed class Re2Regex
{
    private const int CacheLimit = 1000;
    private static readonly ConcurrentDictionary<string, Re2Regex> Cache = new(StringComparer.Ordinal);

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    // Without capture groups NonBacktracking skips its capture phase, several times faster: used unless submatches are read.
    private readonly Regex _plain;
    private readonly Lazy<Regex> _capturing;
    private readonly string?[] _names;

    private Re2Regex(string pattern, Regex plain, Lazy<Regex> capturing, string?[] names)
    {
        Pattern = pattern;
        _plain = plain;
        _capturing = capturing;
        _names = names;
    }

    /// <summary>The RE2 source text.</summary>
    public string Pattern { get; }

    /// <summary>Number of capture groups (not counting the whole match).</summary>
    public int GroupCount => _names.Length;

    /// <summary>Compiles (or fetches from the cache) an RE2 pattern; invalid patterns raise a builtin error with Go's message.</summary>
    public static Re2Regex Get(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached)) return cached;
        var compiled = Compile(pattern);
        // Unbounded growth would let varied input patterns exhaust memory; a full cache simply starts over.
        if (Cache.Count >= CacheLimit) Cache.Clear();
        Cache[pattern] = compiled;
        return compiled;
    }

    /// <summary>True when the pattern is valid RE2.</summary>
    public static bool IsValid(string pattern)
    {
        try
        {
            Get(pattern);
            return true;
        }
        catch (BuiltinException)
        {
            return false;
        }
    }

    private static Re2Regex Compile(string pattern)
    {
        Re2Pattern translated;
        try
        {
            translated = Re2Translator.Translate(pattern);
        }
        catch (Re2SyntaxException e)
        {
            throw BuiltinException.Error(e.Message);
        }
        try
        {
            var plain = new Regex(Re2Translator.Translate(pattern, captures: false).DotNetPattern, Options);
            var capturing = translated.GroupNames.Length == 0
                ? new Lazy<Regex>(plain)
                : new Lazy<Regex>(() => new Regex(translated.DotNetPattern, Options), LazyThreadSafetyMode.ExecutionAndPublication);
            return new Re2Regex(pattern, plain, capturing, translated.GroupNames);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // The translation only emits constructs NonBacktracking supports; reaching here means a pattern too large.
            throw BuiltinException.Error($"error parsing regexp: expression too large: `{pattern}`");
        }
    }

    public bool IsMatch(string input) => _plain.IsMatch(input);

    /// <summary>Go's allMatches: up to <paramref name="n"/> matches (all when negative); an empty match right after a previous match is skipped.</summary>
    public List<Match> FindAll(string input, int n, bool submatches = false)
    {
        var regex = submatches ? _capturing.Value : _plain;
        var result = new List<Match>();
        if (n == 0) return result;
        var prevEnd = -1;
        for (var m = regex.Match(input); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0)
            {
                // .NET steps one UTF-16 unit after an empty match; Go steps one code point and never matches empty at a previous match's end.
                if (m.Index == prevEnd) continue;
                if (m.Index > 0 && m.Index < input.Length && char.IsLowSurrogate(input[m.Index]) && char.IsHighSurrogate(input[m.Index - 1])) continue;
            }
            result.Add(m);
            prevEnd = m.Index + m.Length;
            if (n > 0 && result.Count >= n) break;
        }
        return result;
    }

    /// <summary>The whole match and each group's text; groups that did not participate are "" (Go's string API).</summary>
    public string[] Submatches(Match m)
    {
        var result = new string[_names.Length + 1];
        result[0] = m.Value;
        for (var k = 1; k <= _names.Length; k++)
        {
            var g = m.Groups[k];
            result[k] = g.Success ? g.Value : "";
        }
        return result;
    }

    /// <summary>regexp.Split(s, n).</summary>
    public List<string> Split(string s, int n)
    {
        var parts = new List<string>();
        if (n == 0) return parts;
        if (Pattern.Length > 0 && s.Length == 0)
        {
            parts.Add("");
            return parts;
        }
        var begin = 0;
        var end = 0;
        foreach (var m in FindAll(s, n))
        {
            if (n > 0 && parts.Count == n - 1) break;
            end = m.Index;
            if (m.Index + m.Length != 0) parts.Add(s[begin..end]);
            begin = m.Index + m.Length;
        }
        if (end != s.Length) parts.Add(s[begin..]);
        return parts;
    }

    /// <summary>regexp.ReplaceAllString: $1, ${1}, $name, ${name} expand to groups (unknown ones to ""), $$ is a dollar.</summary>
    public string ReplaceAll(string s, string template)
    {
        var sb = new StringBuilder();
        var last = 0;
        foreach (var m in FindAll(s, -1, submatches: template.Contains('$')))
        {
            sb.Append(s, last, m.Index - last);
            Expand(sb, template, m);
            last = m.Index + m.Length;
        }
        sb.Append(s, last, s.Length - last);
        return sb.ToString();
    }

    private void Expand(StringBuilder sb, string template, Match m)
    {
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                sb.Append(template, i, template.Length - i);
                return;
            }
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            string? name = null;
            var next = i;
            if (i < template.Length && template[i] == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close > i + 1 && IsName(template.AsSpan(i + 1, close - i - 1)))
                {
                    name = template[(i + 1)..close];
                    next = close + 1;
                }
            }
            else
            {
                var j = i;
                while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_')) j++;
                if (j > i)
                {
                    name = template[i..j];
                    next = j;
                }
            }
            if (name is null)
            {
                // Malformed reference: Go copies the '$' literally.
                sb.Append('$');
                continue;
            }
            i = next;
            sb.Append(GroupText(m, name));
        }
    }

    private static bool IsName(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    private string GroupText(Match m, string name)
    {
        int index;
        if (name.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index > _names.Length) return "";
        }
        else
        {
            index = Array.IndexOf(_names, name) + 1;
            if (index == 0) return "";
        }
        if (index == 0) return m.Value;
        var g = m.Groups[index];
        return g.Success ? g.Value : "";
    }
}
