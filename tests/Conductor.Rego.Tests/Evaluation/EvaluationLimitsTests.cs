using Conductor.Rego;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>Bad input and runaway policies end in clean errors with codes and locations, never a crash or a hang.</summary>
public sealed class EvaluationLimitsTests
{
    [Fact]
    public void MalformedModuleIsAParseErrorWithLocation()
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("bad.rego", "package p\n\nallow if {\n  input.x ==\n"));
        Assert.Equal(RegoErrorCodes.ParseError, e.Code);
        Assert.Equal("bad.rego", e.Errors[0].Location!.File);
        Assert.True(e.Errors[0].Location!.Row >= 3);
    }

    [Fact]
    public void MalformedJsonInputIsAnInputErrorWithLocation()
    {
        var e = Assert.Throws<RegoException>(() => JsonValueReader.Parse("{\"a\": [1, 2,\n  }", "input.json"));
        Assert.Equal(RegoErrorCodes.InvalidInput, e.Code);
        Assert.Equal(new SourceLocation("input.json", 2, 3), e.Errors[0].Location);
    }

    [Fact]
    public void InputNestedTenThousandDeepIsRejectedCleanly()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var e = Assert.Throws<RegoException>(() => JsonValueReader.Parse(json, "deep.json"));
        Assert.Equal(RegoErrorCodes.InvalidInput, e.Code);
        Assert.Contains("nested deeper than the limit of 1000", e.Message);
        Assert.Equal("deep.json", e.Errors[0].Location!.File);
    }

    [Fact]
    public void InputNestedWithinTheLimitEvaluates()
    {
        var json = new string('[', 900) + "1" + new string(']', 900);
        var input = JsonValueReader.Parse(json);
        var policy = RegoTestHost.Compile("package p\n\nx := input");
        var r = policy.Prepare("data.p.x = y").Evaluate(new EvaluationOptions { Input = input });
        Assert.Equal(input, r.Rows[0].Bindings["y"]);
    }

    [Fact]
    public void InfinitelyRecursiveFunctionIsARecursionError()
    {
        var e = Assert.Throws<RegoException>(() => RegoTestHost.Compile("package p\n\nf(x) := y if {\n  y := f(x)\n}\n\nz := f(1)\n"));
        Assert.Equal(RegoErrorCodes.RecursionError, e.Code);
        Assert.Contains("rule data.p.f is recursive: data.p.f -> data.p.f", e.Message);
        Assert.Equal(3, e.Errors[0].Location!.Row);
    }

    [Fact]
    public void MutuallyRecursiveRulesAreARecursionError()
    {
        var e = Assert.Throws<RegoException>(() => RegoTestHost.Compile("package p\n\na if b\n\nb if a\n"));
        Assert.Equal(RegoErrorCodes.RecursionError, e.Code);
        Assert.Contains("data.p.a -> data.p.b -> data.p.a", e.Message);
    }

    private static Value Numbers(int n) =>
        JsonValueReader.Parse("{\"xs\":[" + string.Join(',', Enumerable.Range(0, n)) + "]}");

    [Fact]
    public void DeadlineExpiringMidQueryIsACancelError()
    {
        // 10^8 iterations: far longer than the 100 ms deadline.
        var policy = RegoTestHost.Compile("package p\n\npairs := [1 | some a in data.xs; some b in data.xs]\n");
        var query = policy.Prepare("data.p.pairs");
        var e = Assert.Throws<RegoException>(() => query.Evaluate(new EvaluationOptions { Data = Numbers(10_000), Timeout = TimeSpan.FromMilliseconds(100) }));
        Assert.Equal(RegoErrorCodes.CancelError, e.Code);
        Assert.Equal("caller cancelled query execution", e.Errors[0].Message);
    }

    [Fact]
    public void CancellationMidQueryIsACancelError()
    {
        var policy = RegoTestHost.Compile("package p\n\npairs := [1 | some a in data.xs; some b in data.xs]\n");
        var query = policy.Prepare("data.p.pairs");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var e = Assert.Throws<RegoException>(() => query.Evaluate(new EvaluationOptions { Data = Numbers(10_000), Cancellation = cts.Token }));
        Assert.Equal(RegoErrorCodes.CancelError, e.Code);
    }

    [Fact]
    public void DepthLimitStopsDeepRuleChains()
    {
        var module = "package p\n\n" + string.Join("\n", Enumerable.Range(0, 20).Select(i => $"r{i} := r{i + 1}")) + "\nr20 := 1\n";
        var policy = RegoTestHost.Compile(module);
        Assert.Equal("1", policy.Prepare("data.p.r0").Evaluate(new EvaluationOptions()).Rows[0].Expressions[0].ToJson());
        var e = Assert.Throws<RegoException>(() => policy.Prepare("data.p.r0").Evaluate(new EvaluationOptions { MaxDepth = 5 }));
        Assert.Equal(RegoErrorCodes.DepthLimitError, e.Code);
    }
}
