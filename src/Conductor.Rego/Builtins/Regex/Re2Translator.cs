using System.Globalization;
using System.Text;

namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>
/// Translates RE2 (Go regexp/syntax) patterns into .NET patterns for <c>RegexOptions.NonBacktracking</c>, which
/// matches in linear time. Constructs RE2 rejects (backreferences, lookaround, possessive/atomic groups) are
/// rejected here with Go's error text, so a pattern that is invalid in OPA is invalid here. Capture groups become
/// plain numbered groups, so numbering is left to right as in RE2; the RE2 names are kept in <see cref="Re2Pattern.GroupNames"/>. RE2 semantics that .NET spells differently are emitted explicitly:
/// <c>$</c> without (?m) is <c>\z</c>, <c>\d \w \s</c> are ASCII, <c>.</c> matches a whole surrogate pair,
/// (?s), (?m) and (?U) are applied while translating.
/// </summary>
internal sealed class Re2Translator
{
    private const int MaxRepeat = 1000;
    private const string SurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";

    private readonly string _p;
    private int _i;
    private readonly StringBuilder _out = new();
    private readonly List<string?> _names = [];

    private readonly bool _captures;

    private Re2Translator(string pattern, bool captures)
    {
        _p = pattern;
        _captures = captures;
    }

    [Flags]
    private enum Flags { None = 0, CaseInsensitive = 1, MultiLine = 2, DotAll = 4, Ungreedy = 8 }

    /// <summary>Translates a pattern, or throws <see cref="Re2SyntaxException"/> with Go's message.</summary>
    /// <param name="pattern">The RE2 pattern.</param>
    /// <param name="captures">False to emit every group as non-capturing (faster when no submatches are needed).</param>
    public static Re2Pattern Translate(string pattern, bool captures = true)
    {
        var t = new Re2Translator(pattern, captures);
        t.ParseAlternation(Flags.None, depth: 0);
        if (t._i < t._p.Length)
        {
            // Only an unmatched ')' stops the top level early.
            throw t.Error("unexpected )", t._p);
        }
        return new Re2Pattern(t._out.ToString(), t._names.ToArray());
    }

    private Re2SyntaxException Error(string code, string expr) => new($"error parsing regexp: {code}: `{expr}`");

    // Weight of the group parsed last: the product of nested repeat counts inside it (RE2 caps it at 1000).
    private int _lastGroupWeight = 1;

    /// <summary>Parses alternatives until ')' or the end; returns the largest product of nested repeat counts.</summary>
    private int ParseAlternation(Flags flags, int depth)
    {
        if (depth > 1000) throw new Re2SyntaxException("error parsing regexp: expression nests too deeply");
        var atomStart = -1;     // start index in _out of the last repeatable atom, -1 when none
        var atomWeight = 1;
        var maxWeight = 1;
        var lastWasRepeat = false;
        var lastRepeatText = "";
        while (_i < _p.Length)
        {
            var c = _p[_i];
            switch (c)
            {
                case ')':
                    return maxWeight;
                case '|':
                    _i++;
                    _out.Append('|');
                    atomStart = -1;
                    lastWasRepeat = false;
                    continue;
                case '*' or '+' or '?':
                {
                    var opStart = _i;
                    _i++;
                    var lazy = false;
                    if (_i < _p.Length && _p[_i] == '?')
                    {
                        lazy = true;
                        _i++;
                    }
                    var opText = _p[opStart.._i];
                    if (lastWasRepeat) throw Error("invalid nested repetition operator", lastRepeatText + opText[..1]);
                    if (atomStart < 0) throw Error("missing argument to repetition operator", opText[..1]);
                    if ((flags & Flags.Ungreedy) != 0) lazy = !lazy;
                    _out.Append(c);
                    if (lazy) _out.Append('?');
                    lastWasRepeat = true;
                    lastRepeatText = opText;
                    continue;
                }
                case '{':
                {
                    if (TryParseRepeat(out var min, out var max, out var text))
                    {
                        var lazy = false;
                        if (_i < _p.Length && _p[_i] == '?')
                        {
                            lazy = true;
                            _i++;
                        }
                        if (lastWasRepeat) throw Error("invalid nested repetition operator", lastRepeatText + text);
                        if (atomStart < 0) throw Error("missing argument to repetition operator", text);
                        if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min)) throw Error("invalid repeat count", text);
                        // RE2 also rejects nested repeats whose counts multiply past 1000, e.g. (a{100}){100}.
                        var count = max >= 0 ? max : min;
                        if ((min >= 2 || max >= 2) && count > 0)
                        {
                            atomWeight *= count;
                            if (atomWeight > MaxRepeat) throw Error("invalid repeat count", text);
                            maxWeight = Math.Max(maxWeight, atomWeight);
                        }
                        if ((flags & Flags.Ungreedy) != 0) lazy = !lazy;
                        _out.Append('{').Append(min.ToString(CultureInfo.InvariantCulture));
                        if (max != min) _out.Append(',');
                        if (max > min) _out.Append(max.ToString(CultureInfo.InvariantCulture));
                        _out.Append('}');
                        if (lazy) _out.Append('?');
                        lastWasRepeat = true;
                        lastRepeatText = text;
                        continue;
                    }
                    // Not a repeat: a literal brace.
                    _i++;
                    atomStart = _out.Length;
                    _out.Append(@"\{");
                    lastWasRepeat = false;
                    continue;
                }
            }

