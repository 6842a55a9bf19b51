using Conductor.Rego.Syntax;
using Conductor.Rego.Testing;

namespace Conductor.Rego.Tests.Testing;

/// <summary>The test runner library: discovery, outcomes, print capture, --run filtering and coverage.</summary>
public sealed class TestRunnerTests
{
    private static Module Parse(string file, string text) => RegoParser.ParseModule(file, text);

    [Fact]
    public void DiscoversTestsInFileThenSourceOrderAndSkipsTodos()
    {
        var b = Parse("b.rego", "package b\n\ntest_two if true\n\nhelper := 1\n\ntodo_test_three if false\n");
        var a = Parse("a.rego", "package a.x\n\ntest_one if true\n\ntest_fn(x) if x\n");
        var tests = TestRunner.Discover([b, a]);
        Assert.Equal(["data.a.x.test_one", "data.b.test_two", "data.b.todo_test_three"], tests.Select(t => t.Package + "." + t.Name));
        Assert.Equal([false, false, true], tests.Select(t => t.Skipped));
    }

    [Fact]
    public void OutcomesOutputAndErrors()
    {
        var m = Parse("t.rego", """
            package t

            c := 1 if input.a
            c := 2 if input.a

            test_pass if {
            	print("hi", 1)
            	true
            }

            test_not_true := 7

            test_undefined if input.missing

            test_conflict if c with input as {"a": true}

            """);
        var report = TestRunner.Run([m]);
        var byName = report.Results.ToDictionary(r => r.Name);
        Assert.Equal(TestOutcome.Pass, byName["test_pass"].Outcome);
        Assert.Equal("hi 1\n", byName["test_pass"].Output);
        Assert.Equal(TestOutcome.Fail, byName["test_not_true"].Outcome);
        Assert.Equal(TestOutcome.Fail, byName["test_undefined"].Outcome);
        Assert.Equal(TestOutcome.Error, byName["test_conflict"].Outcome);
        Assert.Equal(new RegoError(RegoErrorCodes.ConflictError, "complete rules must not produce multiple outputs", new SourceLocation("t.rego", 4, 1)),
            byName["test_conflict"].Error);
        Assert.False(report.AllPassed);
        Assert.Null(report.Coverage);
    }

    [Fact]
    public void RunPatternMatchesFullNamesAndRejectsBadPatterns()
    {
        var m = Parse("t.rego", "package t\n\ntest_alpha if true\n\ntest_beta if false\n");
        var report = TestRunner.Run([m], new TestRunOptions { RunPattern = "t\\.test_a" });
        Assert.Equal(["test_alpha"], report.Results.Select(r => r.Name));
        Assert.True(report.AllPassed);
        Assert.Throws<ArgumentException>(() => TestRunner.Run([m], new TestRunOptions { RunPattern = "[" }));
    }

    [Fact]
    public void CoverageCountsRuleHeadsAndExpressionsThatRan()
    {
        var m = Parse("c.rego", """
            package c

            default allow := false

            allow if {
            	input.role == "admin"
            	input.active
            }

            names := [n | some n in input.names; n != "root"]

            test_denied if not allow with input as {"role": "guest"}

            """);
        var report = TestRunner.Run([m], new TestRunOptions { Coverage = true });
        Assert.True(report.AllPassed);
        var file = report.Coverage!.Files["c.rego"];
        // The default (row 3) supplied the value; allow's first expression (6) ran and failed, so its second (7) and
        // its head (5) did not; names (10) was never needed; the test's head and expression share row 12.
        Assert.Equal([new LineRange(3, 3), new LineRange(6, 6), new LineRange(12, 12)], file.Covered);
        Assert.Equal([new LineRange(5, 5), new LineRange(7, 7), new LineRange(10, 10)], file.NotCovered);
        Assert.Equal(50, report.Coverage.Percentage);
    }
}
