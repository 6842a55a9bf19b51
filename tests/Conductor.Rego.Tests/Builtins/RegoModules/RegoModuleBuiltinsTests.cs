using Conductor.Rego.Tests.Evaluation;

namespace Conductor.Rego.Tests.Builtins.RegoModules;

/// <summary>rego.parse_module and the rego.metadata builtins as policies see them.</summary>
public sealed class RegoModuleBuiltinsTests
{
    [Fact]
    public void ParseModuleReturnsOpasAstShape()
    {
        var json = RegoTestHost.Value("""rego.parse_module("x.rego", "package a.b\n\np if input.x == 1\n\ndefault q := 2\n")""");
        const string Expected = """
            {"package":{"path":[{"type":"var","value":"data"},{"type":"string","value":"a"},{"type":"string","value":"b"}]},"rules":[{"body":[{"index":0,"terms":[{"type":"ref","value":[{"type":"var","value":"equal"}]},{"type":"ref","value":[{"type":"var","value":"input"},{"type":"string","value":"x"}]},{"type":"number","value":1}]}],"head":{"name":"p","ref":[{"type":"var","value":"p"}],"value":{"type":"boolean","value":true}}},{"body":[{"index":0,"terms":{"type":"boolean","value":true}}],"default":true,"head":{"assign":true,"name":"q","ref":[{"type":"var","value":"q"}],"value":{"type":"number","value":2}}}]}
            """;
        Assert.Equal(Expected, json);
    }

    [Fact]
    public void ParseModuleOfBadRegoIsABuiltinError()
    {
        Assert.Equal("undefined", RegoTestHost.Value("""rego.parse_module("x.rego", "package")"""));
        var policy = RegoTestHost.Compile();
        var e = Assert.Throws<RegoException>(() => policy.Prepare("""rego.parse_module("x.rego", "package")""")
            .Evaluate(new EvaluationOptions { StrictBuiltinErrors = true }));
        Assert.Equal(RegoErrorCodes.BuiltinError, e.Code);
        Assert.StartsWith("rego.parse_module: 1 error occurred: x.rego:1: rego_parse_error: ", e.Errors[0].Message);
    }

    [Fact]
    public void MetadataBuiltinsOutsideAnyRuleAreEmpty()
    {
        var policy = RegoTestHost.Compile();
        var rule = policy.Prepare("rego.metadata.rule()").Evaluate(new EvaluationOptions { StrictBuiltinErrors = true });
        Assert.Equal("{}", rule.Rows[0].Expressions[0].ToJson());
        var chain = policy.Prepare("rego.metadata.chain()").Evaluate(new EvaluationOptions { StrictBuiltinErrors = true });
        Assert.Equal("[]", chain.Rows[0].Expressions[0].ToJson());
    }
}
