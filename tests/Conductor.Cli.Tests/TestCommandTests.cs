using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conductor.Cli.Tests;

/// <summary>`conductor test`: OPA's test report (pretty and JSON), print output, coverage, --run and --threshold.</summary>
public sealed class TestCommandTests : IDisposable
{
    private const string Rule = "--------------------------------------------------------------------------------";

    private const string Mixed = """
        package t

        conflict := 1 if input.a
        conflict := 2 if input.a

        test_pass if {
        	print("checking pass")
        	1 == 1
        }

        test_fail if {
        	print("about to fail")
        	1 == 2
        }

        test_error if {
        	conflict == 1 with input as {"a": true}
        }

        todo_test_later if {
        	false
        }

        """;

    // Rows 3-4 and 11-12 run under test_p; rows 7-8 (rule q) never do.
    private const string Covered = """
        package cov

        p if {
        	input.x == 1
        }

        q if {
        	input.y == 2
        }

        test_p if {
        	p with input as {"x": 1}
        }

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Test times vary from run to run; everything else is compared exactly.
    private static string Untimed(string text) => Regex.Replace(text, @" \((\d+(\.\d+)?(ns|µs|ms|s)|\d+m[\d.]+s|\d+h\d+m[\d.]+s|0s)\)$", " (T)", RegexOptions.Multiline);

    [Fact]
    public void PassingTestsPrintOnlyTheSummary()
    {
        var file = _dir.Write("p/ok_test.rego", "package ok\n\ntest_a if true\n\ntest_b if { 2 > 1 }\n");
        var run = CliRun.Of("test", Path.GetDirectoryName(file)!);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("PASS: 2/2\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void FailuresErrorsAndTodosAreListedWithPrintOutputOfFailures()
    {
        var file = _dir.Write("t_test.rego", Mixed);
        var run = CliRun.Of("test", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"{file}:11:\n" +
            "data.t.test_fail: FAIL (T)\n\n  about to fail\n\n" +
            $"{file}:16:\n" +
            "data.t.test_error: ERROR (T)\n" +
            $"  {file}:4: eval_conflict_error: complete rules must not produce multiple outputs\n" +
            $"{file}:20:\n" +
            "data.t.todo_test_later: SKIPPED\n" +
            Rule + "\n" +
            "PASS: 1/4\nFAIL: 1/4\nSKIPPED: 1/4\nERROR: 1/4\n",
            Untimed(run.Out));
    }

    [Fact]
    public void VerboseListsEveryTestAndItsOutputThenTheFailures()
    {
        var file = _dir.Write("t_test.rego", Mixed);
        var run = CliRun.Of("test", "-v", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"{file}:6:\n" +
            "data.t.test_pass: PASS (T)\n\n  checking pass\n\n" +
            $"{file}:11:\n" +
            "data.t.test_fail: FAIL (T)\n\n  about to fail\n\n" +
            $"{file}:16:\n" +
            "data.t.test_error: ERROR (T)\n" +
            $"  {file}:4: eval_conflict_error: complete rules must not produce multiple outputs\n" +
            $"{file}:20:\n" +
            "data.t.todo_test_later: SKIPPED\n" +
            Rule + "\nFAILURES\n" + Rule + "\n" +
            "data.t.test_fail: FAIL (T)\n\n" +
            Rule + "\n" +
            "PASS: 1/4\nFAIL: 1/4\nSKIPPED: 1/4\nERROR: 1/4\n",
            Untimed(run.Out));
    }

    private const string Parameterized = """
        package p

        test_concat[tc.note] if {
        	some tc in [
        		{"note": "empty", "a": [], "b": [], "exp": []},
        		{"note": "one each", "a": [1], "b": [2], "exp": [1, 2]},
        		{"note": "wrong order", "a": [1], "b": [2], "exp": [2, 1]},
        	]
        	act := array.concat(tc.a, tc.b)
        	act == tc.exp
        }

