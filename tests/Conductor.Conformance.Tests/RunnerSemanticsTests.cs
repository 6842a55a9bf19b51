using Conductor.Conformance;

namespace Conductor.Conformance.Tests;

/// <summary>The runner compares as OPA's runner does; the known-failures list parses notes that contain ": ".</summary>
public sealed class RunnerSemanticsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "conductor-conformance-" + Guid.NewGuid().ToString("N"));

    public RunnerSemanticsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<ConformanceOutcome> Run(string yaml)
    {
        File.WriteAllText(Path.Combine(_dir, "cases.yaml"), yaml);
        var cases = ConformanceCaseLoader.Load([_dir], _dir);
        return new ConformanceRunner { Parallelism = 1 }.RunAll(cases);
    }

    [Fact]
    public void ResultsCompareAsASetOfJsonValuesAndSortBindingsSortsArrays()
    {
        var outcomes = Run("""
            cases:
            - note: order/any
              query: x = [1, 2, 3][_]
              want_result: [{x: 3}, {x: 1}, {x: 2}]
            - note: "numbers: by value"
              query: x = 2.0
              want_result: [{x: 2}]
            - note: sets/as arrays
              query: x = {3, 1, 2}
              want_result: [{x: [1, 2, 3]}]
            - note: sort/bindings
              query: x = [3, 1, 2]
              sort_bindings: true
              want_result: [{x: [1, 2, 3]}]
            - note: undefined/by default
              query: x = 1; x = 2
            - note: wrong/result
              query: x = 1
              want_result: [{x: 2}]
            """);
        Assert.Equal(["order/any", "numbers: by value", "sets/as arrays", "sort/bindings", "undefined/by default"],
            outcomes.Where(o => o.Passed).Select(o => o.Case.Note));
        var wrong = Assert.Single(outcomes, o => !o.Passed);
        Assert.Equal("FAIL cases.yaml wrong/result: unexpected result: want {{\"x\": 2}} got {{\"x\": 1}}", wrong.FailLine);
    }

    [Fact]
    public void ErrorsMatchByCodeAndByTextContainingTheFileAndRow()
    {
        var outcomes = Run("""
            cases:
            - note: conflict
              modules:
              - |
                package p

                x = 1 if true
                x = 2 if true
              query: data.p.x = y
              want_error_code: eval_conflict_error
              want_error: "eval_conflict_error: complete rules must not produce multiple outputs"
            - note: unexpected error
              modules: ["package p\n\nx = 1 if true\nx = 2 if true\n"]
              query: data.p.x = y
              want_result: [{y: 1}]
            """);
        Assert.True(outcomes[0].Passed, outcomes[0].Reason);
        Assert.False(outcomes[1].Passed);
        Assert.StartsWith("unexpected error: test-0.rego:", outcomes[1].Reason);
    }

    [Fact]
    public void ACaseOverItsTimeLimitIsReportedAsFailed()
    {
        File.WriteAllText(Path.Combine(_dir, "slow.yaml"), """
            cases:
            - note: slow
              query: x = count([1 | some i, j; numbers.range(1, 10000)[i]; numbers.range(1, 10000)[j]])
              want_result: [{x: 100000000}]
            """);
        var cases = ConformanceCaseLoader.Load([_dir], _dir);
        // A generous watchdog: this checks that the engine's time limit ends the case, whatever the machine's load.
        var outcome = new ConformanceRunner { CaseTimeout = TimeSpan.FromMilliseconds(100), WatchdogGrace = TimeSpan.FromMinutes(2), Parallelism = 1 }.Run(cases[0]);
        Assert.False(outcome.Passed);
        Assert.Equal("unexpected error: eval_cancel_error: caller cancelled query execution", outcome.Reason);
    }

    [Fact]
    public void AnUnreadableFileIsOneFailingCase()
    {
        var outcomes = Run("cases: [ {note: a, query: x\n");
        var o = Assert.Single(outcomes);
        Assert.False(o.Passed);
        Assert.Equal("(file)", o.Case.Note);
        Assert.StartsWith("cannot read cases: cases.yaml:", o.Reason);
    }

    [Fact]
    public void RepeatedNotesInAFileGetDistinctKeys()
    {
        File.WriteAllText(Path.Combine(_dir, "dup.yaml"), "cases:\n- {note: n, query: 'true'}\n- {note: n, query: 'true'}\n");
        var cases = ConformanceCaseLoader.Load([_dir], _dir);
        Assert.Equal(["dup.yaml n", "dup.yaml n #2"], cases.Select(c => c.Key));
    }

    [Fact]
    public void KnownFailureLinesMatchNotesContainingColons()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "opa/v1/a.yaml strings/indexof: unicode char", "opa/v1/a.yaml plain" };
        var known = KnownFailures.Parse(
        [
            "# comment",
            "",
            "opa/v1/a.yaml strings/indexof: unicode char: unexpected result: want 1: got 2",
            "opa/v1/a.yaml plain: engine raised X",
            "opa/v1/gone.yaml old: reason",
        ], keys, out var unknown);
        Assert.Equal(2, known.Count);
        Assert.True(known.TryGetReason("opa/v1/a.yaml strings/indexof: unicode char", out var r1));
        Assert.Equal("unexpected result: want 1: got 2", r1);
        Assert.True(known.TryGetReason("opa/v1/a.yaml plain", out var r2));
        Assert.Equal("engine raised X", r2);
        Assert.Equal(["opa/v1/gone.yaml old: reason"], unknown);
    }
}
