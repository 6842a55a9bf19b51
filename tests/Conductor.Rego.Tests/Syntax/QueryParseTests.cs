using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>Exact shapes of expressions and terms, parsed as queries.</summary>
public sealed class QueryParseTests
{
    private static string Q(string source, RegoParseOptions? options = null) => AstText.Of(RegoParser.ParseQuery(source, options));

    [Theory]
    // scalars
    [InlineData("1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("- 1", "-1")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"a\\tb\"", "\"a\\tb\"")]
    [InlineData("`raw\\n`", "\"raw\\\\n\"")]
    [InlineData("\"\\u00e9\\ud83d\\ude00\"", "\"é😀\"")]
    // vars and refs
    [InlineData("x", "x")]
    [InlineData("_", "_")]
    [InlineData("input", "ref(input)")]
    [InlineData("data", "ref(data)")]
    [InlineData("input.a.b", "ref(input, \"a\", \"b\")")]
    [InlineData("data.a[\"b-c\"][x][0]", "ref(data, \"a\", \"b-c\", x, 0)")]
    [InlineData("a[b[c]]", "ref(a, ref(b, c))")]
    [InlineData("[1, 2][0]", "ref([1, 2], 0)")]
    [InlineData("{\"a\": 1}[\"a\"]", "ref({\"a\": 1}, \"a\")")]
    [InlineData("{1}[1]", "ref(set(1), 1)")]
    [InlineData("f(x).y", "ref(call(f, x), \"y\")")]
    [InlineData("f(x)[0].y", "ref(call(f, x), 0, \"y\")")]
    [InlineData("[x | x = 1][0]", "ref([x | call(eq, x, 1)], 0)")]
    [InlineData("input.not.if", "ref(input, \"not\", \"if\")")]
    // calls
    [InlineData("count(x)", "call(count, x)")]
    [InlineData("io.jwt.decode(t)", "call(io.jwt.decode, t)")]
    [InlineData("data.lib.f(1, 2,)", "call(data.lib.f, 1, 2)")]
    [InlineData("f()", "call(f)")]
    [InlineData("set()", "set()")]
    [InlineData("contains(\"abc\", \"b\")", "call(contains, \"abc\", \"b\")")]
    [InlineData("f(a, b in c)", "call(f, a, call(internal.member_2, b, c))")]
    // operators and precedence
    [InlineData("x = 1", "call(eq, x, 1)")]
    [InlineData("x := 1", "call(assign, x, 1)")]
    [InlineData("1 + 2 * 3", "call(plus, 1, call(mul, 2, 3))")]
    [InlineData("1 - 2 - 3", "call(minus, call(minus, 1, 2), 3)")]
    [InlineData("8 / 4 % 3", "call(rem, call(div, 8, 4), 3)")]
    [InlineData("(1 + 2) * 3", "call(mul, call(plus, 1, 2), 3)")]
    [InlineData("x-1", "call(minus, x, 1)")]
    [InlineData("x - -1", "call(minus, x, -1)")]
    [InlineData("-x", "call(minus, 0, x)")]
    [InlineData("a - (b + -c) * (-d / 2)", "call(minus, a, call(mul, call(plus, b, call(minus, 0, c)), call(div, call(minus, 0, d), 2)))")]
    [InlineData("a | b & c", "call(or, a, call(and, b, c))")]
    [InlineData("a & b | c", "call(or, call(and, a, b), c)")]
    [InlineData("a == b | c", "call(equal, a, call(or, b, c))")]
    [InlineData("a + 1 < b * 2", "call(lt, call(plus, a, 1), call(mul, b, 2))")]
    [InlineData("a != b", "call(neq, a, b)")]
    [InlineData("a <= b", "call(lte, a, b)")]
    [InlineData("a >= b", "call(gte, a, b)")]
    [InlineData("a > b", "call(gt, a, b)")]
    [InlineData("a == b == c", "call(equal, call(equal, a, b), c)")]
    [InlineData("x = a + b", "call(eq, x, call(plus, a, b))")]
    [InlineData("x in xs", "call(internal.member_2, x, xs)")]
    [InlineData("k, v in xs", "call(internal.member_3, k, v, xs)")]
    [InlineData("x in xs == true", "call(internal.member_2, x, call(equal, xs, true))")]
    [InlineData("y := x in xs", "call(assign, y, call(internal.member_2, x, xs))")]
    [InlineData("x in xs in ys", "call(internal.member_2, call(internal.member_2, x, xs), ys)")]
    // composites
    [InlineData("[]", "[]")]
    [InlineData("[1, 2,]", "[1, 2]")]
    [InlineData("[, 1, 2]", "[1, 2]")]
    [InlineData("{}", "{}")]
    [InlineData("{1, 2,}", "set(1, 2)")]
    [InlineData("{\"a\": 1, \"b\": [x],}", "{\"a\": 1, \"b\": [x]}")]
    [InlineData("{x + 1: y * 2}", "{call(plus, x, 1): call(mul, y, 2)}")]
    [InlineData("{x + 1, 2}", "set(call(plus, x, 1), 2)")]
    [InlineData("[x + 1, 2]", "[call(plus, x, 1), 2]")]
    [InlineData("[a, b in c]", "[a, call(internal.member_2, b, c)]")]
    [InlineData("[x + 1 | y]", "[call(or, call(plus, x, 1), y)]")]
    [InlineData("[x | x := xs[_]]", "[x | call(assign, x, ref(xs, _))]")]
    [InlineData("{x | some x in xs}", "set(x | somein(x, xs))")]
    [InlineData("{k: v | some k, v in obj; v > 1}", "{k: v | somein(k, v, obj); call(gt, v, 1)}")]
    [InlineData("[a | b, c]", "[call(or, a, b), c]")]
    [InlineData("{\"a\": x | y, \"b\": 2}", "{\"a\": call(or, x, y), \"b\": 2}")]
    [InlineData("[[1], {2}, {\"a\": [3]}]", "[[1], set(2), {\"a\": [3]}]")]
    // not, with, some, every
    [InlineData("not x", "not x")]
    [InlineData("not input.a == 1", "not call(equal, ref(input, \"a\"), 1)")]
    [InlineData("f(x) with input as {} with data.a.b as 1", "call(f, x) with ref(input) as {} with ref(data, \"a\", \"b\") as 1")]
    [InlineData("x with count as mock_count", "x with count as mock_count")]
    [InlineData("some x", "some(x)")]
    [InlineData("some x, y", "some(x, y)")]
    [InlineData("some x in xs", "somein(x, xs)")]
    [InlineData("some k, v in xs", "somein(k, v, xs)")]
    [InlineData("some [a, b] in xs", "somein([a, b], xs)")]
    [InlineData("some {\"k\": k}, [v] in xs", "somein({\"k\": k}, [v], xs)")]
    [InlineData("every x in xs { x > 0 }", "every(x, xs) { call(gt, x, 0) }")]
    [InlineData("every k, v in {\"a\": 1} { k != v\n v > 0 }", "every(k, v, {\"a\": 1}) { call(neq, k, v); call(gt, v, 0) }")]
    // several expressions
    [InlineData("a; b", "a; b")]
    [InlineData("a\nb\n\nc", "a; b; c")]
    [InlineData("a = 1 b = 2", "call(eq, a, 1); call(eq, b, 2)")]
    [InlineData("a +\n 1", "call(plus, a, 1)")]
    [InlineData("x = [1,\n2]", "call(eq, x, [1, 2])")]
    [InlineData("[1, 2, 3][_] = x;", "call(eq, ref([1, 2, 3], _), x)")]
    [InlineData("# comment\nx # trailing\n", "x")]
    // template strings
    [InlineData("$\"Hello {input.name}!\"", "template(\"Hello \", {ref(input, \"name\")}, \"!\")")]
    [InlineData("$\"{x}{count(y) + 1}\"", "template({x}, {call(plus, call(count, y), 1)})")]
    [InlineData("$\"a \\{b} \\n {\"c\"}\"", "template(\"a {b} \\n \", {\"c\"})")]
    [InlineData("$\"{ {1, 2} } and { {\"k\": $\"in{v}\"} }\"", "template({set(1, 2)}, \" and \", {{\"k\": template(\"in\", {v})}})")]
    [InlineData("$`raw \\n\n{x}`", "rawtemplate(\"raw \\\\n\\n\", {x})")]
    [InlineData("$\"{input.name with input as {\"name\": \"w\"}}\"", "template({ref(input, \"name\") with ref(input) as {\"name\": \"w\"}})")]
    [InlineData("$\"\"", "template()")]
    // identifiers may contain digits and underscores
    [InlineData("_x1 = a_2", "call(eq, _x1, a_2)")]
    public void ParsesQuery(string source, string expected) => Assert.Equal(expected, Q(source));