        test_groups[g][n] if {
        	some g, cases in {"alpha": {"a1": 1, "a2": 2}, "beta": {"b1": 3}}
        	some n, v in cases
        	v < 3
        }

        test_twice if true

        test_twice if false

        """;

    [Fact]
    public void ParameterizedTestsReportEachCaseAndRepeatedNamesRunSeparately()
    {
        var file = _dir.Write("p_test.rego", Parameterized);
        var run = CliRun.Of("test", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"{file}:3:\n" +
            "data.p.test_concat: FAIL (T)\n" +
            "  wrong order: FAIL\n" +
            $"{file}:13:\n" +
            "data.p.test_groups: FAIL (T)\n" +
            "  beta: FAIL\n" +
            "    b1: FAIL\n" +
            $"{file}:21:\n" +
            "data.p.test_twice#01: FAIL (T)\n" +
            Rule + "\n" +
            "PASS: 5/8\nFAIL: 3/8\n",
            Untimed(run.Out));

        var verbose = CliRun.Of("test", "-v", "--run", "groups", file);
        Assert.Equal(
            $"{file}:13:\n" +
            "data.p.test_groups: FAIL (T)\n" +
            "  alpha: PASS\n" +
            "    a1: PASS\n" +
            "    a2: PASS\n" +
            "  beta: FAIL\n" +
            "    b1: FAIL\n" +
            Rule + "\nFAILURES\n" + Rule + "\n" +
            "data.p.test_groups: FAIL (T)\n\n" +
            "  beta: FAIL\n" +
            "    b1: FAIL\n\n" +
            Rule + "\n" +
            "PASS: 2/3\nFAIL: 1/3\n",
            Untimed(verbose.Out));

        var json = CliRun.Of("test", "--format", "json", "--run", "concat", file);
        using var doc = JsonDocument.Parse(json.Out);
        var result = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal("test_concat", result.GetProperty("name").GetString());
        Assert.True(result.GetProperty("fail").GetBoolean());
        Assert.Equal(
            """{"empty":{"name":"empty"},"one each":{"name":"one each"},"wrong order":{"name":"wrong order","fail":true}}""",
            JsonSerializer.Serialize(result.GetProperty("sub_results")));
    }

    [Fact]
    public void RunSelectsTestsByFullNameAndJsonFormatPrintsResults()
    {
        var file = _dir.Write("t_test.rego", Mixed);
        var run = CliRun.Of("test", "--format", "json", "--run", "t\\.test_pass$|later", file);
        Assert.Equal(2, run.ExitCode); // a skipped test is not a pass
        var json = Regex.Replace(run.Out, "\"duration\": \\d+", "\"duration\": 0");
        Assert.Equal($$"""
            [
              {
                "location": {
                  "file": {{JsonSerializer.Serialize(file)}},
                  "row": 6,
                  "col": 1
                },
                "package": "data.t",
                "name": "test_pass",
                "output": "Y2hlY2tpbmcgcGFzcwo=",
                "duration": 0
              },
              {
                "location": {
                  "file": {{JsonSerializer.Serialize(file)}},
                  "row": 20,
                  "col": 1
                },
                "package": "data.t",
                "name": "todo_test_later",
                "duration": 0,
                "skip": true
              }
            ]

