using System.Runtime.CompilerServices;
using Conductor.Rego.Values;

namespace Conductor.Rego.Syntax.Parsing;

/// <summary>
/// Recursive-descent parser for Rego, following the structure and error messages of OPA's parser
/// (<c>ast/parser.go</c>). It works on a pre-lexed token array so backtracking is an index reset. Errors are thrown
/// as <see cref="RegoException"/>; the few places where OPA tries one reading and falls back to another catch them.
/// </summary>
internal sealed class RegoSyntaxParser : IDisposable
{
    private const string MemberName = "member_2";
    private const string MemberWithKeyName = "member_3";
    private const string InternalMember2 = "internal.member_2";
    private const string InternalMember3 = "internal.member_3";

    // Bounds total fallback re-parses so crafted input cannot make the speculative paths exponential.
    private const int MaxBacktracks = 10_000;

    private readonly string _file;
    private readonly string _src;
    private readonly Token[] _toks;
    private readonly int _eof;
    private readonly List<Comment> _comments;
    private readonly RegoParseOptions _options;
    private readonly int _maxDepth;
    private readonly List<RuleFlags> _ruleFlags = [];

    private int _pos;
    private int _depth;
    private string? _hint;
    private int _backtracks;

    // Terms already parsed at a token index, with the index after them. Filled once backtracking has started, so a
    // fallback re-parse (OPA's comprehension-or-literal ambiguities) reuses inner terms instead of going exponential.
    private Dictionary<int, (Term Term, int End)>? _memo;
    private bool _kwIf;
    private bool _kwContains;
    private bool _kwIn;
    private bool _kwEvery;
    private bool _kwNotBody;
    private bool _v1;

    public RegoSyntaxParser(string file, string src, RegoParseOptions options)
    {
        _file = file;
        _src = src;
        _options = options;
        _maxDepth = Math.Max(1, options.MaxNestingDepth);
        (_toks, var count, _comments) = RegoLexer.Tokenize(file, src, options.ProcessAnnotations);
        _eof = count - 1;
        if (options.Version == RegoVersion.V1) EnableV1();
    }

    /// <summary>Gives the pooled token array back; the parser cannot be used afterwards.</summary>
    public void Dispose() => RegoLexer.Release(_toks, _eof + 1);

    private void EnableV1()
    {
        _v1 = true;
        _kwIf = _kwContains = _kwIn = _kwEvery = true;
    }

    // ---------------------------------------------------------------- token helpers

    private Token Tok => _toks[_pos];

    private TokenKind Kind => Effective(_toks[_pos]);

    private TokenKind Effective(in Token t) => t.Kind switch
    {
        TokenKind.If => _kwIf ? TokenKind.If : TokenKind.Ident,
        TokenKind.Contains => _kwContains ? TokenKind.Contains : TokenKind.Ident,
        TokenKind.In => _kwIn ? TokenKind.In : TokenKind.Ident,
        TokenKind.Every => _kwEvery ? TokenKind.Every : TokenKind.Ident,
        _ => t.Kind,
    };

    private TokenKind PeekKind(int ahead) => Effective(_toks[Math.Min(_pos + ahead, _eof)]);

    /// <summary>End offset of the last consumed token: the end of the text of whatever was just parsed.</summary>
    private int LastEnd => _pos > 0 ? _toks[_pos - 1].End : 0;

    private void Next()
    {
        if (_pos < _eof) _pos++;
    }

    private SourceLocation Loc(in Token t) => new(_file, t.Row, t.Col);

    private string TextFrom(int startOffset)
    {
        var end = LastEnd;
        return end > startOffset ? _src.Substring(startOffset, end - startOffset) : string.Empty;
    }

    private Body EmptyBody(SourceLocation loc) => new([], loc);

