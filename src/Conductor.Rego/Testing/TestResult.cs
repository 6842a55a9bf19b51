namespace Conductor.Rego.Testing;

/// <summary>The result of one test rule.</summary>
/// <param name="Package">The package path as OPA prints it, <c>data.a.b</c>.</param>
/// <param name="Name">The rule name relative to the package, <c>test_allow</c>, <c>todo_test_x</c>, <c>a.test_b</c> or <c>test_x#01</c>.</param>
/// <param name="Location">Where the test rule is defined.</param>
/// <param name="Outcome">Pass, fail, error or skipped.</param>
/// <param name="Duration">Wall-clock time spent evaluating the test (zero when skipped).</param>
/// <param name="Output">Everything the test printed with <c>print()</c>, one line per call, each ending in a newline.</param>
/// <param name="Error">The evaluation error when <paramref name="Outcome"/> is <see cref="TestOutcome.Error"/>.</param>
/// <param name="Cases">The cases of a parameterized test in key order; empty for a plain test.</param>
public sealed record TestResult(
    string Package, string Name, SourceLocation Location, TestOutcome Outcome, TimeSpan Duration, string Output, RegoError? Error,
    IReadOnlyList<TestSubResult>? Cases = null)
{
    /// <summary>The cases of a parameterized test in key order; empty for a plain test.</summary>
    public IReadOnlyList<TestSubResult> Cases { get; init; } = Cases ?? [];

    /// <summary>Every case that has no nested cases; <c>opa test</c> counts these instead of the test itself.</summary>
    public IEnumerable<TestSubResult> LeafCases => Cases.SelectMany(c => c.Walk()).Select(w => w.Case).Where(c => c.Cases.Count == 0);

    /// <summary>The full name OPA prints and <c>--run</c> matches: <c>data.a.b.test_x</c>.</summary>
    public string FullName => Package + "." + Name;
}