    [Fact]
    public void ExpressionTextIsTheSourceSlice()
    {
        var body = RegoParser.ParseQuery("x := [1,\n  2]   # c\n  not   f(x)  with input as 1;y");
        Assert.Equal(["x := [1,\n  2]", "not   f(x)  with input as 1", "y"], body.Exprs.Select(e => e.Text));
        Assert.Equal(new SourceLocation("", 1, 1), body.Exprs[0].Location);
        Assert.Equal(new SourceLocation("", 3, 3), body.Exprs[1].Location);
        Assert.Equal(new SourceLocation("", 3, 31), body.Exprs[2].Location);
    }

    [Fact]
    public void TermsKnowWhereTheyAre()
    {
        var e = (TermExpr)RegoParser.ParseQuery("  a.b[c] == f(1)").Exprs[0];
        var call = (CallTerm)e.Term;
        Assert.Equal(new SourceLocation("", 1, 3), call.Location);
        Assert.Equal(new SourceLocation("", 1, 10), call.Operator.Location);
        var r = (RefTerm)call.Args[0];
        Assert.Equal(new SourceLocation("", 1, 5), r.Path[0].Location);
        Assert.Equal(new SourceLocation("", 1, 7), r.Path[1].Location);
        Assert.Equal(new SourceLocation("", 1, 13), call.Args[1].Location);
    }

    [Fact]
    public void NumbersKeepSizeAndPrecision()
    {
        var big = "123456789012345678901234567890123456789";
        var term = (ScalarTerm)((TermExpr)RegoParser.ParseQuery(big).Exprs[0]).Term;
        Assert.Equal(NumberValue.Parse(big), term.Value);
        var neg = (ScalarTerm)((TermExpr)RegoParser.ParseQuery("-" + big).Exprs[0]).Term;
        Assert.Equal(NumberValue.Parse("-" + big), neg.Value);
        var frac = (ScalarTerm)((TermExpr)RegoParser.ParseQuery("0.1").Exprs[0]).Term;
        Assert.Equal(NumberValue.Parse("0.1"), frac.Value);
    }

    [Fact]
    public void FutureKeywordsAreNamesInV0Queries()
    {
        var v0 = new RegoParseOptions { Version = RegoVersion.V0 };
        Assert.Equal("call(eq, if, 1); call(eq, in, every)", Q("if = 1; in = every", v0));
        Assert.Equal("call(internal.member_2, x, xs)", Q("x in xs"));
    }
}
