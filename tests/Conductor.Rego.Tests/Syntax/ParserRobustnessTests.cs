using System.Text;
using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>Hostile input: deep nesting, garbage and long files give rego_parse_error or parse, never crash.</summary>
public sealed class ParserRobustnessTests
{
    [Theory]
    [InlineData("[")]
    [InlineData("(")]
    [InlineData("{")]
    [InlineData("f(")]
    [InlineData("-")]
    [InlineData("[x | ")]
    [InlineData("a[")]
    public void DeepNestingIsAParseError(string opener)
    {
        var src = new StringBuilder().Insert(0, opener, 10_000).Append('1').ToString();
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseQuery(src));
        Assert.Equal(RegoErrorCodes.ParseError, e.Code);
        Assert.Equal("max parsing recursion depth exceeded", e.Errors[0].Message);
        var m = Assert.Throws<RegoException>(() => RegoParser.ParseModule("deep.rego", "package p\np := " + src));
        Assert.Equal(RegoErrorCodes.ParseError, m.Code);
    }

    [Fact]
    public void DeepNestingOnABigStackThreadStillStopsAtTheLimit()
    {
        RegoException? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                RegoParser.ParseQuery(new string('[', 100_000) + new string(']', 100_000));
            }
            catch (RegoException e)
            {
                caught = e;
            }
        }, 64 * 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(caught);
        Assert.Equal("max parsing recursion depth exceeded", caught!.Errors[0].Message);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("(", ")")]
    [InlineData("{", "}")]
    [InlineData("f(", ")")]
    [InlineData("a[", "]")]
    public void EachNestingLevelCountsOnce(string open, string close)
    {
        var options = new RegoParseOptions { MaxNestingDepth = 50 };
        string Nest(int n) => new StringBuilder().Insert(0, open, n).Append('1').Insert(n * open.Length + 1, close, n).ToString();
        Assert.Single(RegoParser.ParseQuery(Nest(50), options).Exprs);
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseQuery(Nest(51), options));
        Assert.Equal("max parsing recursion depth exceeded", e.Errors[0].Message);
        Assert.Single(RegoParser.ParseQuery(Nest(500)).Exprs);
    }

    [Fact]
    public void RandomGarbageGivesParseErrorsOnly()
    {
        var rng = new Random(12345);
        const string alphabet = "abcxyz_019 \t\n\"`\\#.,;:[]{}()+-*/%&|=!<>:=éu$@~'";
        string[] fragments =
        [
            "package p\n", "import data.x\n", "p := ", "if ", "{", "}", "[", "]", "(", ")", "some x in ", "every k, v in ",
            "not ", "with input as ", "else := ", "default ", "contains ", "f(x) = ", " | ", "\"s\"", "1.5e3", "x", ", ", "\n",
            ":", "set()", "`raw`", "-", "in", "=", "==", ";", ".", "\\u0041", "0x", "1e",
        ];
        for (var i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            if (i % 2 == 0) sb.Append("package p\n");
            var n = rng.Next(1, 40);
            for (var j = 0; j < n; j++)
            {
                if (rng.Next(3) == 0) sb.Append(alphabet[rng.Next(alphabet.Length)]);
                else sb.Append(fragments[rng.Next(fragments.Length)]);
            }
            var src = sb.ToString();
            foreach (var version in new[] { RegoVersion.V1, RegoVersion.V0 })
            {
                var options = new RegoParseOptions { Version = version };
                try
                {
                    RegoParser.ParseModule("g.rego", src, options);
                }
                catch (RegoException e)
                {
                    Assert.Equal(RegoErrorCodes.ParseError, e.Code);
                    Assert.NotNull(e.Errors[0].Location);
                }
                try
                {
                    RegoParser.ParseQuery(src, options);
                }
                catch (RegoException e)
                {
                    Assert.Equal(RegoErrorCodes.ParseError, e.Code);
                }
            }
        }
    }

    [Fact]
    public void MutatedRealModulesGiveParseErrorsOnly()
    {
        // Cut, duplicate and splice characters of the conformance modules: near-valid input reaches deep paths.
        var rng = new Random(4242);
        var modules = ConformanceCorpus.Load().SelectMany(c => c.Modules).Where((_, i) => i % 3 == 0).ToList();
        Assert.NotEmpty(modules);
        const string inserts = "{}[]()|,;:=.\"`$\n -+*/in if else some every not with as contains default import package _x1";
        var parsed = 0;
        foreach (var module in modules)
        {
            for (var k = 0; k < 8; k++)
            {
                var chars = module.ToList();
                var edits = rng.Next(1, 4);
                for (var e = 0; e < edits && chars.Count > 0; e++)
                {
                    var at = rng.Next(chars.Count);
                    switch (rng.Next(3))
                    {
                        case 0:
                            chars.RemoveRange(at, Math.Min(rng.Next(1, 6), chars.Count - at));
                            break;
                        case 1:
                            chars.Insert(at, inserts[rng.Next(inserts.Length)]);
                            break;
                        default:
                            var from = rng.Next(chars.Count);
                            chars.InsertRange(at, chars.Skip(from).Take(rng.Next(1, 12)).ToList());
                            break;
                    }
                }
                var src = new string(chars.ToArray());
                try
                {
                    RegoParser.ParseModule("m.rego", src);
                    parsed++;
                }
                catch (RegoException ex)
                {
                    Assert.Equal(RegoErrorCodes.ParseError, ex.Code);
                    Assert.All(ex.Errors, err => Assert.NotNull(err.Location));
                }
            }
        }
        Assert.True(parsed > 0);
    }

    [Fact]
    public void NestedComprehensionLookalikesParseInLinearWork()
    {
        // Each `[a | ... , c]` first reads as a comprehension and falls back to an array at the comma; without
        // reusing inner terms every level would re-parse everything inside it twice (2^depth work).
        var inner = "{" + string.Join(", ", Enumerable.Range(0, 2_000).Select(i => $"\"k{i}\": [{i}, {{{i}}}]")) + "}";
        var src = new StringBuilder();
        for (var i = 0; i < 60; i++) src.Append("[a | ");
        src.Append(inner);
        for (var i = 0; i < 60; i++) src.Append(", c]");
        var term = ((TermExpr)RegoParser.ParseQuery(src.ToString()).Exprs[0]).Term;
        for (var i = 0; i < 60; i++)
        {
            var array = Assert.IsType<ArrayTerm>(term);
            Assert.Equal(2, array.Items.Count);
            var or = Assert.IsType<CallTerm>(array.Items[0]);
            Assert.Equal("or", or.OperatorName);
            term = or.Args[1];
        }
        Assert.Equal(2_000, Assert.IsType<ObjectTerm>(term).Pairs.Count);
    }

    [Fact]
    public void LongFilesParse()
    {
        var src = ParserWorkload.GenerateModule(5_000);
        var m = RegoParser.ParseModule("big.rego", src);
        Assert.Equal(5_000 * ParserWorkload.RulesPerBlock, m.Rules.Count);
    }

    [Fact]
    public void LongFlatSequencesParse()
    {
        var body = string.Join("\n", Enumerable.Range(0, 50_000).Select(i => $"x{i} := {i}"));
        Assert.Equal(50_000, RegoParser.ParseQuery(body).Exprs.Count);
        var path = "input" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $".a{i}"));
        Assert.Equal(50_000, ((RefTerm)((TermExpr)RegoParser.ParseQuery(path).Exprs[0]).Term).Path.Count);
        var set = "{" + string.Join(", ", Enumerable.Range(0, 50_000)) + "}";
        Assert.Equal(50_000, ((SetTerm)((TermExpr)RegoParser.ParseQuery(set).Exprs[0]).Term).Items.Count);
    }

    [Theory]
    [InlineData(" + ", "")]
    [InlineData(" in ", "")]
    [InlineData(" == ", "")]
    [InlineData(").f(", "f(")]
    public void LongOperatorChainsCountAsNesting(string separator, string prefix)
    {
        // `a + b + c ...` nests calls to the left; later passes walk that tree recursively, so it is bounded too.
        string Chain(int n) => prefix + string.Join(separator, Enumerable.Range(0, n).Select(i => "x")) + (prefix.Length > 0 ? ")" : "");
        Assert.Single(RegoParser.ParseQuery(Chain(400)).Exprs);
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseQuery(Chain(50_000)));
        Assert.Equal("max parsing recursion depth exceeded", e.Errors[0].Message);
    }

    [Fact]
    public void ElseChainsCountAsNesting()
    {
        string Module(int n) => "package p\np := 0 if false " + string.Join(" ", Enumerable.Range(1, n).Select(i => $"else := {i} if false"));
        var rule = RegoParser.ParseModule("e.rego", Module(400)).Rules[0];
        var length = 0;
        for (var r = rule; r is not null; r = r.Else) length++;
        Assert.Equal(401, length);
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("e.rego", Module(5_000)));
        Assert.Equal("max parsing recursion depth exceeded", e.Errors[0].Message);
    }
}
