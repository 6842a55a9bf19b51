using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>Bad input gets rego_parse_error with OPA's message and a file:row:col location.</summary>
public sealed class ParseErrorTests
{
    private static readonly RegoParseOptions V0 = new() { Version = RegoVersion.V0 };

    private static RegoError ModuleError(string source, RegoParseOptions? options = null)
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", source, options));
        Assert.Equal(RegoErrorCodes.ParseError, e.Code);
        return e.Errors[0];
    }

    private static RegoError QueryError(string source)
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseQuery(source));
        Assert.Equal(RegoErrorCodes.ParseError, e.Code);
        return e.Errors[0];
    }

    [Theory]
    [InlineData("package p\np if {", "unexpected eof token", 2, 7)]
    [InlineData("package p\np if { x", "unexpected eof token: expected \\n or ; or }", 2, 9)]
    [InlineData("package p\np if { x y }", "unexpected ident token: expected \\n or ; or }", 2, 10)]
    [InlineData("package p\np if { x ]", "unexpected ] token: expected \\n or ; or }", 2, 10)]
    [InlineData("package p\np := [1, 2", "unexpected eof token: expected \",\" or \"]\"", 2, 11)]
    [InlineData("package p\np := {\"a\" 1}", "unexpected number token: non-terminated set", 2, 11)]
    [InlineData("package p\np := {\"a\": 1 2}", "unexpected number token: non-terminated object", 2, 14)]
    [InlineData("package p\np := {\"a\": 1, \"b\" 2}", "unexpected number token: expected \":\"", 2, 19)]
    [InlineData("package p\np := (1 + 2", "non-terminated expression", 2, 12)]
    [InlineData("package p\np := \"abc", "non-terminated string", 2, 6)]
    [InlineData("package p\np := \"a\\qb\"", "illegal escape sequence", 2, 6)]
    [InlineData("package p\np := `abc", "non-terminated raw string", 2, 6)]
    [InlineData("package p\np := 01", "unexpected number token: expected number without leading zero", 2, 6)]
    [InlineData("package p\np := 1e", "expected exponent", 2, 6)]
    [InlineData("package p\np := 12abc", "illegal number format", 2, 6)]
    [InlineData("package p\np := 1e99999", "number too big", 2, 6)]
    [InlineData("package p\np := ~", "illegal token", 2, 6)]
    [InlineData("package p\np := \"a\"[0]", "illegal ref (head cannot be string)", 2, 6)]
    [InlineData("package p\np := x.", "unexpected eof token: expected ident", 2, 8)]
    [InlineData("package p\np if { x[1 }", "unexpected } token: expected ]", 2, 12)]
    [InlineData("package p\np if { not some x }", "unexpected some keyword: illegal negation of 'some'", 2, 12)]
    [InlineData("package p\np if { not every x in xs { x } }", "unexpected every keyword: illegal negation of 'every'", 2, 12)]
    [InlineData("package p\np if { some 1 }", "unexpected number token: expected var", 2, 13)]
    [InlineData("package p\np if { some x == y }", "unexpected } token: expected `x in xs` or `x, y in xs` expression", 2, 20)]
    [InlineData("package p\np if { every x { x } }", "unexpected { token: expected `x[, y] in xs { ... }` expression", 2, 16)]
    [InlineData("package p\np if { every x in xs }", "unexpected } token: missing body", 2, 22)]
    [InlineData("package p\np if { every [x] in xs { x } }", "unexpected { token: expected value to be a variable", 2, 24)]
    [InlineData("package p\np if { x with 1 as 2 }", "unexpected number token: expected ident", 2, 15)]
    [InlineData("package p\np if { x with input }", "unexpected } token: expected as keyword", 2, 21)]
    [InlineData("package p\np if { x } else := 1 if {}", "found empty body", 2, 26)]
    [InlineData("package p\np if { x } else", "unexpected eof token: expected else value term or rule body", 2, 16)]
    [InlineData("package p\np[x] := 1 if { x := 1 } else := 2", "else keyword cannot be used on rules with variables in head", 2, 25)]
    [InlineData("package p\np := 1 if { true } else := 2 { true } { true }", "expected else keyword", 2, 39)]
    [InlineData("package p\np contains 1 if { true } else { true }", "else keyword cannot be used on multi-value rules", 2, 26)]
    [InlineData("package p\ndefault p", "illegal default rule (must have a value)", 2, 1)]
    [InlineData("package p\ndefault p := x", "illegal default rule (value cannot contain var)", 2, 1)]
    [InlineData("package p\ndefault p := input.x", "illegal default rule (value cannot contain ref)", 2, 1)]
    [InlineData("package p\ndefault p := [count(x)]", "illegal default rule (value cannot contain call)", 2, 1)]
    [InlineData("package p\ndefault f(1) := 1", "illegal default rule (arguments cannot contain number)", 2, 1)]
    [InlineData("package p\ndefault f(x, x) := 1", "illegal default rule (arguments cannot be repeated x)", 2, 1)]
    [InlineData("package p\nf(x) contains 1", "unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })", 2, 6)]
    [InlineData("package p\n1", "number cannot be used for rule name", 2, 1)]
    [InlineData("package p\n\"x\" := 1", "string cannot be used for rule name", 2, 1)]
    [InlineData("package p\n{}", "object cannot be used for rule name", 2, 1)]
    [InlineData("package p\nx", "var cannot be used for rule name", 2, 1)]
    [InlineData("package p\ninput", "refs cannot be used for rule head", 2, 1)]
    [InlineData("package p\nnot x", "negated expressions cannot be used for rule head", 2, 1)]
    [InlineData("package p\nx; y", "multiple expressions cannot be used for rule head", 2, 1)]
    [InlineData("package p\ncontains := 1", "contains keyword cannot be used for rule name", 2, 1)]
    [InlineData("package p\nif := 1", "unexpected if keyword", 2, 1)]
    [InlineData("package p\nx + 1", "rule name conflicts with built-in function", 2, 1)]
    [InlineData("", "empty module", 1, 1)]
    [InlineData("# only a comment\n", "empty module", 2, 1)]
    [InlineData("p := 1", "package expected", 1, 1)]
    [InlineData("package 1", "unexpected number token", 1, 9)]
    [InlineData("package a[x]", "unexpected var token: expecting string", 1, 11)]
    [InlineData("package p\npackage q", "unexpected package", 2, 1)]
    [InlineData("package p\nimport foo.bar", "unexpected import path, must begin with one of: {data, future, input, rego}, got: foo", 2, 8)]
    [InlineData("package p\nimport data.a[x]", "unexpected var token: expecting string", 2, 15)]
    [InlineData("package p\nimport rego.v3", "invalid import `rego.v3`, must be `rego.v1`", 2, 8)]
    [InlineData("package p\nimport future.stuff", "invalid import, must be `future.keywords`", 2, 8)]
    [InlineData("package p\nimport future.keywords.foo", "unexpected keyword, must be one of [contains every if in not]", 2, 8)]
    [InlineData("package p\nimport future.keywords as fk", "`future` imports cannot be aliased", 2, 8)]
    [InlineData("package p\nimport data.x as 1", "unexpected number token: expected var", 2, 18)]
    [InlineData("package p\nimport input.in", "unexpected import path, must not end with a keyword, got: in", 2, 14)]
    public void ModuleErrors(string source, string message, int row, int col)
    {
        var error = ModuleError(source);
        Assert.Equal(message, error.Message);
        Assert.Equal(new SourceLocation("x.rego", row, col), error.Location);
    }

    [Theory]
    [InlineData("", "empty query", 1, 1)]
    [InlineData("x = ", "unexpected eof token", 1, 5)]
    [InlineData("1 +", "unexpected eof token", 1, 4)]
    [InlineData("f(", "unexpected eof token", 1, 3)]
    [InlineData("[1, 2", "unexpected eof token: expected \",\" or \"]\"", 1, 6)]
    [InlineData("x;;y", "unexpected ; token", 1, 3)]
    [InlineData("package p", "unexpected package keyword", 1, 1)]
    [InlineData("-", "unexpected eof token", 1, 2)]
    [InlineData("a ! b", "illegal ! character", 1, 3)]
    [InlineData("1.", "expected fraction", 1, 1)]
    [InlineData("é", "illegal token", 1, 1)]
    [InlineData("$x", "illegal $ character", 1, 1)]
    [InlineData("$\"abc", "non-terminated string", 1, 1)]
    [InlineData("$\"{not x}\"", "unexpected negation ('not') in template-string expression", 1, 4)]
    [InlineData("$\"{x = 1}\"", "unexpected unification ('=') in template-string expression", 1, 4)]
    [InlineData("$\"{x := 1}\"", "unexpected assignment (':=') in template-string expression", 1, 4)]
    [InlineData("$\"{some x in y}\"", "unexpected 'some' in template-string expression", 1, 4)]
    [InlineData("$\"{x y}\"", "expected } to end template string expression", 1, 6)]
    [InlineData("x := [1 | ]", "found empty body", 1, 11)]
    public void QueryErrors(string source, string message, int row, int col)
    {
        var error = QueryError(source);
        Assert.Equal(message, error.Message);
        Assert.Equal(new SourceLocation("", row, col), error.Location);
    }

    [Fact]
    public void V1RequiresIfAndContains()
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\np { true }\nq[x] { x := 1 }\nr contains 1 { true }\nf(x) = 1 { x }"));
        Assert.Equal(
            [
                "x.rego:2: rego_parse_error: `if` keyword is required before rule body",
                "x.rego:3: rego_parse_error: `if` keyword is required before rule body",
                "x.rego:3: rego_parse_error: `contains` keyword is required for partial set rules",
                "x.rego:4: rego_parse_error: `if` keyword is required before rule body",
                "x.rego:5: rego_parse_error: `if` keyword is required before function body",
            ],
            e.Errors.Select(x => x.ToString()));
        Assert.All(e.Errors, x => Assert.Equal(1, x.Location!.Col));
    }

    [Fact]
    public void V1RequiresAValueOrABody()
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\na.b.c\np[1]\nf(1)"));
        Assert.Equal(
            [
                "x.rego:2: rego_parse_error: rule must have value assignment and/or body declaration",
                "x.rego:3: rego_parse_error: `contains` keyword is required for partial set rules",
                "x.rego:4: rego_parse_error: function must have value assignment and/or body declaration",
            ],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void V1ElseBodiesNeedIfToo()
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\np := 1 if { a } else := 2 { b }"));
        Assert.Equal("x.rego:2: rego_parse_error: `if` keyword is required before rule body", e.Message);
        Assert.Equal(new SourceLocation("x.rego", 2, 17), e.Errors[0].Location);
    }

    [Fact]
    public void V0KeywordsAreNamesWithoutImports()
    {
        // `p contains 1 if {...}` in v0 without imports: OPA reads `p`, `contains`, `1`... as separate statements.
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\np contains 1 if { true }", V0));
        Assert.Equal("var cannot be used for rule name", e.Errors[0].Message);
        var e2 = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\np { x in xs }", V0));
        Assert.Equal("unexpected ident token: expected \\n or ; or }", e2.Errors[0].Message);
        var e3 = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\np { some x in xs }", V0));
        Assert.Equal("unexpected ident token: expected \\n or ; or } (hint: `import future.keywords.in` for `some x in xs` expressions)", e3.Errors[0].Message);
        var e4 = Assert.Throws<RegoException>(() => RegoParser.ParseModule("x.rego", "package p\np { every x in xs { x } }", V0));
        Assert.Equal("unexpected ident token: expected \\n or ; or } (hint: `import future.keywords.every` for `every x in xs { ... }` expressions)", e4.Errors[0].Message);
        Assert.Single(RegoParser.ParseModule("x.rego", "package p\nimport input.in", V0).Imports);
    }
}
