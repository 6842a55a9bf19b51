using Conductor.Rego.Annotations;
using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Annotations;

/// <summary>METADATA blocks: which statement they annotate, their scope, and the rule/chain values.</summary>
public sealed class AnnotationIndexTests
{
    private const string Policy = """
        # METADATA
        # title: Access policy
        # description: decides access
        package acme.access

        # METADATA
        # title: Allow
        # custom:
        #   severity: high
        allow if input.ok

        deny contains "x" if input.bad

        """;

    [Fact]
    public void RuleAndChainValues()
    {
        var module = RegoParser.ParseModule("p.rego", Policy);
        var index = AnnotationIndex.Build([module]);
        var allow = module.Rules[0];
        var deny = module.Rules[1];

        Assert.Equal("""{"custom":{"severity":"high"},"scope":"rule","title":"Allow"}""", index.RuleMetadata(allow).ToJson());
        Assert.Equal("{}", index.RuleMetadata(deny).ToJson());
        Assert.Equal(
            """[{"annotations":{"custom":{"severity":"high"},"scope":"rule","title":"Allow"},"path":["acme","access","allow"]},""" +
            """{"annotations":{"description":"decides access","scope":"package","title":"Access policy"},"path":["acme","access"]}]""",
            index.Chain(allow).ToJson());
        Assert.Equal(
            """[{"path":["acme","access","deny"]},{"annotations":{"description":"decides access","scope":"package","title":"Access policy"},"path":["acme","access"]}]""",
            index.Chain(deny).ToJson());
    }

    [Fact]
    public void ABlockThatIsNotAnObjectIsALocatedParseError()
    {
        var module = RegoParser.ParseModule("p.rego", "package p\n\n# METADATA\n# - just\n# - a list\nallow if true\n");
        var e = Assert.Throws<RegoException>(() => AnnotationIndex.Build([module]));
        Assert.Equal(new RegoError(RegoErrorCodes.ParseError, "invalid METADATA block: expected a YAML object", new SourceLocation("p.rego", 3, 1)), e.Errors[0]);
    }
}
