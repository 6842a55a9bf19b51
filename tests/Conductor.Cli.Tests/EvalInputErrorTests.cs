using System.Text;

namespace Conductor.Cli.Tests;

/// <summary>`conductor eval` on bad input, data and usage: located errors and exit codes, never a crash.</summary>
public sealed class EvalInputErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MalformedJsonInputIsAnErrorWithFileRowAndColumn()
    {
        var input = _dir.Write("input.json", "{\n  \"user\": \"alice\",\n  \"roles\": [\"admin\",]\n}\n");
        var run = CliRun.Of("eval", "-i", input, "input.user");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "{\n" +
            "  \"errors\": [\n" +
            "    {\n" +
            "      \"message\": \"The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options\",\n" +
            "      \"code\": \"invalid_input_error\",\n" +
            "      \"location\": {\n" +
            $"        \"file\": \"{input}\",\n" +
            "        \"row\": 3,\n" +
            "        \"col\": 21\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void MalformedJsonInputInPrettyFormatIsOneLineOnStandardError()
    {
        var input = _dir.Write("input.json", "{\"a\": }");
        var run = CliRun.Of("eval", "--format", "pretty", "-i", input, "input.a");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"1 error occurred: {input}:1: invalid_input_error: '}}' is an invalid start of a value\n", run.Error);
    }

    [Fact]
    public void InputNestedTenThousandDeepIsACleanError()
    {
        var json = new StringBuilder();
        json.Append('[', 10_000).Append(']', 10_000);
        var input = _dir.Write("deep.json", json.ToString());
        var run = CliRun.Of("eval", "-i", input, "input");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "{\n" +
            "  \"errors\": [\n" +
            "    {\n" +
            "      \"message\": \"JSON nested deeper than the limit of 1000\",\n" +
            "      \"code\": \"invalid_input_error\",\n" +
            "      \"location\": {\n" +
            $"        \"file\": \"{input}\",\n" +
            "        \"row\": 1,\n" +
            "        \"col\": 1001\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n", run.Out);
    }

    [Fact]
    public void YamlInputNestedTenThousandDeepIsACleanError()
    {
        var yaml = new StringBuilder();
        yaml.Append('[', 10_000).Append(']', 10_000);
        var input = _dir.Write("deep.yaml", yaml.ToString());
        var run = CliRun.Of("eval", "-f", "raw", "-i", input, "input");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: {input}:1: invalid_input_error: YAML nested deeper than the limit of 1000\n", run.Error);
    }

    [Fact]
    public void MissingInputFileIsAnError()
    {
        var missing = Path.Combine(_dir.Path, "nope.json");
        var run = CliRun.Of("eval", "-f", "pretty", "-i", missing, "input");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: invalid_input_error: {missing}: no such file\n", run.Error);
    }

    [Fact]
    public void ConflictingDataFilesAreAnErrorNamingTheFile()
    {
        _dir.Write("data/a/one.json", "{\"limit\": 1}");
        var second = _dir.Write("data/a/two.yaml", "limit: 2\n");
        var run = CliRun.Of("eval", "-f", "pretty", "-d", Path.Combine(_dir.Path, "data"), "data.a.limit");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: {second}:1: invalid_input_error: {second}: merge error: its content under data.a conflicts with data loaded before it\n", run.Error);
    }

    [Fact]
    public void MalformedDataFileIsAnErrorWithLocation()
    {
        var bad = _dir.Write("data.yaml", "a: 1\nb: [1, 2\n");
        var run = CliRun.Of("eval", "-d", bad, "data.a");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"code\": \"invalid_input_error\"", run.Out);
        Assert.Contains($"\"file\": \"{bad}\"", run.Out);
        Assert.Contains("\"row\": 3", run.Out);
    }

    [Fact]
    public void TimeoutStopsEvaluationWithACancelError()
    {
        // 10^8 iterations: far beyond the limit on any machine, stopped by it rather than run to the end.
        var run = CliRun.Of("eval", "--timeout", "100ms", "count([1 | some i, j; numbers.range(1, 10000)[i]; numbers.range(1, 10000)[j]])");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "{\n" +
            "  \"errors\": [\n" +
            "    {\n" +
            "      \"message\": \"caller cancelled query execution\",\n" +
            "      \"code\": \"eval_cancel_error\"\n" +
            "    }\n" +
            "  ]\n" +
            "}\n", run.Out);
    }

    [Fact]
    public void StrictBuiltinErrorsTurnUndefinedIntoAnError()
    {
        var lenient = CliRun.Of("eval", "x := to_number(\"abc\")");
        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal("{}\n", lenient.Out);

        var strict = CliRun.Of("eval", "--strict-builtin-errors", "x := to_number(\"abc\")");
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(
            "{\n" +
            "  \"errors\": [\n" +
            "    {\n" +
            "      \"message\": \"to_number: strconv.ParseFloat: parsing \\\"abc\\\": invalid syntax\",\n" +
            "      \"code\": \"eval_builtin_error\",\n" +
            "      \"location\": {\n" +
            "        \"file\": \"\",\n" +
            "        \"row\": 1,\n" +
            "        \"col\": 6\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n", strict.Out);
    }

    [Fact]
    public void PrettyFormatPrintsSeveralResultsAsATable()
    {
        var run = CliRun.Of("eval", "-f", "pretty", "x := [1, 2][_]; y := {\"a\": x}");
        Assert.Equal(
            "+---+---------+\n" +
            "| x |    y    |\n" +
            "+---+---------+\n" +
            "| 1 | {\"a\":1} |\n" +
            "| 2 | {\"a\":2} |\n" +
            "+---+---------+\n", run.Out);
    }

    [Fact]
    public void PrintOutputGoesToStandardError()
    {
        var run = CliRun.Of("eval", "-f", "raw", "print(\"checked\", 1)");
        Assert.Equal("true\n", run.Out);
        Assert.Equal("checked 1\n", run.Error);
    }

    [Theory]
    [InlineData("eval", "--format", "xml", "data.x")]
    [InlineData("eval", "--timeout", "soon", "data.x")]
    [InlineData("eval")]
    [InlineData("eval", "--no-such-flag", "data.x")]
    public void WrongUsageExitsWithTwo(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Error);
    }
}
