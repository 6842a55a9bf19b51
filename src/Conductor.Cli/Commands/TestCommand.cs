using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conductor.Rego;
using Conductor.Rego.Testing;

namespace Conductor.Cli.Commands;

/// <summary>
/// <c>conductor test [PATH]... [-v] [--run REGEX] [--coverage] [--threshold PCT] [--format pretty|json]
/// [--timeout DURATION] [--v0-compatible]</c>: runs the Rego unit tests (<c>test_*</c> rules) found in the
/// paths, printing what <c>opa test</c> prints. Exit codes: 0 when every test passes, 2 when a test fails, errors
/// or is skipped (unless <c>--exit-zero-on-skipped</c>) or coverage is below <c>--threshold</c> (as opa), 1 when
/// policies cannot be loaded or compiled.
/// </summary>
public static class TestCommand
{
    private const string Rule = "--------------------------------------------------------------------------------";

    /// <summary>Builds the <c>test</c> command; it writes only to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Rego, JSON or YAML files or directories holding policies, tests and data (default: .)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every test's result and its print() output" };
        var run = new Option<string?>("--run", "-r") { Description = "Run only tests whose name (data.pkg.test_x) matches this regular expression" };
        var coverage = new Option<bool>("--coverage", "-c") { Description = "Print OPA's coverage report (JSON) instead of test results" };
        var threshold = new Option<double>("--threshold") { Description = "Fail (exit 2) when total coverage is below this percentage (implies --coverage)" };
        var format = new Option<string>("--format", "-f") { Description = "Output format: pretty or json", DefaultValueFactory = _ => "pretty" };
        format.AcceptOnlyFromAmong("pretty", "json");
        var timeout = new Option<string?>("--timeout", "-t") { Description = "Limit for each test (default 5s; 0 means none)" };
        var v0 = new Option<bool>("--v0-compatible") { Description = "Parse modules with Rego v0 syntax (a bundle .manifest's versions still apply)" };
        var zeroOnSkipped = new Option<bool>("--exit-zero-on-skipped", "-z") { Description = "Exit 0 when the only tests that did not pass were skipped (todo_test_*)" };

