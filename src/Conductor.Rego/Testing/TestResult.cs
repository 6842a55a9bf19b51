namespace Conductor.Rego.Testing;

/// <summary>The result of one test rule.</summary>
/// <param name="Package">The package path as OPA prints it, <c>data.a.b</c>.</param>
/// <param name="Name">The rule name, <c>test_allow</c> or <c>todo_test_x</c>.</param>
/// <param name="Location">Where the test rule is defined.</param>
/// <param name="Outcome">Pass, fail, error or skipped.</param>
/// <param name="Duration">Wall-clock time spent evaluating the test (zero when skipped).</param>
/// <param name="Output">Everything the test printed with <c>print()</c>, one line per call, each ending in a newline.</param>
/// <param name="Error">The evaluation error when <paramref name="Outcome"/> is <see cref="TestOutcome.Error"/>.</param>
public sealed record TestResult(
    string Package, string Name, SourceLocation Location, TestOutcome Outcome, TimeSpan Duration, string Output, RegoError? Error)
{
    /// <summary>The full name OPA prints and <c>--run</c> matches: <c>data.a.b.test_x</c>.</summary>
    public string FullName => Package + "." + Name;
}
