using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Conductor.Rego.Builtins.RegularExpressions;

namespace Conductor.Rego.Builtins.Glob;

/// <summary>
/// A glob in gobwas/glob syntax (as OPA's glob.match uses it), compiled to a .NET NonBacktracking regex so matching
/// is linear in the input: <c>*</c> is any run of non-delimiters, <c>**</c> any run, <c>?</c> one non-delimiter,
/// <c>[abc]</c>, <c>[a-z]</c>, <c>[!a-z]</c>, <c>{a,b}</c> alternatives (nestable), and <c>\</c> escapes.
/// </summary>
internal sealed class GlobPattern
{
    private const int CacheLimit = 1000;
    private static readonly ConcurrentDictionary<string, GlobPattern> Cache = new(StringComparer.Ordinal);

    private readonly Regex _regex;

    private GlobPattern(Regex regex) => _regex = regex;

    public bool IsMatch(string input) => _regex.IsMatch(input);

    /// <summary>Compiles (or fetches) a glob for the given delimiters; syntax errors raise a builtin error.</summary>
    public static GlobPattern Get(string pattern, IReadOnlyList<int> delimiters)
    {
        var key = string.Join(",", delimiters.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "\0" + pattern;
        if (Cache.TryGetValue(key, out var cached)) return cached;
        var translated = new GlobTranslator(pattern, delimiters).Translate();
        var compiled = new GlobPattern(new Regex(@"\A(?:" + translated + @")\z",
            RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture));
        if (Cache.Count >= CacheLimit) Cache.Clear();
        Cache[key] = compiled;
        return compiled;
    }

    private sealed class GlobTranslator(string pattern, IReadOnlyList<int> delimiters)
    {
        private int _i;
        private readonly StringBuilder _out = new();

        private static BuiltinException SyntaxError(string detail) => BuiltinException.Error("syntax error in pattern: " + detail);

        public string Translate()
        {
            ParseSequence(depth: 0);
            if (_i < pattern.Length) throw SyntaxError("unexpected " + pattern[_i]);
            return _out.ToString();
        }

        private string NonDelimiter()
        {
            if (delimiters.Count == 0) return @"[\s\S]";
            var b = new CharClassBuilder();
            foreach (var d in delimiters) b.AddRange(d, d);
            return b.Emit(negated: true);
        }

        /// <summary>Parses until the end, or inside braces until ',' or '}'.</summary>
        private void ParseSequence(int depth)
        {
            if (depth > 100) throw SyntaxError("alternatives nested too deeply");
            while (_i < pattern.Length)
            {
                var c = pattern[_i];
                switch (c)
                {
                    case ',' or '}' when depth > 0:
                        return;
                    case '*':
                        if (_i + 1 < pattern.Length && pattern[_i + 1] == '*')
                        {
                            while (_i < pattern.Length && pattern[_i] == '*') _i++;
                            _out.Append(@"[\s\S]*");
                        }
                        else
                        {
                            _i++;
                            _out.Append(delimiters.Count == 0 ? @"[\s\S]*" : NonDelimiter() + "*");
                        }
                        break;
                    case '?':
                        _i++;
                        _out.Append(@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|").Append(NonDelimiter()).Append(')');
                        break;
                    case '[':
                        ParseClass();
                        break;
                    case '{':
                        _i++;
                        _out.Append("(?:");
                        while (true)
                        {
                            ParseSequence(depth + 1);
                            if (_i >= pattern.Length) throw SyntaxError("unexpected end of input");
                            if (pattern[_i] == '}')
                            {
                                _i++;
                                break;
                            }
                            _i++; // ','
                            _out.Append('|');
                        }
                        _out.Append(')');
                        break;
                    case '\\':
                        if (_i + 1 >= pattern.Length) throw SyntaxError("trailing backslash");
                        _i++;
                        AppendLiteral(CodePointReader.At(pattern, _i, out var we));
                        _i += we;
                        break;
                    default:
                        AppendLiteral(CodePointReader.At(pattern, _i, out var w));
                        _i += w;
                        break;
                }
            }
        }

        private void ParseClass()
        {
            // gobwas/glob classes are either one range, [a-z] / [!a-z], or a set of characters with escapes, [abc] / [!a\]].
            _i++; // '['
            var negated = false;
            if (_i < pattern.Length && pattern[_i] == '!')
            {
                negated = true;
                _i++;
            }
            if (_i >= pattern.Length) throw SyntaxError("unexpected end of input");
            var set = new CharClassBuilder();
            var first = CodePointReader.At(pattern, _i, out var firstWidth);
            if (_i + firstWidth < pattern.Length && pattern[_i + firstWidth] == '-')
            {
                _i += firstWidth + 1;
                if (_i >= pattern.Length) throw SyntaxError("unexpected end of input");
                var hi = CodePointReader.At(pattern, _i, out var hiWidth);
                _i += hiWidth;
                if (_i >= pattern.Length) throw SyntaxError("unexpected end of input");
                if (pattern[_i] != ']') throw SyntaxError("expected close range character");
                _i++;
                if (hi < first) throw SyntaxError("hi character should be greater than lo character");
                set.AddRange(first, hi);
                _out.Append(set.Emit(negated));
                return;
            }
            var any = false;
            while (true)
            {
                if (_i >= pattern.Length) throw SyntaxError("unexpected end of input");
                var c = pattern[_i];
                if (c == ']')
                {
                    _i++;
                    break;
                }
                if (c == '\\')
                {
                    _i++;
                    if (_i >= pattern.Length) throw SyntaxError("unexpected end of input");
                }
                var cp = CodePointReader.At(pattern, _i, out var w);
                _i += w;
                set.AddRange(cp, cp);
                any = true;
            }
            if (!any) throw SyntaxError("empty character class");
            _out.Append(set.Emit(negated));
        }

        private void AppendLiteral(int cp)
        {
            // Lone surrogates (possible in JSON input) are kept as the single UTF-16 unit they are.
            var s = cp > 0xFFFF ? char.ConvertFromUtf32(cp) : ((char)cp).ToString();
            foreach (var ch in s)
            {
                if (char.IsAsciiLetterOrDigit(ch) || ch == '_') _out.Append(ch);
                else _out.Append(@"\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
            }
        }
    }
}
