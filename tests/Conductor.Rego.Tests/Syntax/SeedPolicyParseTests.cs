using System.Text.RegularExpressions;
using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>The Rego blocks of the product seeds (../shared/seeds/*.txt) parse as OPA would parse them.</summary>
public sealed class SeedPolicyParseTests
{
    private static readonly RegoParseOptions V0 = new() { Version = RegoVersion.V0 };

    private static string SeedRego(string prefix)
    {
        var seeds = Path.GetFullPath(Path.Combine(ConformanceCorpus.Root(), "..", "seeds"));
        var file = Directory.GetFiles(seeds, prefix + "_*.txt").Single();
        var match = Regex.Match(File.ReadAllText(file), "```rego\\n(?<src>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"no rego block in {file}");
        return match.Groups["src"].Value;
    }

    [Fact]
    public void Seed001IsV0StyleAndParsesAsV0()
    {
        var m = RegoParser.ParseModule("ig.rego", SeedRego("001"), V0);
        Assert.Equal(["ig", "ctx"], m.Package.Path);
        Assert.Equal(RegoVersion.V0, m.Version);
        Assert.Equal(
            [
                "default complete ref(allow) := false {  }",
                "complete ref(allow) { call(equal, ref(input, \"actor\", \"tenant\"), ref(input, \"resource\", \"tenant\")); call(equal, ref(input, \"actor\", \"purposes\", _), ref(input, \"resource\", \"purpose\")); not high_risk_device }",
                "complete ref(high_risk_device) { call(equal, ref(input, \"context\", \"device_trust\"), \"low\"); call(equal, ref(input, \"action\"), \"export\") }",
                "set ref(explanation) contains msg { not allow; call(assign, msg, \"tenant or purpose mismatch or high-risk device\") }",
            ],
            m.Rules.Select(AstText.Of));
    }

    [Fact]
    public void Seed001FailsUnderV1WithOpasMessages()
    {
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("ig.rego", SeedRego("001")));
        Assert.Equal(
            [
                "ig.rego:18: rego_parse_error: `if` keyword is required before rule body",
                "ig.rego:18: rego_parse_error: `contains` keyword is required for partial set rules",
            ],
            e.Errors.Select(x => x.ToString()));
        Assert.Equal(new SourceLocation("ig.rego", 18, 1), e.Errors[0].Location);
    }

    [Fact]
    public void Seed002NeedsTheInKeyword()
    {
        var src = SeedRego("002");
        var v1 = Assert.Throws<RegoException>(() => RegoParser.ParseModule("min.rego", src));
        Assert.Equal("min.rego:4: rego_parse_error: `if` keyword is required before rule body", v1.Message);
        // v0 without `import future.keywords.in`: `in` is a name, so `f in data...` is two terms in a row.
        var v0 = Assert.Throws<RegoException>(() => RegoParser.ParseModule("min.rego", src, V0));
        Assert.Equal("unexpected ident token: expected \\n or ; or }", v0.Errors[0].Message);
        Assert.Equal(new SourceLocation("min.rego", 4, 49), v0.Errors[0].Location);
        var fixedV0 = RegoParser.ParseModule("min.rego", src.Replace("package minimization\n", "package minimization\nimport future.keywords.in\n"), V0);
        Assert.Equal(
            "complete ref(allow) { some(f); call(assign, f, ref(input, \"request\", \"fields\", _)); call(internal.member_2, f, ref(data, \"allowed\", ref(input, \"request\", \"purpose\"))) }",
            AstText.Of(fixedV0.Rules[0]));
    }
}
