using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Testing;

/// <summary>
/// Runs Rego unit tests as <c>opa test</c> does: every rule whose name (or a ground segment of its head ref) starts
/// with <c>test_</c>, in any module, is one test, evaluated on its own as the query <c>data.&lt;package&gt;.&lt;name&gt;</c>;
/// it passes when that value is <c>true</c>, fails when it is undefined or anything else, and is an error when
/// evaluation raises one. <c>todo_test_*</c> rules are reported as skipped. A test defined several times runs each
/// definition as its own test (<c>test_x</c>, <c>test_x#01</c>…), and a parameterized test (<c>test_x[name] if …</c>)
/// reports each case (see <see cref="TestModuleRewriter"/>). Tests run in module file order, then source order.
/// </summary>
public static class TestRunner
{
    /// <summary>
    /// Compiles the modules, finds and runs the tests. Compile errors raise <see cref="RegoException"/>; a bad
    /// <see cref="TestRunOptions.RunPattern"/> raises <see cref="ArgumentException"/>.
    /// </summary>
    public static TestRunReport Run(IReadOnlyList<Module> modules, TestRunOptions? options = null, CompileOptions? compileOptions = null)
    {
        options ??= new TestRunOptions();
        var filter = CreateFilter(options.RunPattern);
        var rewritten = TestModuleRewriter.Rewrite(modules);
        var policy = CompiledPolicy.Compile(rewritten, compileOptions);
        var hits = options.Coverage ? new HashSet<SourceLocation>() : null;
        var results = new List<TestResult>();
        foreach (var test in Discover(rewritten))
        {
            if (filter is not null && !filter.IsMatch(test.Package + "." + test.Name)) continue;
            if (test.Skipped)
            {
                results.Add(new TestResult(test.Package, test.Name, test.Location, TestOutcome.Skipped, TimeSpan.Zero, "", null));
                continue;
            }
            options.Cancellation.ThrowIfCancellationRequested();
            results.Add(RunOne(policy, test, options, hits));
        }
        var coverage = hits is null ? null : CoverageReport.Build(modules, hits);
        return new TestRunReport(results, coverage);
    }

    /// <summary>Compiles a <c>--run</c> pattern with linear-time matching; null for no pattern.</summary>
    public static Regex? CreateFilter(string? pattern)
    {
        if (pattern is null) return null;
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"invalid --run pattern '{pattern}': {e.Message}", nameof(pattern), e);
        }
    }

    /// <summary>
    /// Every test rule of the modules (one per package and name), in file order, then source order. Pass modules
    /// through <see cref="TestModuleRewriter.Rewrite"/> first so that each definition of a repeated name is found.
    /// </summary>
    public static IReadOnlyList<TestCase> Discover(IEnumerable<Module> modules)
    {
        // Full name -> index in found, and whether that entry came from a default rule (a later definition replaces it).
        var seen = new Dictionary<string, (int Index, bool FromDefault)>(StringComparer.Ordinal);
        var found = new List<TestCase>();
        foreach (var module in modules.OrderBy(m => m.File, StringComparer.Ordinal))
        {
            var package = module.Package.ToString();
            foreach (var rule in module.Rules)
            {
                var segment = TestModuleRewriter.TestSegment(rule.Head);
                if (segment < 0) continue;
                var path = TestModuleRewriter.TestPath(rule.Head, segment);
                var name = DisplayName(path);
                var skipped = path[^1].StartsWith("todo_test_", StringComparison.Ordinal);
                var parameterized = rule.Head.Ref.Path.Count > segment;
                var test = new TestCase(package, name, module.Package.Path, path, rule.Location, skipped, parameterized);
                if (seen.TryGetValue(package + "." + name, out var earlier))
                {
                    if (earlier.FromDefault && !rule.IsDefault)
                    {
                        found[earlier.Index] = test;
                        seen[package + "." + name] = (earlier.Index, false);
                    }
                    continue;
                }
                seen[package + "." + name] = (found.Count, rule.IsDefault);
                found.Add(test);
            }
        }
        return found;
    }

    // As OPA prints a ref: a.test_b, or a["test x"] for a segment that is not an identifier.
    private static string DisplayName(IReadOnlyList<string> path) => path[0] + string.Concat(path.Skip(1).Select(RefSegmentText.Of));

    private static TestResult RunOne(CompiledPolicy policy, TestCase test, TestRunOptions options, HashSet<SourceLocation>? hits)
    {
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        TestOutcome outcome;
        RegoError? error = null;
        IReadOnlyList<TestSubResult>? cases = null;
        var entered = test.Parameterized ? new List<ArrayValue>() : null;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
        if (options.Timeout is { } limit && limit > TimeSpan.Zero) cancel.CancelAfter(limit);
        try
        {
            var prepared = policy.Prepare(Query(test));
            var result = prepared.Evaluate(new EvaluationOptions
            {
                Data = options.Data,
                Timeout = options.Timeout,
                Cancellation = cancel.Token,
                StrictBuiltinErrors = options.StrictBuiltinErrors,
                TimeProvider = options.TimeProvider,
                Print = (_, message) => output.Append(message).Append('\n'),
                Coverage = hits is null ? null : location => hits.Add(location),
                TestCaseEntered = entered is null ? null : entered.Add,
            });
            var value = result.IsUndefined ? null : result.Rows[0].Expressions[0];
            if (entered is not null && value is not null)
            {
                cases = TestCaseResults.Build(value, entered);
                outcome = cases.Any(c => c.Failed) ? TestOutcome.Fail : TestOutcome.Pass;
            }
            else
            {
                outcome = value is BooleanValue { Value: true } ? TestOutcome.Pass : TestOutcome.Fail;
            }
        }
        catch (RegoException e)
        {
            outcome = TestOutcome.Error;
            error = e.Errors[0];
        }
        catch (OperationCanceledException)
        {
            outcome = TestOutcome.Error;
            error = new RegoError(RegoErrorCodes.CancelError, "caller cancelled query execution");
        }
        catch (InsufficientExecutionStackException)
        {
            outcome = TestOutcome.Error;
            error = new RegoError(RegoErrorCodes.DepthLimitError, "evaluation nested too deeply", test.Location);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An engine defect ends this test as an error; the other tests still run.
            outcome = TestOutcome.Error;
            error = new RegoError(RegoErrorCodes.InternalError, e.Message, test.Location);
        }
        clock.Stop();
        return new TestResult(test.Package, test.Name, test.Location, outcome, clock.Elapsed, output.ToString(), error, cases);
    }

    // Built as a ref term, not text, so package segments that are not identifiers need no quoting.
    private static Body Query(TestCase test)
    {
        var at = test.Location;
        var path = new List<Term>(test.PackagePath.Count + test.RulePath.Count);
        foreach (var segment in test.PackagePath.Concat(test.RulePath)) path.Add(new ScalarTerm(new StringValue(segment), at));
        var reference = new RefTerm(new VarTerm("data", at), path, at);
        return new Body([new TermExpr(reference, false, [], at, test.Package + "." + test.Name)], at);
    }
}
