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
    public void BacktrackingIsBoundedOnNestedComprehensionLookalikes()
    {
        // Each `[a | ... ,` first reads as a comprehension and falls back to an array at the comma.
        var src = new StringBuilder();
        for (var i = 0; i < 200; i++) src.Append("[a | ");
        src.Append('b');
        for (var i = 0; i < 200; i++) src.Append(", c]");
        try
        {
            RegoParser.ParseQuery(src.ToString());
        }
        catch (RegoException e)
        {
            Assert.Equal(RegoErrorCodes.ParseError, e.Code);
        }
    }

    [Fact]
    public void LongFilesParse()
    {
        var src = ParserWorkload.GenerateModule(5_000);
        var m = RegoParser.ParseModule("big.rego", src);
        Assert.Equal(5_000 * ParserWorkload.RulesPerBlock, m.Rules.Count);
    }

    [Fact]
    public void LongChainsDoNotRecurse()
    {
        var sum = "x := " + string.Join(" + ", Enumerable.Range(0, 50_000));
        Assert.Single(RegoParser.ParseQuery(sum).Exprs);
        var body = string.Join("\n", Enumerable.Range(0, 50_000).Select(i => $"x{i} := {i}"));
        Assert.Equal(50_000, RegoParser.ParseQuery(body).Exprs.Count);
        var elses = "package p\np := 0 if false " + string.Join(" ", Enumerable.Range(1, 5_000).Select(i => $"else := {i} if false"));
        var rule = RegoParser.ParseModule("e.rego", elses).Rules[0];
        var depth = 0;
        for (var r = rule; r is not null; r = r.Else) depth++;
        Assert.Equal(5_001, depth);
    }
}