            lastWasRepeat = false;
            atomStart = _out.Length;
            atomWeight = 1;
            switch (c)
            {
                case '(':
                    _lastGroupWeight = 1;
                    flags = ParseGroup(flags, depth, ref atomStart);
                    atomWeight = _lastGroupWeight;
                    maxWeight = Math.Max(maxWeight, atomWeight);
                    break;
                case '[':
                    ParseClass(flags);
                    break;
                case '.':
                    _i++;
                    _out.Append((flags & Flags.DotAll) != 0 ? $@"(?:{SurrogatePair}|[\s\S])" : $@"(?:{SurrogatePair}|[^\n])");
                    break;
                case '^':
                    _i++;
                    _out.Append((flags & Flags.MultiLine) != 0 ? "(?m:^)" : @"\A");
                    atomStart = -1;
                    break;
                case '$':
                    _i++;
                    _out.Append((flags & Flags.MultiLine) != 0 ? "(?m:$)" : @"\z");
                    atomStart = -1;
                    break;
                case '\\':
                    ParseEscape(flags, inClass: false, null);
                    break;
                default:
                    var cp = CodePointReader.At(_p, _i, out var w);
                    _i += w;
                    AppendLiteral(cp);
                    break;
            }
        }
        return maxWeight;
    }

    private bool TryParseRepeat(out int min, out int max, out string text)
    {
        // {n}, {n,}, {n,m}; anything else is a literal '{'.
        min = max = 0;
        text = "";
        var j = _i + 1;
        var start = j;
        while (j < _p.Length && char.IsAsciiDigit(_p[j])) j++;
        if (j == start || j >= _p.Length) return false;
        if (!int.TryParse(_p.AsSpan(start, j - start), NumberStyles.None, CultureInfo.InvariantCulture, out min)) min = int.MaxValue;
        if (_p[j] == '}')
        {
            max = min;
            text = _p[_i..(j + 1)];
            _i = j + 1;
            return true;
        }
        if (_p[j] != ',') return false;
        j++;
        var start2 = j;
        while (j < _p.Length && char.IsAsciiDigit(_p[j])) j++;
        if (j >= _p.Length || _p[j] != '}') return false;
        if (j == start2) max = -1;
        else if (!int.TryParse(_p.AsSpan(start2, j - start2), NumberStyles.None, CultureInfo.InvariantCulture, out max)) max = int.MaxValue;
        text = _p[_i..(j + 1)];
        _i = j + 1;
        return true;
    }

    private Flags ParseGroup(Flags flags, int depth, ref int atomStart)
    {
        var groupStart = _i;
        _i++; // '('
        if (_i < _p.Length && _p[_i] == '?')
        {
            var rest = _p.AsSpan(_i);
            if (rest.StartsWith("?P<") || (rest.StartsWith("?<") && !rest.StartsWith("?<=") && !rest.StartsWith("?<!")))
            {
                _i += rest.StartsWith("?P<") ? 3 : 2;
                var close = _p.IndexOf('>', _i);
                if (close < 0) throw Error("invalid named capture", _p[groupStart..]);
                var name = _p[_i..close];
                if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                    throw Error("invalid named capture", _p[groupStart..(close + 1)]);
                if (_names.Contains(name)) throw Error("duplicate capture group name", name);
                _i = close + 1;
                return EmitCapture(flags, depth, name, groupStart);
            }
            // Flags: (?flags) or (?flags:re).
            var j = _i + 1;
            var negate = false;
            var newFlags = flags;
            var sawFlag = false;
            while (j < _p.Length)
            {
                var f = _p[j];
                Flags bit;
                switch (f)
                {
                    case 'i': bit = Flags.CaseInsensitive; break;
                    case 'm': bit = Flags.MultiLine; break;
                    case 's': bit = Flags.DotAll; break;
                    case 'U': bit = Flags.Ungreedy; break;
                    case '-':
                        if (negate) throw Error("invalid or unsupported Perl syntax", _p[groupStart..(j + 1)]);
                        negate = true;
                        sawFlag = false;
                        j++;
                        continue;
                    case ':' or ')':
                        if (negate && !sawFlag) throw Error("invalid or unsupported Perl syntax", _p[groupStart..(j + 1)]);
                        var caseChange = (newFlags & Flags.CaseInsensitive) != (flags & Flags.CaseInsensitive);
                        var caseText = (newFlags & Flags.CaseInsensitive) != 0 ? "i" : "-i";
                        if (f == ')')
                        {
                            _i = j + 1;
                            if (caseChange) _out.Append("(?").Append(caseText).Append(')');
                            atomStart = -1;
                            return newFlags;
                        }
                        _i = j + 1;
                        _out.Append(caseChange ? "(?" + caseText + ":" : "(?:");
                        _lastGroupWeight = ParseAlternation(newFlags, depth + 1);
                        if (_i >= _p.Length) throw Error("missing closing )", _p);
                        _i++;
                        _out.Append(')');
                        return flags;
                    default:
                        var end = Math.Min(_p.Length, j + 1);
                        throw Error("invalid or unsupported Perl syntax", _p[groupStart..end]);
                }
                newFlags = negate ? newFlags & ~bit : newFlags | bit;
                sawFlag = true;
                j++;
            }
            throw Error("missing closing )", _p);
        }
        return EmitCapture(flags, depth, null, groupStart);
    }

    private Flags EmitCapture(Flags flags, int depth, string? name, int groupStart)
    {
        _names.Add(name);
        // Plain numbered groups: .NET numbers them left to right like RE2 (named .NET groups would be numbered last).
        _out.Append(_captures ? "(" : "(?:");
        _lastGroupWeight = ParseAlternation(flags, depth + 1);
        if (_i >= _p.Length) throw Error("missing closing )", _p);
        _ = groupStart;
        _i++;
        _out.Append(')');
        return flags;
    }

    private void AppendLiteral(int cp)
    {
        if (cp > 0xFFFF)
        {
            var s = char.ConvertFromUtf32(cp);
            _out.Append("(?:").Append(Hex(s[0])).Append(Hex(s[1])).Append(')');
            return;
        }
        var ch = (char)cp;
        if (char.IsAsciiLetterOrDigit(ch) || ch == '_') _out.Append(ch);
        else _out.Append(Hex(ch));
    }

    private static string Hex(char c) => @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>Escapes outside classes append to the output; inside classes they add to <paramref name="set"/>.</summary>
    private void ParseEscape(Flags flags, bool inClass, CharClassBuilder? set)
    {
        var start = _i;
        _i++;
        if (_i >= _p.Length) throw new Re2SyntaxException("error parsing regexp: trailing backslash at end of expression: ``");
        var c = _p[_i];
        _i++;
        switch (c)
        {
            case 'A' when !inClass: _out.Append(@"\A"); return;
            case 'z' when !inClass: _out.Append(@"\z"); return;
            case 'b' when !inClass: _out.Append(@"\b"); return;
            case 'B' when !inClass: _out.Append(@"\B"); return;
            case 'Q' when !inClass:
                var end = _p.IndexOf(@"\E", _i, StringComparison.Ordinal);
                var lit = end < 0 ? _p[_i..] : _p[_i..end];
                _i = end < 0 ? _p.Length : end + 2;
                _out.Append("(?:");
                for (var k = 0; k < lit.Length;)
                {
                    AppendLiteral(CodePointReader.At(lit, k, out var w));
                    k += w;
                }
                _out.Append(')');
                return;
            case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                var ranges = PerlClass(char.ToLowerInvariant(c));
                var negated = char.IsUpper(c);
                if (inClass) set!.AddRanges(ranges, negated);
                else
                {
                    var b = new CharClassBuilder();
                    b.AddRanges(ranges, negated);
                    _out.Append(b.Emit(negated: false));
                }
                return;
            case 'p' or 'P':
                var fragment = UnicodeClass(c == 'P', start);
                if (inClass) set!.AddFragment(fragment);
                else _out.Append(fragment.Contains('[') ? fragment : "[" + fragment + "]");
                return;
            case 'x':
            {
                int cp;
                if (_i < _p.Length && _p[_i] == '{')
                {
                    var close = _p.IndexOf('}', _i);
                    if (close < 0 || !int.TryParse(_p.AsSpan(_i + 1, close - _i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out cp) || cp > 0x10FFFF || close == _i + 1)
                        throw Error("invalid escape sequence", _p[start..Math.Min(_p.Length, (close < 0 ? _p.Length : close + 1))]);
                    _i = close + 1;
                }
                else
                {
                    if (_i + 2 > _p.Length || !int.TryParse(_p.AsSpan(_i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out cp))
                        throw Error("invalid escape sequence", _p[start..Math.Min(_p.Length, _i + 2)]);
                    _i += 2;
                }
                EmitCodePoint(cp, inClass, set);
                return;
            }
            case >= '0' and <= '7':
            {
                // \0 and \1-\7 followed by octal digits are octal escapes; a lone \1-\9 is a backreference, which RE2 rejects.
                if (c != '0' && (_i >= _p.Length || _p[_i] is < '0' or > '7')) throw Error("invalid escape sequence", _p[start.._i]);
                var cp = c - '0';
                for (var k = 0; k < 2 && _i < _p.Length && _p[_i] is >= '0' and <= '7'; k++) cp = cp * 8 + (_p[_i++] - '0');
                EmitCodePoint(cp, inClass, set);
                return;
            }
            case 'a': EmitCodePoint(7, inClass, set); return;
            case 'f': EmitCodePoint(12, inClass, set); return;
            case 't': EmitCodePoint(9, inClass, set); return;
            case 'n': EmitCodePoint(10, inClass, set); return;
            case 'r': EmitCodePoint(13, inClass, set); return;
            case 'v': EmitCodePoint(11, inClass, set); return;
        }
        if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
        {
            EmitCodePoint(c, inClass, set);
            return;
        }
        var escEnd = char.IsHighSurrogate(c) && _i < _p.Length ? _i + 1 : _i;
        throw Error("invalid escape sequence", _p[start..escEnd]);
    }

    private void EmitCodePoint(int cp, bool inClass, CharClassBuilder? set)
    {
        if (inClass) set!.AddRange(cp, cp);
        else AppendLiteral(cp);
    }

    private static (int Lo, int Hi)[] PerlClass(char c) => c switch
    {
        'd' => [('0', '9')],
        's' => [('\t', '\n'), ('\f', '\r'), (' ', ' ')],
        _ => [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
    };

    /// <summary>\pL, \p{Greek}, \PN, \p{^Lu} as a .NET class body (general categories exactly, scripts by their main block).</summary>
    private string UnicodeClass(bool negated, int start)
    {
        string name;
        if (_i < _p.Length && _p[_i] == '{')
        {
            var close = _p.IndexOf('}', _i);
            if (close < 0) throw Error("invalid character class range", _p[start..]);
            name = _p[(_i + 1)..close];
            _i = close + 1;
        }
        else
        {
            if (_i >= _p.Length) throw Error("invalid character class range", _p[start..]);
            name = _p[_i].ToString();
            _i++;
        }
        var text = _p[start.._i];
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }
        if (name == "Any") return negated ? @"[^\s\S]" : @"[\s\S]";
        string? net = name switch
        {
            "L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo" or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd" or "Nl" or "No"
                or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po" or "S" or "Sm" or "Sc" or "Sk" or "So"
                or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Co" or "Cs" => name,
            "Greek" => "IsGreekandCoptic",
            "Cyrillic" => "IsCyrillic",
            "Armenian" => "IsArmenian",
            "Hebrew" => "IsHebrew",
            "Arabic" => "IsArabic",
            "Devanagari" => "IsDevanagari",
            "Bengali" => "IsBengali",
            "Thai" => "IsThai",
            "Georgian" => "IsGeorgian",
            "Hangul" => "IsHangulSyllables",
            "Hiragana" => "IsHiragana",
            "Katakana" => "IsKatakana",
            "Han" => "IsCJKUnifiedIdeographs",
            "Tamil" => "IsTamil",
            "Ethiopic" => "IsEthiopic",
            "Khmer" => "IsKhmer",
            "Mongolian" => "IsMongolian",
            _ => null,
        };
        if (name == "Latin") return negated ? @"\P{L}" : @"A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF";
        if (net is null) throw Error("invalid character class range", text);
        return (negated ? @"\P{" : @"\p{") + net + "}";
    }

    private void ParseClass(Flags flags)
    {
        var start = _i;
        _i++;
        var set = new CharClassBuilder();
        var negated = false;
        if (_i < _p.Length && _p[_i] == '^')
        {
            negated = true;
            _i++;
        }
        var first = true;
        while (true)
        {
            if (_i >= _p.Length) throw Error("missing closing ]", _p[start..]);
            var c = _p[_i];
            if (c == ']' && !first)
            {
                _i++;
                break;
            }
            first = false;
            if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
            {
                var close = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                if (close >= 0)
                {
                    var name = _p[(_i + 2)..close];
                    var neg = name.StartsWith('^');
                    var ranges = PosixClass(neg ? name[1..] : name) ?? throw Error("invalid character class range", _p[_i..(close + 2)]);
                    set.AddRanges(ranges, neg);
                    _i = close + 2;
                    continue;
                }
            }
            var itemStart = _i;
            int lo;
            if (c == '\\')
            {
                // Single-character escapes may start a range; class escapes (\d, \pL) add themselves.
                var before = set.Count;
                var fragBefore = set.FragmentCount;
                ParseEscape(flags, inClass: true, set);
                if (set.FragmentCount != fragBefore || set.Count - before != 1 || !set.LastIsSingle) continue;
                lo = set.RemoveLast();
            }
            else
            {
                lo = CodePointReader.At(_p, _i, out var w);
                _i += w;
            }
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                int hi;
                if (_p[_i] == '\\')
                {
                    var before = set.Count;
                    ParseEscape(flags, inClass: true, set);
                    if (set.Count - before != 1 || !set.LastIsSingle) throw Error("invalid character class range", _p[itemStart.._i]);
                    hi = set.RemoveLast();
                }
                else
                {
                    hi = CodePointReader.At(_p, _i, out var w2);
                    _i += w2;
                }
                if (hi < lo) throw Error("invalid character class range", _p[itemStart.._i]);
                set.AddRange(lo, hi);
            }
            else
            {
                set.AddRange(lo, lo);
            }
        }
        _out.Append(set.Emit(negated));
    }

    private static (int, int)[]? PosixClass(string name) => name switch
    {
        "alnum" => [('0', '9'), ('A', 'Z'), ('a', 'z')],
        "alpha" => [('A', 'Z'), ('a', 'z')],
        "ascii" => [(0, 0x7F)],
        "blank" => [('\t', '\t'), (' ', ' ')],
        "cntrl" => [(0, 0x1F), (0x7F, 0x7F)],
        "digit" => [('0', '9')],
        "graph" => [('!', '~')],
        "lower" => [('a', 'z')],
        "print" => [(' ', '~')],
        "punct" => [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "space" => [('\t', '\r'), (' ', ' ')],
        "upper" => [('A', 'Z')],
        "word" => [('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')],
        "xdigit" => [('0', '9'), ('A', 'F'), ('a', 'f')],
        _ => null,
    };
}
