using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>
/// <c>not { a; b }</c> bodies, enabled by <c>import future.keywords.not</c> or <c>import rego.v2</c>: true when the
/// body has no solution; without the import the braces stay a set literal.
/// </summary>
public sealed class NotBodyTests
{
    private const string Policy = """
        package nb

        import future.keywords.not

        default blocked := false

        blocked if not { input.a; input.b }

        scoped if {
        	limit := 3
        	not { doubled := limit * 2; doubled > 10 }
        }

        literal_set if not {1, 2}
        """;

    [Theory]
    [InlineData("""{"a": true, "b": false}""", "true")]
    [InlineData("""{"a": true, "b": true}""", "false")]
    [InlineData("""{"a": false}""", "true")]
    [InlineData(null, "true")]
    public void NegatesTheWholeBody(string? input, string expected) =>
        Assert.Equal(expected, Value("data.nb.blocked", input, null, Policy));

    [Fact]
    public void VariablesBoundBeforeAreSharedAndTheBodysOwnStayInside()
    {
        Assert.Equal("true", Value("data.nb.scoped", null, null, Policy));
        Assert.Equal("undefined", Value("data.nb.literal_set", null, null, Policy));
    }

    [Fact]
    public void RegoV2EnablesItAndWithoutAnImportBracesAreASetLiteral()
    {
        const string v2 = "package v2\n\nimport rego.v2\n\np if not { input.x == 1; input.y == 2 }\n";
        Assert.Equal("true", Value("data.v2.p", """{"x": 1, "y": 3}""", null, v2));
        Assert.Equal("undefined", Value("data.v2.p", """{"x": 1, "y": 2}""", null, v2));

        const string plain = "package plain\n\np if not { input.x }\n";
        Assert.Equal("undefined", Value("data.plain.p", """{"x": false}""", null, plain));
    }
}
