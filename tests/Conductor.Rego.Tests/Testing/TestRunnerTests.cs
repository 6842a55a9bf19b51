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

    [Fact]
    public void RepeatedTestNamesRunEachDefinitionSoAFailingOneIsNotHidden()
    {
        var m = Parse("d.rego", """
            package d

            default test_a := false

            test_a if true

            test_a if false

            test_a if 1 == 1

            test_b if true

            """);
        var report = TestRunner.Run([m]);
        Assert.Equal(
            [("test_a", TestOutcome.Pass), ("test_a#01", TestOutcome.Fail), ("test_a#02", TestOutcome.Pass), ("test_b", TestOutcome.Pass)],
            report.Results.Select(r => (r.Name, r.Outcome)));
        Assert.Equal([5, 7, 9, 11], report.Results.Select(r => r.Location.Row));
    }

    [Fact]
    public void TestNamesInsideRefHeadsAreFound()
    {
        var m = Parse("r.rego", """
            package r

            group.test_one if true

            group["test two"] if false

            group.helper := 1

            """);
        var report = TestRunner.Run([m]);
        Assert.Equal([("group.test_one", TestOutcome.Pass)], report.Results.Select(r => (r.Name, r.Outcome)));
        Assert.Equal("data.r.group.test_one", report.Results[0].FullName);
    }

    [Fact]
    public void ParameterizedTestsReportEveryCaseIncludingCasesThatFailedAfterTheyWereNamed()
    {
        var m = Parse("p.rego", """
            package p

            test_upper[tc.in] if {
            	some tc in [{"in": "a", "out": "A"}, {"in": "b", "out": "X"}, {"in": "c", "out": "C"}]
            	upper(tc.in) == tc.out
            }

            test_nested[g][n] if {
            	some g, ns in {"even": [2, 4], "odd": [1, 3]}
            	some n in ns
            	n % 2 == 0
            }

            test_all_pass[x] if {
            	some x in {1, 2}
            }

            test_values[k] := v if {
            	some k, v in {"yes": true, "no": false, "seven": 7}
            }

            """);
        var report = TestRunner.Run([m]);
        var byName = report.Results.ToDictionary(r => r.Name);

        var upper = byName["test_upper"];
        Assert.Equal(TestOutcome.Fail, upper.Outcome);
        Assert.Equal([("a", false), ("b", true), ("c", false)], upper.Cases.Select(c => (c.Name, c.Failed)));

        var nested = byName["test_nested"];
        Assert.Equal(TestOutcome.Fail, nested.Outcome);
        Assert.Equal(
            [("even", 1, false), ("2", 2, false), ("4", 2, false), ("odd", 1, true), ("1", 2, true), ("3", 2, true)],
            nested.Cases.SelectMany(c => c.Walk()).Select(w => (w.Case.Name, w.Depth, w.Case.Failed)));
        Assert.Equal(4, nested.LeafCases.Count());

        var allPass = byName["test_all_pass"];
        Assert.Equal(TestOutcome.Pass, allPass.Outcome);
        Assert.Equal(["1", "2"], allPass.Cases.Select(c => c.Name));

        // A case whose value is not true fails, like a plain test with a non-true value.
        var values = byName["test_values"];
        Assert.Equal([("no", true), ("seven", true), ("yes", false)], values.Cases.Select(c => (c.Name, c.Failed)));
        Assert.Equal(TestOutcome.Fail, values.Outcome);
    }

    [Fact]
    public void AManualTestCaseCallIsNotDoubled()
    {
        var m = Parse("m.rego", """
            package m

            test_manual[x] if {
            	some x in ["p", "q"]
            	internal.test_case([x])
            	x == "p"
            }

            """);
        var rewritten = TestModuleRewriter.Rewrite([m]);
        Assert.Equal(3, rewritten[0].Rules[0].Body.Exprs.Count);
        var result = Assert.Single(TestRunner.Run([m]).Results);
        Assert.Equal([("p", false), ("q", true)], result.Cases.Select(c => (c.Name, c.Failed)));
    }

    [Fact]
    public void RewritingLeavesModulesWithoutRepeatedOrParameterizedTestsUntouched()
    {
        var m = Parse("u.rego", "package u\n\ntest_a if true\n\np[x] if some x in [1]\n");
        Assert.Same(m, TestModuleRewriter.Rewrite([m])[0]);
    }
}
