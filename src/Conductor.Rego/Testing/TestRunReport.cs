namespace Conductor.Rego.Testing;

/// <summary>What a test run produced: one result per test in run order and, when asked for, coverage.</summary>
public sealed class TestRunReport(IReadOnlyList<TestResult> results, CoverageReport? coverage)
{
    /// <summary>One result per test that the run pattern selected, in run order.</summary>
    public IReadOnlyList<TestResult> Results { get; } = results;

    /// <summary>Line coverage over all loaded modules; null unless <see cref="TestRunOptions.Coverage"/> was set.</summary>
    public CoverageReport? Coverage { get; } = coverage;

    /// <summary>True when no test failed or raised an error (skipped tests do not count against a run).</summary>
    public bool AllPassed => Results.All(r => r.Outcome is TestOutcome.Pass or TestOutcome.Skipped);

    /// <summary>How many tests ended with <paramref name="outcome"/>.</summary>
    public int Count(TestOutcome outcome) => Results.Count(r => r.Outcome == outcome);
}