            """, json);
        Assert.Equal("checking pass\n", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String("Y2hlY2tpbmcgcGFzcwo=")));
    }

    [Fact]
    public void SkippedTestsExitWithTwoUnlessExitZeroOnSkipped()
    {
        var file = _dir.Write("todo_test.rego", "package todo\n\ntest_ok if true\n\ntodo_test_later if false\n");
        var run = CliRun.Of("test", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{file}:5:\ndata.todo.todo_test_later: SKIPPED\n{Rule}\nPASS: 1/2\nSKIPPED: 1/2\n", Untimed(run.Out));
        Assert.Equal(0, CliRun.Of("test", "--exit-zero-on-skipped", file).ExitCode);
        Assert.Equal(2, CliRun.Of("test", "-z", _dir.Write("mixed_test.rego", Mixed)).ExitCode);
    }

    [Fact]
    public void BadRunPatternIsAUsageError()
    {
        var file = _dir.Write("t_test.rego", Mixed);
        var run = CliRun.Of("test", "--run", "(unclosed", file);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: invalid --run pattern '(unclosed'", run.Error);
    }

    [Fact]
    public void CoverageReportsCoveredAndUncoveredLines()
    {
        var file = _dir.Write("cov_test.rego", Covered);
        var run = CliRun.Of("test", "--coverage", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($$"""
            {
              "files": {
                {{JsonSerializer.Serialize(file)}}: {
                  "covered": [
                    {
                      "start": {
                        "row": 3
                      },
                      "end": {
                        "row": 4
                      }
                    },
                    {
                      "start": {
                        "row": 11
                      },
                      "end": {
                        "row": 12
                      }
                    }
                  ],
                  "not_covered": [
                    {
                      "start": {
                        "row": 7
                      },
                      "end": {
                        "row": 8
                      }
                    }
                  ],
                  "covered_lines": 4,
                  "not_covered_lines": 2,
                  "coverage": 66.67
                }
              },
              "covered_lines": 4,
              "not_covered_lines": 2,
              "coverage": 66.67
            }

            """, run.Out);
    }

    [Fact]
    public void ThresholdAboveCoverageExitsWithTwo()
    {
        var file = _dir.Write("cov_test.rego", Covered);
        var below = CliRun.Of("test", "--coverage", "--threshold", "70", file);
        Assert.Equal(2, below.ExitCode);
        Assert.Equal("Code coverage threshold not met: got 66.67 instead of 70.00\n", below.Error);
        var met = CliRun.Of("test", "--coverage", "--threshold", "66", file);
        Assert.Equal(0, met.ExitCode);
        Assert.Equal("", met.Error);
    }

    [Fact]
    public void PerTestTimeoutEndsARunawayTestWithAnError()
    {
        var file = _dir.Write("slow_test.rego", """
            package slow

            test_forever if {
            	count([1 | some i in numbers.range(1, 5000); some j in numbers.range(1, 5000)]) > 0
            }

            """);
        var run = CliRun.Of("test", "--timeout", "50ms", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("data.slow.test_forever: ERROR (", run.Out);
        Assert.Contains("  eval_cancel_error: caller cancelled query execution\n", run.Out);
        Assert.EndsWith("ERROR: 1/1\n", run.Out);
    }

    [Fact]
    public void CompileErrorsAreReportedWithExitOne()
    {
        var file = _dir.Write("bad_test.rego", "package bad\n\ntest_x if { y }\n");
        var run = CliRun.Of("test", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: {file}:3: rego_unsafe_var_error: var y is unsafe\n", run.Error);
    }

    [Fact]
    public void ExamplePoliciesPassWithAtLeastNinetyPercentCoverage()
    {
        var repo = RepositoryRoot();
        var run = CliRun.Of("test", "-v", "--coverage", Path.Combine(repo, "examples", "policies"));
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var coverage = doc.RootElement.GetProperty("coverage").GetDouble();
        Assert.True(coverage >= 90, coverage.ToString(CultureInfo.InvariantCulture));
        var files = doc.RootElement.GetProperty("files").EnumerateObject().Select(f => Path.GetFileName(f.Name)).ToList();
        Assert.Contains("seed001_ig_ctx.rego", files);
        Assert.Contains("seed002_minimization.rego", files);
        Assert.Contains("seed000_tenant_binding.rego", files);
        Assert.Contains("seed000_reason_for_access.rego", files);

        var plain = CliRun.Of("test", Path.Combine(repo, "examples", "policies"));
        Assert.Equal(0, plain.ExitCode);
        Assert.Matches(@"^PASS: (\d+)/\1\n$", plain.Out);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conductor.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
