using Conductor.Rego;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary><c>else</c> on rules whose head is a ref: allowed while the parts after the first are ground.</summary>
public sealed class RefHeadElseTests
{
    [Fact]
    public void ElseChainsOnGroundRefHeads()
    {
        const string m = """
            package rh

            grade.label := "high" if {
              input.score >= 90
            } else := "mid" if {
              input.score >= 50
            } else := "low"

            grade["with space"] := 1 if input.score > 100 else := 0

            band.of(s) := "top" if s > 9 else := "rest"

            bands := [band.of(10), band.of(1)]
            """;
        Assert.Equal("""{"label":"mid","with space":0}""", Value("data.rh.grade", """{"score":70}""", null, m));
        Assert.Equal("""["top","rest"]""", Value("data.rh.bands", null, null, m));
    }

    [Fact]
    public void ElseOnARefHeadWithAVariableIsAParseError()
    {
        var e = Assert.Throws<RegoException>(() => Compile("package rh\n\ngrade[k] := 1 if k := \"a\" else := 2\n"));
        Assert.Equal(RegoErrorCodes.ParseError, e.Code);
        Assert.Contains("else keyword cannot be used on rules with variables in head", e.Message, StringComparison.Ordinal);
    }
}
