namespace Conductor.Conformance;

/// <summary>The result of running one <see cref="ConformanceCase"/>: passed, or why not.</summary>
public sealed record ConformanceOutcome(ConformanceCase Case, bool Passed, string? Reason, TimeSpan Elapsed)
{
    /// <summary>The runner's report line: <c>FAIL file note: reason</c>.</summary>
    public string FailLine => $"FAIL {Case.File} {Case.Note}: {Reason}";
}
