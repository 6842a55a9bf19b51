using Conductor.Rego;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>Which data paths a <c>with</c> may replace.</summary>
public sealed class WithTargetTests
{
    [Theory]
    [InlineData("limits := {\"cpu\": 1, \"mem\": 2}\n\nr := v if v := limits with limits.cpu as 4\n")]
    [InlineData("zone[z] := true if some z in [\"east\"]\n\nr := v if v := zone with data.wt.zone.west as true\n")]
    [InlineData("sizes.small := 1\n\nr := v if v := sizes with sizes.small.x as 4\n")]
    public void ATargetInsideARuleValueIsACompileError(string rules)
    {
        var e = Assert.Throws<RegoException>(() => Compile("package wt\n\n" + rules));
        Assert.Equal(RegoErrorCodes.CompileError, e.Code);
        Assert.Contains("with keyword cannot partially replace virtual document(s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATargetBelowPackagesOrRefHeadPrefixesIsAccepted()
    {
        const string cfg = """
            package wt.cfg

            tier := "gold"

            region := "eu"
            """;
        const string m = """
            package wt

            sizes.small := 1

            sizes.large := 9

            r := [a, b, c] if {
              a := data.wt.cfg with data.wt.cfg.tier as "tin"
              b := sizes with sizes.small as 2
              c := sizes.large with sizes.large as 8
            }
            """;
        Assert.Equal("""[{"region":"eu","tier":"tin"},{"large":9,"small":2},8]""", Value("data.wt.r", null, null, m, cfg));
    }
}