        var command = new Command("test", "Run Rego unit tests (rules named test_*)") { paths, verbose, run, coverage, threshold, format, timeout, v0, zeroOnSkipped };
        command.SetAction(parse =>
        {
            TimeSpan? limit = TimeSpan.FromSeconds(5);
            if (parse.GetValue(timeout) is { } text)
            {
                if (!GoDurations.TryParse(text, out var t)) throw new CliUsageException($"invalid --timeout '{text}': use a duration such as 5s, 250ms or 1m30s");
                limit = t > TimeSpan.Zero ? t : null;
            }
            var pct = parse.GetValue(threshold);
            if (pct is < 0 or > 100 || double.IsNaN(pct)) throw new CliUsageException("--threshold must be between 0 and 100");
            var given = parse.GetValue(paths) ?? [];
            var settings = new TestSettings(
                given.Length == 0 ? ["."] : given, parse.GetValue(verbose), parse.GetValue(run),
                parse.GetValue(coverage) || pct > 0, pct, parse.GetValue(format) ?? "pretty", limit, parse.GetValue(v0), parse.GetValue(zeroOnSkipped));
            return Execute(console, settings);
        });
        return command;
    }

    internal sealed record TestSettings(
        IReadOnlyList<string> Paths, bool Verbose, string? Run, bool Coverage, double Threshold, string Format,
        TimeSpan? Timeout, bool V0Compatible, bool ExitZeroOnSkipped = false);

    internal static int Execute(CliConsole console, TestSettings settings)
    {
        TestRunReport report;
        try
        {
            var loaded = PolicyPathLoader.Load(settings.Paths, settings.V0Compatible);
            report = TestRunner.Run(loaded.Modules, new TestRunOptions
            {
                Data = loaded.Data,
                RunPattern = settings.Run,
                Timeout = settings.Timeout,
                Coverage = settings.Coverage,
            });
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
        catch (RegoException e)
        {
            console.Error.WriteLine(EvalOutputFormatter.ErrorText(e.Errors));
            return 1;
        }

        if (report.Results.Count == 0)
        {
            console.Error.WriteLine("no test cases found");
            return 1;
        }

        // As opa: any test that did not pass (skipped ones too, unless --exit-zero-on-skipped) makes the exit code 2.
        var allPassed = report.Count(TestOutcome.Pass) == report.Results.Count;
        var exit = allPassed || (settings.ExitZeroOnSkipped && report.AllPassed) ? 0 : 2;
        if (report.Coverage is { } cover)
        {
            console.Out.Write(cover.ToJson());
            // The coverage document takes standard output, so failures go to standard error.
            if (!report.AllPassed) console.Error.Write(Pretty(report, settings.Verbose));
            if (settings.Threshold > 0 && cover.Percentage < settings.Threshold)
            {
                console.Error.WriteLine($"Code coverage threshold not met: got {cover.Percentage:0.00} instead of {settings.Threshold:0.00}");
                exit = 2;
            }
            return exit;
        }
        console.Out.Write(settings.Format == "json" ? Json(report) : Pretty(report, settings.Verbose));
        return exit;
    }

    /// <summary>
    /// OPA 1.x's pretty report. Each printed test (every test with -v, else those that did not pass) gets a
    /// <c>file:row:</c> line, its result line, its cases (failed ones, or all with -v) and its print output; with -v a
    /// FAILURES section follows (Conductor records no evaluation trace, so it lists the failed tests and cases
    /// without one). The totals count each case of a parameterized test instead of the test.
    /// </summary>
    internal static string Pretty(TestRunReport report, bool verbose)
    {
        var sb = new StringBuilder();
        int pass = 0, fail = 0, skip = 0, errors = 0;
        var failures = new List<TestResult>();
        var dirty = false;
        string? lastFile = null;
        foreach (var r in report.Results)
        {
            switch (r.Outcome)
            {
                case TestOutcome.Skipped: skip++; break;
                case TestOutcome.Error: errors++; break;
                default:
                    if (r.Outcome == TestOutcome.Fail) failures.Add(r);
                    if (r.Cases.Count > 0)
                    {
                        foreach (var leaf in r.LeafCases)
                        {
                            if (leaf.Failed) fail++;
                            else pass++;
                        }
                    }
                    else if (r.Outcome == TestOutcome.Pass) pass++;
                    else fail++;
                    break;
            }
            if (verbose || r.Outcome != TestOutcome.Pass)
            {
                if (lastFile is not null && lastFile != r.Location.File) sb.Append('\n');
                sb.Append(r.Location.File).Append(':').Append(r.Location.Row).Append(":\n");
                lastFile = r.Location.File;
                dirty = true;
                sb.Append(Line(r)).Append('\n');
                foreach (var c in r.Cases)
                {
                    foreach (var (sub, depth) in c.Walk())
                    {
                        if (sub.Failed || verbose) sb.Append(' ', 2 * depth).Append(sub.Name).Append(": ").Append(sub.Failed ? "FAIL" : "PASS").Append('\n');
                    }
                }
                var output = r.Output.Trim();
                if (output.Length > 0)
                {
                    sb.Append('\n');
                    foreach (var line in output.Split('\n')) sb.Append("  ").Append(line).Append('\n');
                    sb.Append('\n');
                }
            }
            if (r.Error is { } e) sb.Append("  ").Append(EvalOutputFormatter.OneError(e)).Append('\n');
        }
        if (fail > 0 && verbose)
        {
            sb.Append(Rule).Append("\nFAILURES\n").Append(Rule).Append('\n');
            foreach (var f in failures)
            {
                sb.Append(Line(f)).Append("\n\n");
                foreach (var c in f.Cases) AppendFailedLineage(sb, c, []);
                if (f.Cases.Count > 0) sb.Append('\n');
            }
        }
        if (dirty) sb.Append(Rule).Append('\n');
        var total = pass + fail + skip + errors;
        void Count(string label, int n)
        {
            if (n != 0) sb.Append(label).Append(' ').Append(n).Append('/').Append(total).Append('\n');
        }
        Count("PASS:", pass);
        Count("FAIL:", fail);
        Count("SKIPPED:", skip);
        Count("ERROR:", errors);
        return sb.ToString();
    }

    // Every failed leaf case with the names leading to it, each level indented two more spaces.
    private static void AppendFailedLineage(StringBuilder sb, TestSubResult c, List<string> above)
    {
        above.Add(c.Name);
        if (c.Cases.Count == 0)
        {
            if (c.Failed)
            {
                for (var i = 0; i < above.Count; i++) sb.Append(' ', 2 * (i + 1)).Append(above[i]).Append(": FAIL\n");
            }
        }
        else
        {
            foreach (var nested in c.Cases) AppendFailedLineage(sb, nested, above);
        }
        above.RemoveAt(above.Count - 1);
    }

    /// <summary><c>data.pkg.test_x: PASS (1.2ms)</c>; a skipped test has no time: <c>data.pkg.todo_test_x: SKIPPED</c>.</summary>
    internal static string Line(TestResult r)
    {
        var outcome = r.Outcome switch
        {
            TestOutcome.Pass => "PASS",
            TestOutcome.Fail => "FAIL",
            TestOutcome.Skipped => "SKIPPED",
            _ => "ERROR",
        };
        if (r.Outcome == TestOutcome.Skipped) return $"{r.FullName}: {outcome}";
        return $"{r.FullName}: {outcome} ({GoDurationFormatter.Format(r.Duration)})";
    }

    /// <summary>
    /// OPA's JSON report: an array of results with OPA 1.x's members in its order (error, location, sub_results,
    /// package, name, output, duration, fail, skip); duration in nanoseconds, print output base64 as Go encodes bytes.
    /// </summary>
    internal static string Json(TestRunReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var r in report.Results)
            {
                w.WriteStartObject();
                if (r.Error is { } e)
                {
                    w.WriteStartObject("error");
                    w.WriteString("code", e.Code);
                    w.WriteString("message", e.Message);
                    if (e.Location is { } at) WriteLocation(w, at);
                    w.WriteEndObject();
                }
                WriteLocation(w, r.Location);
                if (r.Cases.Count > 0) WriteCases(w, r.Cases);
                w.WriteString("package", r.Package);
                w.WriteString("name", r.Name);
                if (r.Output.Length > 0) w.WriteBase64String("output", Encoding.UTF8.GetBytes(r.Output));
                w.WriteNumber("duration", r.Duration.Ticks * 100);
                if (r.Outcome == TestOutcome.Fail) w.WriteBoolean("fail", true);
                if (r.Outcome == TestOutcome.Skipped) w.WriteBoolean("skip", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // OPA's sub_results: an object keyed by case name (Go sorts map keys), each {sub_results?, name, fail?}.
    private static void WriteCases(Utf8JsonWriter w, IReadOnlyList<TestSubResult> cases)
    {
        w.WriteStartObject("sub_results");
        foreach (var c in cases)
        {
            w.WriteStartObject(c.Name);
            if (c.Cases.Count > 0) WriteCases(w, c.Cases);
            w.WriteString("name", c.Name);
            if (c.Failed) w.WriteBoolean("fail", true);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, SourceLocation at)
    {
        w.WriteStartObject("location");
        w.WriteString("file", at.File);
        w.WriteNumber("row", at.Row);
        w.WriteNumber("col", at.Col);
        w.WriteEndObject();
    }
}
