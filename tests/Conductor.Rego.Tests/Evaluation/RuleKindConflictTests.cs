using Conductor.Rego;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>Rules of different kinds meeting at one node of the rule tree.</summary>
public sealed class RuleKindConflictTests
{
    [Theory]
    [InlineData("tags := {\"env\": \"prod\"}\n\ntags[k] := \"x\" if k := \"team\"\n")]
    [InlineData("default tags := {}\n\ntags[k] := \"x\" if k := \"team\"\n")]
    [InlineData("tags contains \"env\"\n\ntags[k] := \"x\" if k := \"team\"\n")]
    [InlineData("tags[k] contains \"env\" if k := \"a\"\n\ntags[k] := \"x\" if k := \"team\"\n")]
    public void SingleValueRulesWithVariablesConflictWithOtherKindsAtTheirNode(string rules)
    {
        var e = Assert.Throws<RegoException>(() => Compile("package kc\n\n" + rules));
        Assert.Equal(RegoErrorCodes.TypeError, e.Code);
        Assert.Contains("conflicting rules data.kc.tags found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefaultRuleAloneConflictsWithRulesBelowIt()
    {
        var e = Assert.Throws<RegoException>(() => Compile("package kc\n\ndefault limits := {}\n\nlimits.cpu := 2\n"));
        Assert.Equal(RegoErrorCodes.TypeError, e.Code);
        Assert.Contains("rule data.kc.limits conflicts with [data.kc.limits.cpu]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroundAndVariableRefsOfOneKindCombine()
    {
        const string m = """
            package kc

            tags[k] := "x" if some k in ["team"]

            tags.env := "prod"

            owners[k] contains "ann" if some k in ["db"]

            owners.web contains "bob"
            """;
        Assert.Equal("""{"env":"prod","team":"x"}""", Value("data.kc.tags", null, null, m));
        Assert.Equal("""{"db":["ann"],"web":["bob"]}""", Value("data.kc.owners", null, null, m));
    }
}
