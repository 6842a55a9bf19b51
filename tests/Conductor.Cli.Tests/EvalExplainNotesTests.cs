namespace Conductor.Cli.Tests;

/// <summary>`conductor eval --explain notes`: trace(note) calls reach standard error; without it they are dropped.</summary>
public sealed class EvalExplainNotesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Policy = """
        package t

        p if {
        	trace("checking p")
        	some x in [1, 2]
        	trace(sprintf("x is %d", [x]))
        	x == 2
        }

        """;

    [Fact]
    public void NotesAreWrittenInEvaluationOrderWithTheirLocation()
    {
        var file = _dir.Write("t.rego", Policy);
        var run = CliRun.Of("eval", "--explain", "notes", "--format", "raw", "-d", file, "data.t.p");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("true\n", run.Out);
        Assert.Equal(
            $"{file}:4: Note \"checking p\"\n{file}:6: Note \"x is 1\"\n{file}:6: Note \"x is 2\"\n",
            run.Error);
    }

    [Fact]
    public void WithoutExplainTraceIsTrueAndSilent()
    {
        var file = _dir.Write("t.rego", Policy);
        var run = CliRun.Of("eval", "--format", "raw", "-d", file, "data.t.p");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("true\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void UnknownExplainModeIsAUsageError()
    {
        var file = _dir.Write("t.rego", Policy);
        var run = CliRun.Of("eval", "--explain", "full", "-d", file, "data.t.p");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Argument 'full' not recognized. Must be one of:", run.Error);
    }
}
