using System.Buffers;
using System.Globalization;
using System.Text;

namespace Conductor.Rego.Syntax.Parsing;

/// <summary>
/// Turns Rego source into tokens in one linear pass. Comments are collected on the side. Lexical errors do not
/// throw here: they become <see cref="TokenKind.Illegal"/> tokens so the parser reports them where it meets them,
/// after any earlier syntax error.
/// </summary>
internal sealed class RegoLexer
{
    private readonly string _src;
    private readonly string _file;
    private readonly bool _keepComments;
    private Token[] _tokens;
    private int _count;
    private readonly List<Comment> _comments = [];

    // Identifiers repeat a lot; interning keeps one string per distinct name (created on first use: queries are tiny).
    private Dictionary<string, string>? _names;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;

    private int _pos;
    private int _row = 1;
    private int _lineStart;

    // Open template-string expressions, innermost last: whether the template is raw, and the `{` depth inside it.
    private readonly List<(bool Raw, int Depth)> _templates = [];

    private RegoLexer(string file, string src, bool keepComments)
    {
        _file = file;
        _src = src;
        _keepComments = keepComments;
        // About one token per five characters in typical policies; grown by doubling when needed. The array is
        // pooled: for large files it would otherwise be a large-object allocation per parse, which costs full GCs.
        _tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, src.Length / 5));
    }

    /// <summary>
    /// Tokenizes the whole source. Tokens are <c>Tokens[0..Count)</c>; the last one is always <see cref="TokenKind.Eof"/>.
    /// The array comes from <see cref="ArrayPool{T}.Shared"/>: give it back with <see cref="Release"/>.
    /// </summary>
    public static (Token[] Tokens, int Count, List<Comment> Comments) Tokenize(string file, string src, bool keepComments)
    {
        var lexer = new RegoLexer(file, src, keepComments);
        lexer.Run();
        return (lexer._tokens, lexer._count, lexer._comments);
    }

    /// <summary>Returns a token array from <see cref="Tokenize"/> to the pool, dropping its string references.</summary>
    public static void Release(Token[] tokens, int count)
    {
        Array.Clear(tokens, 0, count);
        ArrayPool<Token>.Shared.Return(tokens);
    }

    private void Push(in Token token)
    {
        if (_count == _tokens.Length)
        {
            var bigger = ArrayPool<Token>.Shared.Rent(_tokens.Length * 2);
            Array.Copy(_tokens, bigger, _count);
            Release(_tokens, _count);
            _tokens = bigger;
        }
        _tokens[_count++] = token;
    }

    private void Run()
    {
        var src = _src;
        var newline = false;
        var space = false;
        if (src.Length > 0 && src[0] == '\uFEFF') _pos = 1; // a leading byte-order mark is skipped, as in OPA
        while (true)
        {
            // Skip whitespace and comments, remembering whether a newline was crossed.
            while (_pos < src.Length)
            {
                var c = src[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _row++;
                    _lineStart = _pos;
                    newline = true;
                    space = true;
                }
                else if (c is ' ' or '\t' or '\r')
                {
                    _pos++;
                    space = true;
                }
                else if (c == '#')
                {
                    var start = _pos;
                    var end = src.IndexOf('\n', _pos);
                    if (end < 0) end = src.Length;
                    if (_keepComments)
                    {
                        var textEnd = end > start + 1 && src[end - 1] == '\r' ? end - 1 : end;
                        _comments.Add(new Comment(src.Substring(start + 1, textEnd - start - 1),
                            new SourceLocation(_file, _row, start - _lineStart + 1)));
                    }
                    _pos = end;
                    space = true;
                }
                else
                {
                    break;
                }
            }

            if (_pos >= src.Length)
            {
                Push(new Token(TokenKind.Eof, src.Length, src.Length, _row, _pos - _lineStart + 1, newline, space, null));
                return;
            }

            ScanToken(newline, space);
            newline = false;
            space = false;
        }
    }

    private void Add(TokenKind kind, int start, int row, int col, bool newline, bool space, string? text = null) =>
        Push(new Token(kind, start, _pos, row, col, newline, space, text));

    private void ScanToken(bool nl, bool sp)
    {
        var src = _src;
        var start = _pos;
        var row = _row;
        var col = start - _lineStart + 1;
        var c = src[_pos];

        if (IsIdentStart(c))
        {
            _pos++;
            while (_pos < src.Length && IsIdentPart(src[_pos])) _pos++;
            var span = src.AsSpan(start, _pos - start);
            var (keyword, keywordKind) = Keyword(span);
            if (keyword is not null)
            {
                Add(keywordKind, start, row, col, nl, sp, keyword);
                return;
            }
            if (_names is null)
            {
                _names = new Dictionary<string, string>(StringComparer.Ordinal);
                _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
            }
            if (!_nameLookup.TryGetValue(span, out var name))
            {
                name = span.ToString();
                _names[name] = name;
            }
            Add(TokenKind.Ident, start, row, col, nl, sp, name);
            return;
        }

        if (c is >= '0' and <= '9')
        {
            ScanNumber(start, row, col, nl, sp);
            return;
        }

        switch (c)
        {
            case '"':
                ScanString(start, row, col, nl, sp);
                return;
            case '`':
                ScanRawString(start, row, col, nl, sp);
                return;
        }

        _pos++;
        var next = _pos < src.Length ? src[_pos] : '\0';
        TokenKind kind;
        switch (c)
        {
            case '[': kind = TokenKind.LBrack; break;
            case ']': kind = TokenKind.RBrack; break;
            case '{':
                if (_templates.Count > 0) _templates[^1] = (_templates[^1].Raw, _templates[^1].Depth + 1);
                kind = TokenKind.LBrace;
                break;
            case '}':
                if (_templates.Count > 0)
                {
                    var (raw, depth) = _templates[^1];
                    if (depth == 0)
                    {
                        // The `}` closing an embedded expression resumes the template string's text.
                        _templates.RemoveAt(_templates.Count - 1);
                        ScanTemplate(raw, start, row, col, nl, sp);
                        return;
                    }
                    _templates[^1] = (raw, depth - 1);
                }
                kind = TokenKind.RBrace;
                break;
            case '$':
                if (next is '"' or '`')
                {
                    _pos++;
                    ScanTemplate(next == '`', start, row, col, nl, sp);
                    return;
                }
                Add(TokenKind.Illegal, start, row, col, nl, sp, "illegal $ character");
                return;
            case '(': kind = TokenKind.LParen; break;
            case ')': kind = TokenKind.RParen; break;
            case ',': kind = TokenKind.Comma; break;
            case ';': kind = TokenKind.Semicolon; break;
            case '.': kind = TokenKind.Dot; break;
            case '+': kind = TokenKind.Add; break;
            case '-': kind = TokenKind.Sub; break;
            case '*': kind = TokenKind.Mul; break;
            case '/': kind = TokenKind.Quo; break;
            case '%': kind = TokenKind.Rem; break;
            case '&': kind = TokenKind.And; break;
            case '|': kind = TokenKind.Or; break;
            case ':':
                if (next == '=') { _pos++; kind = TokenKind.Assign; }
                else kind = TokenKind.Colon;
                break;
            case '=':
                if (next == '=') { _pos++; kind = TokenKind.Equal; }
                else kind = TokenKind.Unify;
                break;
            case '!':
                if (next == '=') { _pos++; kind = TokenKind.Neq; }
                else { Add(TokenKind.Illegal, start, row, col, nl, sp, "illegal ! character"); return; }
                break;
            case '<':
                if (next == '=') { _pos++; kind = TokenKind.Lte; }
                else kind = TokenKind.Lt;
                break;
            case '>':
                if (next == '=') { _pos++; kind = TokenKind.Gte; }
                else kind = TokenKind.Gt;
                break;
            case '\0':
                Add(TokenKind.Illegal, start, row, col, nl, sp, "illegal null character");
                return;
            default:
                // Consume a whole surrogate pair so the error points at one character.
                if (char.IsHighSurrogate(c) && _pos < src.Length && char.IsLowSurrogate(src[_pos])) _pos++;
                Add(TokenKind.Illegal, start, row, col, nl, sp, "illegal token");
                return;
        }
        Add(kind, start, row, col, nl, sp);
    }

    private static (string? Text, TokenKind Kind) Keyword(ReadOnlySpan<char> w) => w.Length switch
    {
        2 when w.SequenceEqual("as") => ("as", TokenKind.As),
        2 when w.SequenceEqual("if") => ("if", TokenKind.If),
        2 when w.SequenceEqual("in") => ("in", TokenKind.In),
        3 when w.SequenceEqual("not") => ("not", TokenKind.Not),
        4 when w.SequenceEqual("else") => ("else", TokenKind.Else),
        4 when w.SequenceEqual("some") => ("some", TokenKind.Some),
        4 when w.SequenceEqual("with") => ("with", TokenKind.With),
        4 when w.SequenceEqual("null") => ("null", TokenKind.Null),
        4 when w.SequenceEqual("true") => ("true", TokenKind.True),
        5 when w.SequenceEqual("false") => ("false", TokenKind.False),
        5 when w.SequenceEqual("every") => ("every", TokenKind.Every),
        6 when w.SequenceEqual("import") => ("import", TokenKind.Import),
        7 when w.SequenceEqual("package") => ("package", TokenKind.Package),
        7 when w.SequenceEqual("default") => ("default", TokenKind.Default),
        8 when w.SequenceEqual("contains") => ("contains", TokenKind.Contains),
        _ => (null, TokenKind.Ident),
    };

    // As in OPA's scanner: identifiers start with an ASCII letter or `_`; later characters may also be digits.
    private static bool IsIdentStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentPart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (c >= 0x80 && char.IsDigit(c));

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private void ScanNumber(int start, int row, int col, bool nl, bool sp)
    {
        var src = _src;
        while (_pos < src.Length && IsDigit(src[_pos])) _pos++;
        string? error = null;
        if (_pos < src.Length && src[_pos] == '.')
        {
            _pos++;
            var fraction = false;
            while (_pos < src.Length && IsDigit(src[_pos])) { _pos++; fraction = true; }
            if (!fraction) error = "expected fraction";
        }
        if (_pos < src.Length && src[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < src.Length && src[_pos] is '+' or '-') _pos++;
            var found = false;
            while (_pos < src.Length && IsDigit(src[_pos])) { _pos++; found = true; }
            if (!found) error = "expected exponent";
        }
        // Letters glued to a number (`1a`, `0x1f`) make the whole word an illegal number.
        if (_pos < src.Length && IsIdentStart(src[_pos]))
        {
            while (_pos < src.Length && IsIdentPart(src[_pos])) _pos++;
            error = "illegal number format";
        }
        if (error is not null)
        {
            Add(TokenKind.Illegal, start, row, col, nl, sp, error);
            return;
        }
        Add(TokenKind.Number, start, row, col, nl, sp, src.Substring(start, _pos - start));
    }

    private void ScanRawString(int start, int row, int col, bool nl, bool sp)
    {
        var src = _src;
        var end = src.IndexOf('`', start + 1);
        if (end < 0)
        {
            _pos = src.Length;
            Add(TokenKind.Illegal, start, row, col, nl, sp, "non-terminated raw string");
            return;
        }
        // Raw strings may span lines; keep row tracking right for the tokens after them.
        for (var i = start + 1; i < end; i++)
        {
            if (src[i] == '\n')
            {
                _row++;
                _lineStart = i + 1;
            }
        }
        _pos = end + 1;
        Add(TokenKind.String, start, row, col, nl, sp, src.Substring(start + 1, end - start - 1));
    }

    private void ScanString(int start, int row, int col, bool nl, bool sp)
    {
        var src = _src;
        var i = start + 1;
        // Fast path: no escapes.
        while (i < src.Length)
        {
            var c = src[i];
            if (c == '"')
            {
                _pos = i + 1;
                Add(TokenKind.String, start, row, col, nl, sp, i == start + 1 ? string.Empty : src.Substring(start + 1, i - start - 1));
                return;
            }
            if (c == '\\' || c < 0x20) break;
            i++;
        }

        var sb = new StringBuilder();
        sb.Append(src, start + 1, i - start - 1);
        string? error = null;
        while (true)
        {
            if (i >= src.Length || src[i] == '\n')
            {
                _pos = i;
                Add(TokenKind.Illegal, start, row, col, nl, sp, "non-terminated string");
                return;
            }
            var c = src[i];
            if (c == '"')
            {
                i++;
                break;
            }
            if (c < 0x20)
            {
                error ??= "illegal control character in string literal";
                i++;
                continue;
            }
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            i++;
            if (i >= src.Length) continue;
            var e = src[i];
            i++;
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (!TryHex4(src, i, out var cp))
                    {
                        error ??= "illegal escape sequence";
                        break;
                    }
                    i += 4;
                    if (char.IsHighSurrogate((char)cp))
                    {
                        // A JSON surrogate pair is two \u escapes; a lone half becomes U+FFFD as in Go's decoder.
                        if (i + 6 <= src.Length && src[i] == '\\' && src[i + 1] == 'u' && TryHex4(src, i + 2, out var lo) && char.IsLowSurrogate((char)lo))
                        {
                            sb.Append((char)cp).Append((char)lo);
                            i += 6;
                        }
                        else
                        {
                            sb.Append('\uFFFD');
                        }
                    }
                    else if (char.IsLowSurrogate((char)cp))
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append((char)cp);
                    }
                    break;
                default:
                    error ??= "illegal escape sequence";
                    break;
            }
        }
        _pos = i;
        if (error is not null)
        {
            Add(TokenKind.Illegal, start, row, col, nl, sp, error);
            return;
        }
        Add(TokenKind.String, start, row, col, nl, sp, sb.ToString());
    }

    /// <summary>
    /// Template text from the current position up to an embedded expression's <c>{</c> (a
    /// <see cref="TokenKind.TemplatePart"/>; the expression's tokens follow) or the closing quote
    /// (<see cref="TokenKind.TemplateEnd"/>). <c>\{</c> is a literal brace; other escapes are those of strings.
    /// </summary>
    private void ScanTemplate(bool raw, int start, int row, int col, bool nl, bool sp)
    {
        var src = _src;
        var close = raw ? '`' : '"';
        var sb = new StringBuilder();
        string? error = null;
        var i = _pos;
        while (true)
        {
            if (i >= src.Length || (!raw && src[i] == '\n'))
            {
                _pos = i;
                Add(TokenKind.Illegal, start, row, col, nl, sp, "non-terminated string");
                return;
            }
            var c = src[i];
            if (c == close)
            {
                _pos = i + 1;
                Add(error is null ? TokenKind.TemplateEnd : TokenKind.Illegal, start, row, col, nl, sp, error ?? sb.ToString());
                return;
            }
            if (c == '{')
            {
                _pos = i + 1;
                _templates.Add((raw, 0));
                Add(error is null ? TokenKind.TemplatePart : TokenKind.Illegal, start, row, col, nl, sp, error ?? sb.ToString());
                return;
            }
            if (c == '\n')
            {
                _row++;
                _lineStart = i + 1;
            }
            if (c != '\\')
            {
                if (!raw && c < 0x20) error ??= "illegal control character in string literal";
                sb.Append(c);
                i++;
                continue;
            }
            if (i + 1 < src.Length && src[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
                continue;
            }
            if (raw)
            {
                sb.Append(c);
                i++;
                continue;
            }
            i++;
            if (i >= src.Length) continue;
            var e = src[i++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (TryHex4(src, i, out var cp))
                    {
                        sb.Append((char)cp);
                        i += 4;
                    }
                    else
                    {
                        error ??= "illegal escape sequence";
                    }
                    break;
                default:
                    error ??= "illegal escape sequence";
                    break;
            }
        }
    }

    private static bool TryHex4(string src, int at, out int value)
    {
        value = 0;
        if (at + 4 > src.Length) return false;
        return int.TryParse(src.AsSpan(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
