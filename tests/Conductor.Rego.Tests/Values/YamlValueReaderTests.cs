using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Values;

public sealed class YamlValueReaderTests
{
    private static string Json(string yaml) => YamlValueReader.Parse(yaml, "t.yaml").ToJson();

    [Theory]
    [InlineData("a: true", "{\"a\":true}")]
    [InlineData("a: True", "{\"a\":true}")]
    [InlineData("a: FALSE", "{\"a\":false}")]
    [InlineData("a: null", "{\"a\":null}")]
    [InlineData("a: ~", "{\"a\":null}")]
    [InlineData("a:", "{\"a\":null}")]
    [InlineData("a: 42", "{\"a\":42}")]
    [InlineData("a: -7", "{\"a\":-7}")]
    [InlineData("a: 0o17", "{\"a\":15}")]
    [InlineData("a: 0x1F", "{\"a\":31}")]
    [InlineData("a: 3.25", "{\"a\":3.25}")]
    [InlineData("a: 1e3", "{\"a\":1000}")]
    [InlineData("a: .5", "{\"a\":0.5}")]
    [InlineData("a: 123456789012345678901234567890", "{\"a\":123456789012345678901234567890}")]
    [InlineData("a: yes", "{\"a\":\"yes\"}")]
    [InlineData("a: off", "{\"a\":\"off\"}")]
    [InlineData("a: 1_000", "{\"a\":\"1_000\"}")]
    [InlineData("a: 2024-01-02", "{\"a\":\"2024-01-02\"}")]
    [InlineData("a: '42'", "{\"a\":\"42\"}")]
    [InlineData("a: \"true\"", "{\"a\":\"true\"}")]
    [InlineData("a: !!str 42", "{\"a\":\"42\"}")]
    [InlineData("a: !!float 2", "{\"a\":2}")]
    [InlineData("y: 1", "{\"y\":1}")]
    [InlineData("1: one\ntrue: yes", "{\"1\":\"one\",\"true\":\"yes\"}")]
    [InlineData("a: 1e400", "{\"a\":\"1e400\"}")]
    public void ScalarsFollowTheYaml12CoreSchema(string yaml, string json) => Assert.Equal(json, Json(yaml));

    [Fact]
    public void BlockScalarsAndFlowCollections()
    {
        Assert.Equal("{\"f\":[1,\"two\",{\"k\":null}],\"m\":\"package p\\n\\nx := 1\\n\"}",
            Json("m: |\n  package p\n\n  x := 1\nf: [1, two, {k: ~}]\n"));
    }

    [Fact]
    public void AnchorsAliasesAndMergeKeys()
    {
        const string yaml = """
            base: &b {x: 1, y: 2}
            copy: *b
            merged:
              <<: *b
              y: 3
            list: [&one 1, *one]
            """;
        Assert.Equal("{\"base\":{\"x\":1,\"y\":2},\"copy\":{\"x\":1,\"y\":2},\"list\":[1,1],\"merged\":{\"x\":1,\"y\":3}}", Json(yaml));
    }

    [Fact]
    public void EmptyDocumentIsNull()
    {
        Assert.Same(NullValue.Instance, YamlValueReader.Parse(""));
        Assert.Same(NullValue.Instance, YamlValueReader.Parse("# only a comment\n"));
    }

    [Fact]
    public void OnlyTheFirstDocumentIsRead() => Assert.Equal("{\"a\":1}", Json("a: 1\n---\nb: 2\n"));

    [Fact]
    public void LiteralBlockWithIndentationIndicatorAndSpacedFirstLines()
    {
        // rego-cpp's cases use this form; YAML (and libyaml) accept it.
        var v = YamlValueReader.Parse("cases:\n- modules:\n  - |1\n       \n      \n     package scalars\n  note: n\n");
        Assert.Equal("{\"cases\":[{\"modules\":[\"\\n\\n  package scalars\\n\"],\"note\":\"n\"}]}", v.ToJson());
    }

    [Fact]
    public void MalformedYamlIsALocatedError()
    {
        var e = Assert.Throws<RegoException>(() => YamlValueReader.Parse("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml"));
        Assert.Equal(RegoErrorCodes.InvalidInput, e.Code);
        Assert.Equal("bad.yaml", e.Errors[0].Location!.File);
        Assert.True(e.Errors[0].Location!.Row >= 2);
        Assert.StartsWith("yaml: ", e.Errors[0].Message);
    }

    [Fact]
    public void UnknownAliasIsAnError()
    {
        var e = Assert.Throws<RegoException>(() => YamlValueReader.Parse("a: *nope\n", "t.yaml"));
        Assert.Equal(new SourceLocation("t.yaml", 1, 4), e.Errors[0].Location);
    }

    [Theory]
    [InlineData("a: .inf")]
    [InlineData("a: .nan")]
    [InlineData("~: 1")]
    public void ValuesJsonCannotHoldAreErrors(string yaml)
    {
        var e = Assert.Throws<RegoException>(() => YamlValueReader.Parse(yaml, "t.yaml"));
        Assert.Equal(RegoErrorCodes.InvalidInput, e.Code);
    }

    [Fact]
    public void NestingBeyondTheLimitIsAnErrorNotAStackOverflow()
    {
        var deep = new StringBuilder().Append('[', 10_000).Append(']', 10_000).ToString();
        var e = Assert.Throws<RegoException>(() => YamlValueReader.Parse(deep, "deep.yaml"));
        Assert.Equal("YAML nested deeper than the limit of 1000", e.Errors[0].Message);
        Assert.Equal(new SourceLocation("deep.yaml", 1, 1001), e.Errors[0].Location);
    }

    [Fact]
    public void AliasBombIsRejected()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            sb.Append($"a{i}: &a{i} [");
            sb.Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)));
            sb.Append("]\n");
        }
        var e = Assert.Throws<RegoException>(() => YamlValueReader.Parse(sb.ToString(), "bomb.yaml"));
        Assert.Contains("aliases", e.Errors[0].Message);
    }
}
