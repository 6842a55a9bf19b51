using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Values;

/// <summary>
/// Number literals of Rego source and JSON input print as written, as OPA keeps a number's text; they still equal
/// the number they denote, and computed numbers print canonically. YAML numbers are canonical (OPA converts YAML
/// through float64).
/// </summary>
public sealed class NumberLiteralTextTests
{
    [Fact]
    public void SourceLiteralsPrintAsWrittenAndCompareByValue()
    {
        const string m = """
            package n

            written := [1.50, 2.0, 1e3, -0, 0.10]
            computed := [2.0 + 0, 1.50 * 1, 1e3 + 1]
            same := [1.50 == 1.5, 2.0 == 2, 1e3 == 1000, -0 == 0]
            deduplicated := {2.0, 2}
            """;
        Assert.Equal("[1.50,2.0,1e3,-0,0.10]", Value("data.n.written", null, null, m));
        Assert.Equal("[2,1.5,1001]", Value("data.n.computed", null, null, m));
        Assert.Equal("[true,true,true,true]", Value("data.n.same", null, null, m));
        Assert.Equal("[2.0]", Value("data.n.deduplicated", null, null, m));
    }

    [Fact]
    public void JsonInputKeepsItsTextAndYamlIsCanonical()
    {
        Assert.Equal("{\"a\":1.50,\"b\":2.0,\"c\":1e2}", JsonValueReader.Parse("{\"a\": 1.50, \"b\": 2.0, \"c\": 1e2}", "in.json").ToJson());
        Assert.Equal("{\"a\":1.5,\"b\":2,\"c\":100}", YamlValueReader.Parse("a: 1.50\nb: 2.0\nc: 1e2\n", "in.yaml").ToJson());
    }
}