    private void Enter()
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw DepthExceeded();
    }

    private ParseAbort DepthExceeded() =>
        new(new RegoError(RegoErrorCodes.ParseError, "max parsing recursion depth exceeded", Loc(Tok)));

    /// <summary>
    /// Left-associative chains (<c>a + b + c</c>, <c>x in a in b</c>, <c>f(x).g(y)</c>, else chains) are parsed in a
    /// loop but still build nested nodes; they count towards the nesting limit so later passes that walk the tree
    /// recursively cannot be driven into a stack overflow.
    /// </summary>
    private void CheckChain(int length)
    {
        if (_depth + length > _maxDepth) throw DepthExceeded();
    }

    private void Leave() => _depth--;

    private bool Backtrack()
    {
        if (++_backtracks > MaxBacktracks)
        {
            throw new ParseAbort(new RegoError(RegoErrorCodes.ParseError, "too much backtracking", Loc(Tok)));
        }
        _memo ??= [];
        return true;
    }

    // ---------------------------------------------------------------- errors

    private RegoException Error(SourceLocation loc, string message)
    {
        // OPA attaches a pending hint to the next error it reports.
        if (_hint is not null)
        {
            message += $" (hint: {_hint})";
            _hint = null;
        }
        return new(RegoErrorCodes.ParseError, message, loc);
    }

    /// <summary>OPA's "unexpected X token[: note]" at the current token.</summary>
    private RegoException Illegal(string? note = null)
    {
        var t = Tok;
        if (t.Kind == TokenKind.Illegal) return Error(Loc(t), t.Text ?? "illegal token");
        var kind = Effective(t);
        var type = IsKeyword(kind) ? "keyword" : "token";
        var name = TokenName(kind, t);
        return Error(Loc(t), note is null ? $"unexpected {name} {type}" : $"unexpected {name} {type}: {note}");
    }

    private static bool IsKeyword(TokenKind k) => k is >= TokenKind.Package and <= TokenKind.Every;

    private static string TokenName(TokenKind kind, in Token t) => kind switch
    {
        TokenKind.Eof => "eof",
        TokenKind.Illegal => "illegal",
        TokenKind.Ident => "ident",
        TokenKind.Number => "number",
        TokenKind.String or TokenKind.TemplatePart or TokenKind.TemplateEnd => "string",
        _ when IsKeyword(kind) => t.Text ?? kind.ToString().ToLowerInvariant(),
        _ => Symbol(kind),
    };

    private static string Symbol(TokenKind k) => k switch
    {
        TokenKind.LBrack => "[",
        TokenKind.RBrack => "]",
        TokenKind.LBrace => "{",
        TokenKind.RBrace => "}",
        TokenKind.LParen => "(",
        TokenKind.RParen => ")",
        TokenKind.Comma => ",",
        TokenKind.Colon => ":",
        TokenKind.Semicolon => ";",
        TokenKind.Dot => ".",
        TokenKind.Add => "+",
        TokenKind.Sub => "-",
        TokenKind.Mul => "*",
        TokenKind.Quo => "/",
        TokenKind.Rem => "%",
        TokenKind.And => "&",
        TokenKind.Or => "|",
        TokenKind.Equal => "==",
        TokenKind.Neq => "!=",
        TokenKind.Lt => "<",
        TokenKind.Lte => "<=",
        TokenKind.Gt => ">",
        TokenKind.Gte => ">=",
        TokenKind.Unify => "=",
        TokenKind.Assign => ":=",
        _ => k.ToString().ToLowerInvariant(),
    };

    internal static string ValueName(Term t) => t switch
    {
        ScalarTerm { Value: NullValue } => "null",
        ScalarTerm { Value: BooleanValue } => "boolean",
        ScalarTerm { Value: NumberValue } => "number",
        ScalarTerm { Value: StringValue } => "string",
        ScalarTerm => "scalar",
        VarTerm => "var",
        RefTerm => "ref",
        ArrayTerm => "array",
        ObjectTerm => "object",
        SetTerm => "set",
        ArrayComprehensionTerm => "arraycomprehension",
        ObjectComprehensionTerm => "objectcomprehension",
        SetComprehensionTerm => "setcomprehension",
        CallTerm => "call",
        _ => "term",
    };

    // ---------------------------------------------------------------- entry points

    public Module ParseModule()
    {
        if (Kind == TokenKind.Eof) throw Error(Loc(Tok), "empty module");
        if (Kind != TokenKind.Package) throw Error(Loc(Tok), "package expected");
        var package = ParsePackage();
        var imports = new List<Import>();
        var rules = new List<Rule>();
        while (Kind != TokenKind.Eof)
        {
            switch (Kind)
            {
                case TokenKind.Package:
                    throw Error(Loc(Tok), "unexpected package");
                case TokenKind.Import:
                    imports.Add(ParseImport());
                    continue;
            }
            var parsed = ParseRules();
            if (parsed is not null) rules.AddRange(parsed);
            else rules.Add(ParseRuleFromBodyStatement());
        }

        if (_v1) CheckV1Rules();

        var version = _v1 ? RegoVersion.V1 : RegoVersion.V0;
        return new Module(_file, package, imports, rules, _options.ProcessAnnotations ? _comments : [], version);
    }

    public Body ParseQuery()
    {
        var exprs = new List<Expr>();
        var start = Tok;
        while (Kind != TokenKind.Eof)
        {
            if (Kind is TokenKind.Package or TokenKind.Import) throw Illegal();
            exprs.Add(ParseLiteral());
            while (Kind == TokenKind.Semicolon)
            {
                Next();
                // A query may end with a semicolon (rego-cpp and OPA's REPL accept `x = 1;`).
                if (Kind == TokenKind.Eof) break;
                exprs.Add(ParseLiteral());
            }
        }
        if (exprs.Count == 0) throw Error(Loc(start), "empty query");
        return new Body(exprs, exprs[0].Location);
    }

    // ---------------------------------------------------------------- package and imports

    private Package ParsePackage()
    {
        var pt = Tok;
        Next();
        if (Kind != TokenKind.Ident) throw Illegal();
        var term = ParseTerm();
        var path = new List<string>();
        switch (term)
        {
            case VarTerm v:
                path.Add(v.Name);
                break;
            case RefTerm { Head: VarTerm head } r:
                path.Add(head.Name);
                foreach (var p in r.Path)
                {
                    if (p is ScalarTerm { Value: StringValue s }) path.Add(s.Value);
                    else throw Error(p.Location, $"unexpected {ValueName(p)} token: expecting string");
                }
                break;
            default:
                throw Error(term.Location, "expected path");
        }
        return new Package(path, Loc(pt));
    }

    private Import ParseImport()
    {
        var it = Tok;
        Next();
        if (Kind != TokenKind.Ident) throw Illegal();

        // Future keywords are plain names inside import paths (`import future.keywords.in`).
        var (kwIf, kwContains, kwIn, kwEvery) = (_kwIf, _kwContains, _kwIn, _kwEvery);
        _kwIf = _kwContains = _kwIn = _kwEvery = false;
        Term term;
        try
        {
            term = ParseTerm();
        }
        finally
        {
            (_kwIf, _kwContains, _kwIn, _kwEvery) = (kwIf, kwContains, kwIn, kwEvery);
        }

        RefTerm path;
        var parts = new List<string>();
        switch (term)
        {
            case VarTerm v:
                path = new RefTerm(v, [], v.Location);
                parts.Add(v.Name);
                break;
            case RefTerm { Head: VarTerm head } r:
                parts.Add(head.Name);
                foreach (var p in r.Path)
                {
                    if (p is ScalarTerm { Value: StringValue s }) parts.Add(s.Value);
                    else throw Error(p.Location, $"unexpected {ValueName(p)} token: expecting string");
                }
                path = r;
                break;
            default:
                throw Error(term.Location, "expected path");
        }

        var root = parts[0];
        if (root is not ("data" or "input" or "future" or "rego"))
        {
            throw Error(term.Location, $"unexpected import path, must begin with one of: {{data, future, input, rego}}, got: {root}");
        }

        string? alias = null;
        if (Kind == TokenKind.As)
        {
            Next();
            if (Kind != TokenKind.Ident) throw Illegal("expected var");
            var at = Tok;
            Next();
            if (!Tok.SpaceBefore && Kind is TokenKind.Dot or TokenKind.LBrack or TokenKind.LParen)
            {
                throw Illegal("expected var");
            }
            alias = at.Text;
        }

        // `import input.in` would make the keyword a name; OPA asks for an alias instead.
        if (alias is null && parts.Count > 1 && root is "data" or "input" && IsActiveKeyword(parts[^1]))
        {
            throw Error(((RefTerm)term).Path[^1].Location, $"unexpected import path, must not end with a keyword, got: {parts[^1]}");
        }

        var dotted = string.Join('.', parts);
        if (root == "rego")
        {
            if (parts.Count != 2 || parts[1] is not ("v1" or "v2")) throw Error(term.Location, $"invalid import `{dotted}`, must be `rego.v1`");
            if (alias is not null) throw Error(term.Location, "`rego` imports cannot be aliased");
            EnableV1();
            // rego.v2 is v1 plus the newer language features: `not { … }` bodies.
            if (parts[1] == "v2") _kwNotBody = true;
        }
        else if (root == "future")
        {
            if (parts.Count == 1 || parts[1] != "keywords") throw Error(term.Location, "invalid import, must be `future.keywords`");
            if (alias is not null) throw Error(term.Location, "`future` imports cannot be aliased");
            if (parts.Count == 3)
            {
                switch (parts[2])
                {
                    case "if": _kwIf = true; break;
                    case "contains": _kwContains = true; break;
                    case "in": _kwIn = true; break;
                    case "every": _kwEvery = true; break;
                    case "not": _kwNotBody = true; break;
                    default: throw Error(term.Location, "unexpected keyword, must be one of [contains every if in not]");
                }
            }
            else
            {
                _kwIf = _kwContains = _kwIn = _kwEvery = _kwNotBody = true;
            }
        }

        return new Import(path, alias, Loc(it));
    }

    // ---------------------------------------------------------------- rules

    /// <summary>Parses a rule (and any extra bodies); returns null, consuming nothing, when the statement is not a rule.</summary>
    private List<Rule>? ParseRules()
    {
        var start = Tok;
        var save = _pos;
        var isDefault = false;
        if (Kind == TokenKind.Default)
        {
            isDefault = true;
            Next();
        }
        if (Kind != TokenKind.Ident)
        {
            if (isDefault)
            {
                _pos = save;
                throw Illegal();
            }
            return null;
        }

        var headStart = Tok;
        var headLoc = Loc(headStart);
        var (reference, args) = ParseRuleHeadRef();
        var name = RefText(reference);

        Term? key = null;
        Term? value = null;
        var assign = false;
        var usesContains = false;
        switch (Kind)
        {
            case TokenKind.Contains:
                if (args is not null)
                {
                    throw Illegal($"the contains keyword can only be used with multi-value rule definitions (e.g., {name} contains <VALUE> {{ ... }})");
                }
                Next();
                key = ParseTermInfix(true);
                usesContains = true;
                break;
            case TokenKind.Unify:
                Next();
                value = ParseTermInfix(true);
                break;
            case TokenKind.Assign:
                Next();
                assign = true;
                value = ParseTermInfix(true);
                break;
        }

        var refLen = 1 + reference.Path.Count;
        var generatedValue = value is null && key is null && (refLen != 2 || args is not null);

        if (isDefault)
        {
            var rloc = Loc(start);
            if (value is null) throw Error(rloc, "illegal default rule (must have a value)");
            ValidateDefaultValue(value, rloc);
            if (args is not null) ValidateDefaultArgs(args, rloc);
            var head = new RuleHead(reference, args is not null ? RuleKind.Function : RuleKind.Complete, args, null, value, assign, headLoc);
            _ruleFlags.Add(new RuleFlags(rloc, args is not null, false, true, false, false, true, false));
            return [new Rule(head, EmptyBody(rloc), true, null, rloc, TextFrom(start.Start))];
        }

        var hasIf = Kind == TokenKind.If;
        var kind = args is not null ? RuleKind.Function : usesContains ? RuleKind.PartialSet : RuleKind.Complete;

        // v0 `p[x] { ... }` and `p.q { ... }`: a partial set whose element is the last ref part.
        if (!hasIf && !usesContains && args is null && refLen == 2 && value is null)
        {
            key = reference.Path[0];
            reference = new RefTerm(reference.Head, [], reference.Location);
            kind = RuleKind.PartialSet;
        }

        Body body;
        var generatedBody = false;
        var ruleLoc = Loc(start);
        if (hasIf)
        {
            Next();
            body = ParseIfBody();
        }
        else if (Kind == TokenKind.LBrace)
        {
            Next();
            body = ParseBody(TokenKind.RBrace);
            Next();
        }
        else if (usesContains || value is not null)
        {
            // `p contains x` and `p := v`: no body. OPA locates body-less partial set rules at their head.
            if (usesContains) ruleLoc = headLoc;
            body = EmptyBody(ruleLoc);
            generatedBody = true;
            var h = new RuleHead(reference, kind, args, key, value, assign, headLoc);
            _ruleFlags.Add(new RuleFlags(ruleLoc, args is not null, kind == RuleKind.PartialSet, false, false, usesContains, true, generatedValue));
            return [new Rule(h, body, false, null, ruleLoc, TextFrom(usesContains ? headStart.Start : start.Start))];
        }
        else
        {
            _pos = save;
            return null;
        }

        var ruleHead = new RuleHead(reference, kind, args, key, value, assign, headLoc);
        Rule? elseRule = null;
        if (Kind == TokenKind.Else)
        {
            // OPA's Ref.IsGround looks at the parts after the head: `a.b := 1 if { ... } else := 2` is allowed.
            if (reference.Path.Count > 0 && !reference.Path.All(IsGround))
            {
                throw Error(Loc(Tok), "else keyword cannot be used on rules with variables in head");
            }
            if (kind == RuleKind.PartialSet) throw Error(Loc(Tok), "else keyword cannot be used on multi-value rules");
            elseRule = ParseElseChain(reference, kind, args);
        }

        _ruleFlags.Add(new RuleFlags(ruleLoc, args is not null, kind == RuleKind.PartialSet, false, hasIf, usesContains, generatedBody, generatedValue));
        var rules = new List<Rule>(1) { new(ruleHead, body, false, elseRule, ruleLoc, TextFrom(start.Start)) };

        // `p { a } { b }`: each extra body is another rule with the same head, located at its body.
        while (Kind == TokenKind.LBrace)
        {
            if (elseRule is not null) throw Error(Loc(Tok), "expected else keyword");
            var bt = Tok;
            var bloc = Loc(bt);
            Next();
            var extra = ParseBody(TokenKind.RBrace);
            Next();
            var extraHead = new RuleHead(reference, kind, args, key, value, assign, bloc);
            _ruleFlags.Add(new RuleFlags(bloc, args is not null, kind == RuleKind.PartialSet, false, hasIf, usesContains, false, generatedValue));
            rules.Add(new Rule(extraHead, extra, false, null, bloc, TextFrom(bt.Start)));
        }
        return rules;
    }

    /// <summary>The head's name: a var, a ref (<c>p.q[x]</c>), or a function (<c>f(x)</c>, <c>a.b.f(x)</c>).</summary>
    private (RefTerm Ref, IReadOnlyList<Term>? Args) ParseRuleHeadRef()
    {
        var nameTok = Tok;
        var name = new VarTerm(nameTok.Text!, Loc(nameTok));
        Next();
        if (!Tok.SpaceBefore && Kind is TokenKind.Add or TokenKind.Sub or TokenKind.Mul or TokenKind.Quo or TokenKind.Rem
                or TokenKind.And or TokenKind.Or or TokenKind.Equal or TokenKind.Neq or TokenKind.Gt or TokenKind.Gte
                or TokenKind.Lt or TokenKind.Lte)
        {
            throw Illegal();
        }

        Term head = name;
        if (Kind is TokenKind.LParen or TokenKind.Dot or TokenKind.LBrack)
        {
            head = ParseRef(name, allowLeadingSpace: true);
        }

        switch (head)
        {
            case VarTerm v:
                return (new RefTerm(v, [], v.Location), null);
            case RefTerm { Head: VarTerm } r:
                return (r, null);
            case CallTerm { Operator: VarTerm op } c:
                return (new RefTerm(op, [], op.Location), c.Args);
            case CallTerm { Operator: RefTerm { Head: VarTerm } op } c:
                return (op, c.Args);
            default:
                throw Error(head.Location, $"rule head ref {RefTextOf(head)} invalid");
        }
    }

    private static string RefTextOf(Term t) => t is RefTerm r ? RefText(r) : ValueName(t);

    private static string RefText(RefTerm r)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(r.Head is VarTerm v ? v.Name : ValueName(r.Head));
        foreach (var p in r.Path)
        {
            switch (p)
            {
                case ScalarTerm { Value: StringValue s } when IsVarName(s.Value):
                    sb.Append('.').Append(s.Value);
                    break;
                case ScalarTerm sc:
                    sb.Append('[');
                    sc.Value.WriteRego(sb);
                    sb.Append(']');
                    break;
                case VarTerm pv:
                    sb.Append('[').Append(pv.Name).Append(']');
                    break;
                default:
                    sb.Append('[').Append(ValueName(p)).Append(']');
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool IsVarName(string s)
    {
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_')) return false;
        foreach (var c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    /// <summary>
    /// After <c>if</c>: OPA first tries a single literal and falls back to <c>{ body }</c> when that fails or is a
    /// set literal. Parsing the braces as a body first gives the same result without a failed parse per rule.
    /// </summary>
    private Body ParseIfBody()
    {
        if (Kind != TokenKind.LBrace)
        {
            var lit = ParseLiteral();
            return new Body([lit], lit.Location);
        }

        var s = _pos;
        RegoException? bodyError = null;
        try
        {
            Next();
            var body = ParseBody(TokenKind.RBrace);
            Next();
            if (!ContinuesExpression() && !StartsWithOr(body)) return body;
        }
        catch (RegoException e)
        {
            bodyError = e;
        }

        Backtrack();
        _pos = s;
        try
        {
            var lit = ParseLiteral();
            if (lit is not TermExpr { Term: SetTerm }) return new Body([lit], lit.Location);
        }
        catch (RegoException)
        {
            // Fall through: the body reading decides.
        }
        if (bodyError is not null) throw bodyError;
        _pos = s;
        Next();
        var again = ParseBody(TokenKind.RBrace);
        Next();
        return again;
    }

    /// <summary>
    /// <c>{ x | y }</c> after <c>if</c> is a set comprehension literal for OPA (tried first), not a body with an
    /// <c>or</c> call: true when the body's first expression starts with <c>term |</c>.
    /// </summary>
    private static bool StartsWithOr(Body body)
    {
        if (body.Exprs[0] is not TermExpr { Negated: false } e) return false;
        var t = e.Term;
        while (t is CallTerm { OperatorName: { } name } c && c.Args.Count == 2 && IsOperatorName(name))
        {
            if (name == "or") return true;
            t = c.Args[0];
        }
        return false;
    }

    /// <summary>True when the current token would extend a term that ended just before it.</summary>
    private bool ContinuesExpression()
    {
        var t = Tok;
        return Kind switch
        {
            TokenKind.Add or TokenKind.Sub or TokenKind.Mul or TokenKind.Quo or TokenKind.Rem or TokenKind.And
                or TokenKind.Or or TokenKind.Equal or TokenKind.Neq or TokenKind.Lt or TokenKind.Lte or TokenKind.Gt
                or TokenKind.Gte or TokenKind.Unify or TokenKind.Assign or TokenKind.In => true,
            TokenKind.Dot or TokenKind.LBrack or TokenKind.LParen => !t.SpaceBefore,
            _ => false,
        };
    }

    private Rule ParseElseChain(RefTerm reference, RuleKind kind, IReadOnlyList<Term>? args)
    {
        var parts = new List<(Token Tok, Term? Value, bool Assign, Body Body, string Text)>();
        while (Kind == TokenKind.Else)
        {
            CheckChain(parts.Count + 1);
            var et = Tok;
            var eloc = Loc(et);
            Next();
            Term? value = null;
            var assign = false;
            switch (Kind)
            {
                case TokenKind.LBrace:
                case TokenKind.If:
                    break;
                case TokenKind.Assign:
                case TokenKind.Unify:
                    assign = Kind == TokenKind.Assign;
                    Next();
                    value = ParseTermInfix(true);
                    break;
                default:
                    throw Illegal("expected else value term or rule body");
            }

            var hasIf = Kind == TokenKind.If;
            if (!hasIf && Kind != TokenKind.LBrace)
            {
                parts.Add((et, value, assign, EmptyBody(eloc), TextFrom(et.Start)));
                _ruleFlags.Add(new RuleFlags(eloc, args is not null, false, false, false, false, true, value is null));
                break;
            }
            if (hasIf) Next();
            Body body;
            if (Kind == TokenKind.LBrace)
            {
                Next();
                body = ParseBody(TokenKind.RBrace);
                Next();
            }
            else if (Kind != TokenKind.Eof)
            {
                var lit = ParseLiteral();
                body = new Body([lit], lit.Location);
            }
            else
            {
                throw Illegal("rule body expected");
            }
            parts.Add((et, value, assign, body, TextFrom(et.Start)));
            _ruleFlags.Add(new RuleFlags(eloc, args is not null, false, false, hasIf, false, false, value is null));
        }

        // An else rule's text is its own clause (OPA's runs to the end of the chain, which is quadratic in size).
        Rule? next = null;
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            var (et, value, assign, body, text) = parts[i];
            var loc = Loc(et);
            var head = new RuleHead(reference, kind, args, null, value, assign, loc);
            next = new Rule(head, body, false, next, loc, text);
        }
        return next!;
    }

    /// <summary>
    /// A statement that is not a rule in OPA's grammar is parsed as a query and turned into a rule the way OPA's
    /// <c>ParseRuleFromBody</c> does: <c>p[x]</c> is a partial set element, <c>a.b.c</c> is true, <c>f(1)</c> a function.
    /// </summary>
    private Rule ParseRuleFromBodyStatement()
    {
        var start = Tok;
        var exprs = new List<Expr> { ParseLiteral() };
        while (Kind == TokenKind.Semicolon)
        {
            Next();
            exprs.Add(ParseLiteral());
        }
        var e = exprs[0];
        var loc = e.Location;
        if (exprs.Count != 1) throw Error(loc, "multiple expressions cannot be used for rule head");
        if (e.With.Count > 0) throw Error(loc, "expressions using with keyword cannot be used for rule head");
        if (e.Negated) throw Error(loc, "negated expressions cannot be used for rule head");
        if (e is SomeDeclExpr or SomeInExpr) throw Error(loc, "'some' declarations cannot be used for rule head");
        if (e is not TermExpr te) throw Error(loc, "expression cannot be used for rule head");
        var text = TextFrom(start.Start);

        switch (te.Term)
        {
            case RefTerm { Head: VarTerm } r when r.Path.Count >= 2:
            {
                var head = new RuleHead(r, RuleKind.Complete, null, null, null, false, r.Location);
                _ruleFlags.Add(new RuleFlags(loc, false, false, false, false, false, true, true));
                return new Rule(head, EmptyBody(loc), false, null, loc, text);
            }
            case RefTerm { Head: VarTerm hv } r when r.Path.Count == 1:
            {
                var head = new RuleHead(new RefTerm(hv, [], hv.Location), RuleKind.PartialSet, null, r.Path[0], null, false, r.Location);
                _ruleFlags.Add(new RuleFlags(loc, false, true, false, false, false, true, false));
                return new Rule(head, EmptyBody(loc), false, null, loc, text);
            }
            case RefTerm r:
                throw Error(loc, r.Path.Count == 0 ? "refs cannot be used for rule head" : $"{ValueName(r.Head)} cannot be used for rule name");
            case CallTerm { OperatorName: "eq" or "assign" } c:
            {
                var lhs = c.Args[0];
                if (lhs is VarTerm v && IsKeywordName(v.Name)) throw Error(loc, $"{v.Name} keyword cannot be used for rule name");
                throw Error(loc, $"{ValueName(lhs)} cannot be used for rule name");
            }
            case CallTerm { OperatorName: { } opName } c when IsOperatorName(opName):
                throw Error(loc, "rule name conflicts with built-in function");
            case CallTerm { Operator: VarTerm or RefTerm { Head: VarTerm } } c:
            {
                if (c.Args.Count == 0) throw Error(loc, "call must have at least one argument");
                var reference = c.Operator as RefTerm ?? new RefTerm(c.Operator, [], c.Operator.Location);
                var head = new RuleHead(reference, RuleKind.Function, c.Args, null, null, false, c.Location);
                _ruleFlags.Add(new RuleFlags(loc, true, false, false, false, false, true, true));
                return new Rule(head, EmptyBody(loc), false, null, loc, text);
            }
            case VarTerm v when IsKeywordName(v.Name):
                throw Error(loc, $"{v.Name} keyword cannot be used for rule name");
            default:
                throw Error(loc, $"{ValueName(te.Term)} cannot be used for rule name");
        }
    }

    private bool IsActiveKeyword(string name) => name switch
    {
        "if" => _kwIf,
        "contains" => _kwContains,
        "in" => _kwIn,
        "every" => _kwEvery,
        _ => IsKeywordName(name),
    };

    private static bool IsKeywordName(string name) =>
        name is "if" or "contains" or "in" or "every" or "package" or "import" or "as" or "default" or "else"
            or "not" or "some" or "with" or "null" or "true" or "false";

    private static bool IsOperatorName(string name) =>
        name is "plus" or "minus" or "mul" or "div" or "rem" or "and" or "or" or "equal" or "neq" or "lt" or "lte"
            or "gt" or "gte" or InternalMember2 or InternalMember3;

    private void ValidateDefaultValue(Term value, SourceLocation loc)
    {
        switch (value)
        {
            case ArrayComprehensionTerm or SetComprehensionTerm or ObjectComprehensionTerm:
                return;
            case RefTerm:
                throw Error(loc, "illegal default rule (value cannot contain ref)");
            case VarTerm:
                throw Error(loc, "illegal default rule (value cannot contain var)");
            case CallTerm:
                throw Error(loc, "illegal default rule (value cannot contain call)");
            case ArrayTerm a:
                foreach (var i in a.Items) ValidateDefaultValue(i, loc);
                return;
            case SetTerm s:
                foreach (var i in s.Items) ValidateDefaultValue(i, loc);
                return;
            case ObjectTerm o:
                foreach (var kv in o.Pairs)
                {
                    ValidateDefaultValue(kv.Key, loc);
                    ValidateDefaultValue(kv.Value, loc);
                }
                return;
        }
    }

    private void ValidateDefaultArgs(IReadOnlyList<Term> args, SourceLocation loc)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in args)
        {
            if (a is not VarTerm v) throw Error(loc, $"illegal default rule (arguments cannot contain {ValueName(a)})");
            if (!v.IsWildcard && !seen.Add(v.Name)) throw Error(loc, $"illegal default rule (arguments cannot be repeated {v.Name})");
        }
    }

    private static bool IsGround(Term t) => t switch
    {
        ScalarTerm => true,
        VarTerm => false,
        RefTerm r => IsGround(r.Head) && r.Path.All(IsGround),
        ArrayTerm a => a.Items.All(IsGround),
        SetTerm s => s.Items.All(IsGround),
        ObjectTerm o => o.Pairs.All(kv => IsGround(kv.Key) && IsGround(kv.Value)),
        _ => false,
    };

    /// <summary>OPA's v1 rule checks (<c>checkRegoV1Rule</c>), reported together once the module has parsed.</summary>
    private void CheckV1Rules()
    {
        List<RegoError>? errors = null;
        foreach (var f in _ruleFlags)
        {
            var what = f.IsFunction ? "function" : "rule";
            if (f.GeneratedBody && f.GeneratedValue)
            {
                (errors ??= []).Add(new RegoError(RegoErrorCodes.ParseError, $"{what} must have value assignment and/or body declaration", f.Location));
            }
            if (!f.GeneratedBody && !f.HasIf && !f.IsDefault)
            {
                (errors ??= []).Add(new RegoError(RegoErrorCodes.ParseError, $"`if` keyword is required before {what} body", f.Location));
            }
            if (f.IsPartialSet && !f.UsesContains)
            {
                (errors ??= []).Add(new RegoError(RegoErrorCodes.ParseError, "`contains` keyword is required for partial set rules", f.Location));
            }
        }
        if (errors is not null) throw new RegoException(errors);
    }

    // ---------------------------------------------------------------- bodies and literals

    private Body ParseBody(TokenKind end)
    {
        Enter();
        try
        {
            var first = Tok;
            if (Kind == end) throw Error(Loc(first), "found empty body");
            var exprs = new List<Expr>();
            while (true)
            {
                exprs.Add(ParseLiteral());
                if (Kind == TokenKind.Semicolon)
                {
                    Next();
                    continue;
                }
                if (Kind == end) break;
                if (!Tok.NewlineBefore) throw Illegal($"expected \\n or ; or {Symbol(end)}");
            }
            return new Body(exprs, Loc(first));
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseLiteral()
    {
        var start = Tok;
        var negated = false;
        if (Kind == TokenKind.Not)
        {
            Next();
            negated = true;
        }
        switch (Kind)
        {
            case TokenKind.Some:
                if (negated) throw Illegal("illegal negation of 'some'");
                return ParseSome(start);
            case TokenKind.Every:
                if (negated) throw Illegal("illegal negation of 'every'");
                return ParseEvery(start);
        }

        if (!_kwEvery && Tok.Kind == TokenKind.Every && PeekKind(1) == TokenKind.Ident)
        {
            _hint = "`import future.keywords.every` for `every x in xs { ... }` expressions";
        }
        if (negated && _kwNotBody && Kind == TokenKind.LBrace && TryParseNotBody(start) is { } notBody) return notBody;
        var term = ParseTermInfix(true);
        if (Kind is TokenKind.Assign or TokenKind.Unify)
        {
            var op = Tok;
            Next();
            var rhs = ParseTermInfix(true);
            term = new CallTerm(new VarTerm(op.Kind == TokenKind.Assign ? "assign" : "eq", Loc(op)), [term, rhs], term.Location);
        }
        var with = ParseWith();
        return new TermExpr(term, negated, with, Loc(start), TextFrom(start.Start));
    }

    /// <summary>
    /// <c>not { a; b }</c> (with <c>import future.keywords.not</c> or <c>rego.v2</c>): true when the body has no
    /// solution. It becomes <c>not count([true | a; b]) &gt; 0</c>, a comprehension, so variables bound before it are
    /// shared and the ones the body binds stay inside. Returns null, consuming nothing, when the braces do not hold a
    /// body (then they are a set literal, as without the keyword).
    /// </summary>
    private Expr? TryParseNotBody(in Token start)
    {
        var save = _pos;
        Body body;
        try
        {
            Next();
            body = ParseBody(TokenKind.RBrace);
            if (Kind != TokenKind.RBrace) throw Illegal("expected }");
            Next();
        }
        catch (RegoException)
        {
            _pos = save;
            return null;
        }
        var at = Loc(start);
        var solutions = new CallTerm(new VarTerm("count", at), [new ArrayComprehensionTerm(new ScalarTerm(BooleanValue.True, at), body, at)], at);
        var any = new CallTerm(new VarTerm("gt", at), [solutions, new ScalarTerm(NumberValue.Of(0), at)], at);
        var with = ParseWith();
        return new TermExpr(any, true, with, at, TextFrom(start.Start));
    }

    private IReadOnlyList<WithModifier> ParseWith()
    {
        if (Kind != TokenKind.With) return [];
        var list = new List<WithModifier>(1);
        while (Kind == TokenKind.With)
        {
            var wt = Tok;
            Next();
            if (Kind != TokenKind.Ident) throw Illegal("expected ident");
            var target = ParseTerm();
            if (target is not (VarTerm or RefTerm)) throw Illegal("expected with target path");
            if (Kind != TokenKind.As) throw Illegal("expected as keyword");
            Next();
            var value = ParseTermInfix(true);
            list.Add(new WithModifier(target, value, Loc(wt)));
        }
        return list;
    }

    private Expr ParseSome(in Token start)
    {
        var save = _pos;
        if (!_kwIn && IsSomeInWithoutKeyword())
        {
            _hint = "`import future.keywords.in` for `some x in xs` expressions";
        }
        Next();
        Term? term;
        try
        {
            term = ParseTermInfix(true);
        }
        catch (RegoException)
        {
            term = null;
        }

        if (term is CallTerm call)
        {
            switch (call.OperatorName)
            {
                case InternalMember2:
                {
                    var with = ParseWith();
                    return new SomeInExpr(null, call.Args[0], call.Args[1], with, Loc(start), TextFrom(start.Start));
                }
                case InternalMember3:
                {
                    var with = ParseWith();
                    return new SomeInExpr(call.Args[0], call.Args[1], call.Args[2], with, Loc(start), TextFrom(start.Start));
                }
                default:
                    throw Illegal("expected `x in xs` or `x, y in xs` expression");
            }
        }

        _pos = save;
        var vars = new List<VarTerm>();
        do
        {
            Next();
            if (Kind != TokenKind.Ident) throw Illegal("expected var");
            var vt = Tok;
            vars.Add(new VarTerm(vt.Text!, Loc(vt)));
            Next();
        }
        while (Kind == TokenKind.Comma);
        return new SomeDeclExpr(vars, Loc(start), TextFrom(start.Start));
    }

    /// <summary>v0 without the <c>in</c> keyword: does <c>some x in xs</c> / <c>some k, v in xs</c> follow?</summary>
    private bool IsSomeInWithoutKeyword()
    {
        var i = _pos + 1;
        if (i + 1 > _eof || _toks[i].Kind != TokenKind.Ident) return false;
        if (_toks[i + 1].Kind == TokenKind.In) return true;
        return i + 3 <= _eof && _toks[i + 1].Kind == TokenKind.Comma && _toks[i + 2].Kind == TokenKind.Ident && _toks[i + 3].Kind == TokenKind.In;
    }

    private Expr ParseEvery(in Token start)
    {
        Next();
        var term = ParseTermInfix(true);
        if (term is not CallTerm { OperatorName: InternalMember2 or InternalMember3 } call)
        {
            throw Illegal("expected `x[, y] in xs { ... }` expression");
        }
        VarTerm? key = null;
        Term value;
        Term domain;
        if (call.Args.Count == 3)
        {
            key = call.Args[0] as VarTerm ?? throw Illegal("expected key to be a variable");
            value = call.Args[1];
            domain = call.Args[2];
        }
        else
        {
            value = call.Args[0];
            domain = call.Args[1];
        }
        if (value is not VarTerm valueVar) throw Illegal("expected value to be a variable");
        if (Kind != TokenKind.LBrace) throw Illegal("missing body");
        Next();
        var body = ParseBody(TokenKind.RBrace);
        Next();
        var with = ParseWith();
        return new EveryExpr(key, valueVar, domain, body, with, Loc(start), TextFrom(start.Start));
    }

    // ---------------------------------------------------------------- terms with operators

    /// <summary>
    /// A term with infix operators. <paramref name="keyVal"/> allows <c>k, v in xs</c>; it is off inside call
    /// arguments and collection literals, where the comma separates items.
    /// </summary>
    private Term ParseTermInfix(bool keyVal) => ParseIn(null, keyVal);

    /// <summary><c>in</c> binds loosest; <paramref name="first"/> is an already parsed leftmost term, if any.</summary>
    private Term ParseIn(Term? first, bool keyVal)
    {
        var lhs = ParseBinary(1, first);
        var chain = 0;
        while (true)
        {
            CheckChain(chain++);
            if (keyVal && Kind == TokenKind.Comma)
            {
                var save = _pos;
                Next();
                try
                {
                    var mhs = ParseBinary(1, null);
                    if (Kind == TokenKind.In)
                    {
                        var op = Tok;
                        Next();
                        var rhs = ParseBinary(1, null);
                        lhs = new CallTerm(MemberOperator(MemberWithKeyName, Loc(op)), [lhs, mhs, rhs], lhs.Location);
                        continue;
                    }
                }
                catch (RegoException)
                {
                    // Not `k, v in xs`: the comma belongs to the caller.
                }
                _pos = save;
            }
            if (Kind == TokenKind.In)
            {
                var op = Tok;
                Next();
                var rhs = ParseBinary(1, null);
                lhs = new CallTerm(MemberOperator(MemberName, Loc(op)), [lhs, rhs], lhs.Location);
                continue;
            }
            return lhs;
        }
    }

    private static RefTerm MemberOperator(string name, SourceLocation loc) =>
        new(new VarTerm("internal", loc), [new ScalarTerm(new StringValue(name), loc)], loc);

    /// <summary>Binding strength of infix operators, loosest first, as in OPA's grammar; 0 = not an operator.</summary>
    private static int Level(TokenKind k) => k switch
    {
        TokenKind.Equal or TokenKind.Neq or TokenKind.Lt or TokenKind.Lte or TokenKind.Gt or TokenKind.Gte => 1,
        TokenKind.Or => 2,
        TokenKind.And => 3,
        TokenKind.Add or TokenKind.Sub => 4,
        TokenKind.Mul or TokenKind.Quo or TokenKind.Rem => 5,
        _ => 0,
    };

    private static string OperatorName(TokenKind k) => k switch
    {
        TokenKind.Equal => "equal",
        TokenKind.Neq => "neq",
        TokenKind.Lt => "lt",
        TokenKind.Lte => "lte",
        TokenKind.Gt => "gt",
        TokenKind.Gte => "gte",
        TokenKind.Or => "or",
        TokenKind.And => "and",
        TokenKind.Add => "plus",
        TokenKind.Sub => "minus",
        TokenKind.Mul => "mul",
        TokenKind.Quo => "div",
        TokenKind.Rem => "rem",
        _ => throw new InvalidOperationException(k.ToString()),
    };

    /// <summary>Precedence climbing over the left-associative binary operators.</summary>
    private Term ParseBinary(int minLevel, Term? first)
    {
        var lhs = first ?? ParseTerm();
        var chain = 0;
        while (true)
        {
            var level = Level(Kind);
            if (level == 0 || level < minLevel) return lhs;
            CheckChain(++chain);
            var op = Tok;
            Next();
            var rhs = level == 5 ? ParseTerm() : ParseBinary(level + 1, null);
            lhs = new CallTerm(new VarTerm(OperatorName(op.Kind), Loc(op)), [lhs, rhs], lhs.Location);
        }
    }

    // ---------------------------------------------------------------- single terms

    private Term ParseTerm()
    {
        if (_memo is not null && _memo.TryGetValue(_pos, out var hit))
        {
            _pos = hit.End;
            return hit.Term;
        }
        var startPos = _pos;
        var t = Tok;
        Term term;
        switch (Kind)
        {
            case TokenKind.Null:
                Next();
                term = new ScalarTerm(NullValue.Instance, Loc(t));
                break;
            case TokenKind.True:
                Next();
                term = new ScalarTerm(BooleanValue.True, Loc(t));
                break;
            case TokenKind.False:
                Next();
                term = new ScalarTerm(BooleanValue.False, Loc(t));
                break;
            case TokenKind.Number:
            case TokenKind.Dot:
                term = ParseNumber(false, t);
                break;
            case TokenKind.Sub:
                return ParseNegation(t);
            case TokenKind.String:
                Next();
                term = new ScalarTerm(new StringValue(t.Text!), Loc(t));
                break;
            case TokenKind.Ident:
            case TokenKind.Contains: // `contains` is only special in rule heads; elsewhere it names the builtin.
                Next();
                term = new VarTerm(t.Text!, Loc(t));
                break;
            case TokenKind.LBrack:
                term = ParseArray();
                break;
            case TokenKind.LBrace:
                term = ParseSetOrObject();
                break;
            case TokenKind.TemplatePart:
            case TokenKind.TemplateEnd:
                term = ParseTemplateString();
                break;
            case TokenKind.LParen:
            {
                Enter();
                try
                {
                    Next();
                    var inner = ParseTermInfix(true);
                    if (Kind != TokenKind.RParen) throw Error(Loc(Tok), "non-terminated expression");
                    Next();
                    term = inner;
                }
                finally
                {
                    Leave();
                }
                break;
            }
            default:
                throw Illegal();
        }
        term = ParseTermFinish(term);
        if (_memo is not null && term is not (ScalarTerm or VarTerm)) _memo[startPos] = (term, _pos);
        return term;
    }

    /// <summary><c>$"text {expr} text"</c>: the lexer splits the text at embedded expressions.</summary>
    private TemplateStringTerm ParseTemplateString()
    {
        Enter();
        try
        {
            var first = Tok;
            var raw = _src[first.Start + 1] == '`';
            var parts = new List<TemplateStringPart>();
            while (true)
            {
                var t = Tok;
                if (t.Text!.Length > 0) parts.Add(TemplateStringPart.Literal(t.Text));
                Next();
                if (t.Kind == TokenKind.TemplateEnd) break;

                var expr = ParseLiteral();
                if (expr.Negated) throw Error(expr.Location, "unexpected negation ('not') in template-string expression");
                switch (expr)
                {
                    case TermExpr { Term: CallTerm { OperatorName: "eq" } }:
                        throw Error(expr.Location, "unexpected unification ('=') in template-string expression");
                    case TermExpr { Term: CallTerm { OperatorName: "assign" } }:
                        throw Error(expr.Location, "unexpected assignment (':=') in template-string expression");
                    case EveryExpr:
                        throw Error(expr.Location, "unexpected 'every' in template-string expression");
                    case SomeDeclExpr or SomeInExpr:
                        throw Error(expr.Location, "unexpected 'some' in template-string expression");
                }
                parts.Add(TemplateStringPart.Embedded(expr));
                var end = Tok;
                if (end.Kind is not (TokenKind.TemplatePart or TokenKind.TemplateEnd) || _src[end.Start] != '}')
                {
                    throw Error(Loc(end), "expected } to end template string expression");
                }
            }
            return new TemplateStringTerm(parts, raw, Loc(first));
        }
        finally
        {
            Leave();
        }
    }

    /// <summary><c>-1</c> is a negative literal; <c>-x</c> is <c>minus(0, x)</c>.</summary>
    private Term ParseNegation(in Token minus)
    {
        Next();
        if (Kind == TokenKind.Number || (Kind == TokenKind.Dot && PeekKind(1) == TokenKind.Number))
        {
            return ParseTermFinish(ParseNumber(true, minus));
        }
        Enter();
        try
        {
            var operand = ParseTerm();
            var loc = Loc(minus);
            return new CallTerm(new VarTerm("minus", loc), [new ScalarTerm(NumberValue.Zero, loc), operand], loc);
        }
        finally
        {
            Leave();
        }
    }

    private Term ParseTermFinish(Term term)
    {
        var t = Tok;
        if (!t.SpaceBefore && t.Kind is TokenKind.LParen or TokenKind.Dot or TokenKind.LBrack)
        {
            return ParseRef(term, allowLeadingSpace: false);
        }
        if (term is VarTerm { Name: "data" or "input" } root) return new RefTerm(root, [], root.Location);
        return term;
    }

    private Term ParseNumber(bool negative, in Token start)
    {
        var prefix = negative ? "-" : "";
        if (Kind == TokenKind.Dot)
        {
            prefix += ".";
            Next();
            if (Kind != TokenKind.Number) throw Illegal("expected number");
        }
        var lit = Tok.Text!;
        if (!prefix.EndsWith('.') && lit.Length > 1 && lit[0] == '0' && !(lit[1] == '.' || (lit.Length > 2 && lit[1] is 'e' or 'E')))
        {
            throw Illegal("expected number without leading zero");
        }
        if (prefix.EndsWith('.') && lit.Contains('.')) throw Illegal("expected number");
        var text = prefix + lit;
        if (IsTooBig(text)) throw Error(Loc(Tok), "number too big");
        var value = NumberValue.ParseLiteral(text) ?? throw Illegal("invalid float");
        Next();
        return new ScalarTerm(value, Loc(start));
    }

    /// <summary>OPA rejects numbers whose binary exponent exceeds 1e5 (about 10^30103) either way.</summary>
    private static bool IsTooBig(string text)
    {
        const int limit = 30_000;
        var s = text.AsSpan().TrimStart('-');
        var ePos = s.IndexOfAny('e', 'E');
        long exp = 0;
        if (ePos >= 0)
        {
            var expText = s[(ePos + 1)..];
            if (!long.TryParse(expText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exp))
            {
                return true;
            }
            s = s[..ePos];
        }
        var dot = s.IndexOf('.');
        var intPart = dot >= 0 ? s[..dot] : s;
        var fracPart = dot >= 0 ? s[(dot + 1)..] : [];
        var firstNonZero = -1;
        for (var i = 0; i < intPart.Length + fracPart.Length; i++)
        {
            var c = i < intPart.Length ? intPart[i] : fracPart[i - intPart.Length];
            if (c != '0')
            {
                firstNonZero = i;
                break;
            }
        }
        if (firstNonZero < 0) return false;
        var magnitude = intPart.Length - firstNonZero + exp;
        return magnitude > limit || magnitude < -limit;
    }

    /// <summary>Ref suffixes after a term: <c>.name</c>, <c>[term]</c>, and calls <c>(args)</c>.</summary>
    private Term ParseRef(Term head, bool allowLeadingSpace)
    {
        Enter();
        try
        {
            if (head is not (VarTerm or ArrayTerm or ObjectTerm or SetTerm or ArrayComprehensionTerm or SetComprehensionTerm
                or ObjectComprehensionTerm or CallTerm))
            {
                throw Error(head.Location, $"illegal ref (head cannot be {ValueName(head)})");
            }

            var current = head;
            var path = new List<Term>();
            var calls = 0;
            var firstSuffix = true;
            while (true)
            {
                var t = Tok;
                if (t.SpaceBefore && !(firstSuffix && allowLeadingSpace)) break;
                firstSuffix = false;
                if (t.Kind == TokenKind.Dot)
                {
                    Next();
                    var n = Tok;
                    if (n.SpaceBefore || !(n.Kind == TokenKind.Ident || IsKeyword(n.Kind))) throw Illegal("expected ident");
                    path.Add(new ScalarTerm(new StringValue(n.Text!), Loc(n)));
                    Next();
                }
                else if (t.Kind == TokenKind.LBrack)
                {
                    Next();
                    var inner = ParseTermInfix(true);
                    if (Kind != TokenKind.RBrack) throw Illegal("expected ]");
                    path.Add(inner);
                    Next();
                }
                else if (t.Kind == TokenKind.LParen)
                {
                    CheckChain(calls++);
                    var op = path.Count == 0 ? current : new RefTerm(current, path.ToArray(), current.Location);
                    Next();
                    var args = new List<Term>();
                    ParseTermList(TokenKind.RParen, args, null);
                    Next();
                    current = args.Count == 0 && op is VarTerm { Name: "set" }
                        ? new SetTerm([], op.Location)
                        : new CallTerm(op, args, op.Location);
                    path = [];
                    // After a call only `.x` and `[x]` continue the ref, as in OPA.
                    var after = Tok;
                    if (after.SpaceBefore || after.Kind is not (TokenKind.Dot or TokenKind.LBrack)) break;
                }
                else
                {
                    break;
                }
            }
            if (path.Count == 0) return current;
            return new RefTerm(current, path, current.Location);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Items up to <paramref name="end"/> (not consumed), comma separated, trailing comma allowed.</summary>
    private void ParseTermList(TokenKind end, List<Term> items, Term? firstHead)
    {
        if (firstHead is null && Kind == end) return;
        while (true)
        {
            var term = firstHead is not null ? ParseIn(firstHead, false) : ParseTermInfix(false);
            firstHead = null;
            items.Add(term);
            if (Kind == end) return;
            if (Kind != TokenKind.Comma) throw Illegal($"expected \",\" or \"{Symbol(end)}\"");
            Next();
            if (Kind == end) return;
        }
    }

    private Term ParseArray()
    {
        Enter();
        try
        {
            var open = Tok;
            var loc = Loc(open);
            Next();
            if (Kind == TokenKind.RBrack)
            {
                Next();
                return new ArrayTerm([], loc);
            }
            var potentialComprehension = true;
            // A leading comma (`[, x]`) is accepted for compatibility, and rules out a comprehension.
            if (Kind == TokenKind.Comma)
            {
                potentialComprehension = false;
                Next();
            }
            var s = _pos;
            // A bare term first, so `[x | ...]` is a comprehension rather than an `or` call.
            var head = ParseTerm();
            if (Kind == TokenKind.Or && potentialComprehension)
            {
                Next();
                try
                {
                    var body = ParseBody(TokenKind.RBrack);
                    Next();
                    return new ArrayComprehensionTerm(head, body, loc);
                }
                catch (RegoException) when (Kind == TokenKind.Comma && Backtrack())
                {
                    _pos = s;
                    head = ParseTerm();
                }
            }
            var items = new List<Term>();
            ParseTermList(TokenKind.RBrack, items, head);
            Next();
            return new ArrayTerm(items, loc);
        }
        finally
        {
            Leave();
        }
    }

    private Term ParseSetOrObject()
    {
        Enter();
        try
        {
            var open = Tok;
            var loc = Loc(open);
            Next();
            if (Kind == TokenKind.RBrace)
            {
                Next();
                return new ObjectTerm([], loc);
            }
            var potentialComprehension = true;
            if (Kind == TokenKind.Comma)
            {
                potentialComprehension = false;
                Next();
            }
            var s = _pos;
            var head = ParseTerm();
            switch (Kind)
            {
                case TokenKind.Or when potentialComprehension:
                    Next();
                    try
                    {
                        var body = ParseBody(TokenKind.RBrace);
                        Next();
                        return new SetComprehensionTerm(head, body, loc);
                    }
                    catch (RegoException) when (Kind == TokenKind.Comma && Backtrack())
                    {
                        _pos = s;
                        return FinishSet(null, loc);
                    }
                case TokenKind.RBrace:
                case TokenKind.Comma:
                    return FinishSet(head, loc);
                case TokenKind.Colon:
                    return ParseObject(head, potentialComprehension, loc);
            }

            head = ParseIn(head, false);
            switch (Kind)
            {
                case TokenKind.RBrace:
                case TokenKind.Comma:
                    return FinishSet(head, loc);
                case TokenKind.Colon:
                    return ParseObject(head, potentialComprehension, loc);
                default:
                    throw Illegal("non-terminated set");
            }
        }
        finally
        {
            Leave();
        }
    }

    private SetTerm FinishSet(Term? first, SourceLocation loc)
    {
        var items = new List<Term>();
        if (first is not null)
        {
            items.Add(first);
            if (Kind == TokenKind.Comma)
            {
                Next();
                if (Kind != TokenKind.RBrace) ParseTermList(TokenKind.RBrace, items, null);
            }
        }
        else
        {
            ParseTermList(TokenKind.RBrace, items, null);
        }
        if (Kind != TokenKind.RBrace) throw Illegal("non-terminated set");
        Next();
        return new SetTerm(items, loc);
    }

    private Term ParseObject(Term key, bool potentialComprehension, SourceLocation loc)
    {
        Next(); // ':'
        var s = _pos;
        var value = ParseTerm();
        if (potentialComprehension && Kind == TokenKind.Or)
        {
            Next();
            try
            {
                var body = ParseBody(TokenKind.RBrace);
                Next();
                return new ObjectComprehensionTerm(key, value, body, loc);
            }
            catch (RegoException) when (Backtrack())
            {
                _pos = s;
                value = ParseTermInfix(false);
                if (Kind is not (TokenKind.RBrace or TokenKind.Comma)) throw Illegal("non-terminated object");
            }
        }
        else if (Kind is not (TokenKind.RBrace or TokenKind.Comma))
        {
            value = ParseIn(value, false);
        }

        var pairs = new List<KeyValuePair<Term, Term>> { new(key, value) };
        if (Kind == TokenKind.Comma)
        {
            Next();
            while (Kind != TokenKind.RBrace)
            {
                var k = ParseTermInfix(false);
                if (Kind != TokenKind.Colon) throw Illegal("expected \":\"");
                Next();
                var v = ParseTermInfix(false);
                pairs.Add(new(k, v));
                if (Kind == TokenKind.RBrace) break;
                if (Kind != TokenKind.Comma) throw Illegal("expected \",\" or \"}\"");
                Next();
            }
        }
        else if (Kind != TokenKind.RBrace)
        {
            throw Illegal("non-terminated object");
        }
        Next();
        return new ObjectTerm(pairs, loc);
    }
}
