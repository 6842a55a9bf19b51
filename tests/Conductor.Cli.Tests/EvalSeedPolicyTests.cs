using System.Text.Json;

namespace Conductor.Cli.Tests;

/// <summary>
/// `conductor eval` on the Rego of seeds 001 (package ig.ctx, v0 syntax) and 002 (package minimization), with
/// output exactly as `opa eval` prints it.
/// </summary>
public sealed class EvalSeedPolicyTests : IDisposable
{
    // Seed 001, "Policy v2 — Rego (extract)", verbatim: `explanation[msg] { ... }` is v0 syntax.
    public const string Seed001 = """
        package ig.ctx

        import future.keywords.if

        default allow := false

        allow if {
          input.actor.tenant == input.resource.tenant
          input.actor.purposes[_] == input.resource.purpose
          not high_risk_device
        }

        high_risk_device if {
          input.context.device_trust == "low"
          input.action == "export"
        }

        explanation[msg] {
          not allow
          msg := "tenant or purpose mismatch or high-risk device"
        }

        """;

    // Seed 002, "OPA Policy v1.1 (Data Minimization Selector)", verbatim (v0 rule body, `in` without an import).
    public const string Seed002Verbatim = """
        package minimization

        # Permit only required fields per purpose
        allow { some f; f := input.request.fields[_]; f in data.allowed[input.request.purpose] }

        """;

    // The same rule in v1 syntax, as in examples/policies/seed002_minimization.rego.
    public const string Seed002 = """
        package minimization

        import rego.v1

        allow if {
          some f in input.request.fields
          f in data.allowed[input.request.purpose]
        }

        """;

    private const string Seed002Data = """{"allowed": {"investigation": ["case_id", "entity_name", "region"], "analytics": ["region"]}}""";

    private const string AllowInput = """
        {"actor": {"tenant": "acme", "purposes": ["audit", "investigation"]},
         "resource": {"tenant": "acme", "purpose": "investigation"},
         "action": "read", "context": {"device_trust": "high"}}
        """;

    private const string DenyExportInput = """
        {"actor": {"tenant": "acme", "purposes": ["investigation"]},
         "resource": {"tenant": "acme", "purpose": "investigation"},
         "action": "export", "context": {"device_trust": "low"}}
        """;

    private readonly TempDirectory _dir = new();
    private readonly string _seed001;
    private readonly string _seed002;
    private readonly string _seed002Data;

    public EvalSeedPolicyTests()
    {
        _seed001 = _dir.Write("seed001_ig_ctx.rego", Seed001);
        _seed002 = _dir.Write("seed002_minimization.rego", Seed002);
        _seed002Data = _dir.Write("seed002_allowed.json", Seed002Data);
    }

    public void Dispose() => _dir.Dispose();

    private static string OneExpression(string value, string text) =>
        "{\n" +
        "  \"result\": [\n" +
        "    {\n" +
        "      \"expressions\": [\n" +
        "        {\n" +
        $"          \"value\": {value},\n" +
        $"          \"text\": \"{text}\",\n" +
        "          \"location\": {\n" +
        "            \"row\": 1,\n" +
        "            \"col\": 1\n" +
        "          }\n" +
        "        }\n" +
        "      ]\n" +
        "    }\n" +
        "  ]\n" +
        "}\n";

    [Fact]
    public void Seed001AllowsMatchingTenantAndPurpose()
    {
        var run = CliRun.Of("eval", "--v0-compatible", "-d", _seed001, "-i", _dir.Write("in.json", AllowInput), "data.ig.ctx.allow");
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(OneExpression("true", "data.ig.ctx.allow"), run.Out);
    }

    [Fact]
    public void Seed001DeniesExportFromLowTrustDeviceWithExplanation()
    {
        var input = _dir.Write("in.json", DenyExportInput);
        var allow = CliRun.Of("eval", "--v0-compatible", "-d", _seed001, "-i", input, "data.ig.ctx.allow");
        Assert.Equal(OneExpression("false", "data.ig.ctx.allow"), allow.Out);

        var explanation = CliRun.Of("eval", "--v0-compatible", "-d", _seed001, "-i", input, "data.ig.ctx.explanation");
        Assert.Equal(0, explanation.ExitCode);
        Assert.Equal(OneExpression("[\n            \"tenant or purpose mismatch or high-risk device\"\n          ]", "data.ig.ctx.explanation"),
            explanation.Out);
    }

    [Fact]
    public void Seed001PackageInPrettyFormat()
    {
        var input = _dir.Write("in.json", DenyExportInput);
        var run = CliRun.Of("eval", "--v0-compatible", "--format", "pretty", "-d", _seed001, "-i", input, "data.ig.ctx");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "{\n" +
            "  \"allow\": false,\n" +
            "  \"explanation\": [\n" +
            "    \"tenant or purpose mismatch or high-risk device\"\n" +
            "  ],\n" +
            "  \"high_risk_device\": true\n" +
            "}\n", run.Out);
    }

    [Fact]
    public void Seed001InRawFormat()
    {
        var input = _dir.Write("in.json", DenyExportInput);
        var allow = CliRun.Of("eval", "--v0-compatible", "--format", "raw", "-d", _seed001, "-i", input, "data.ig.ctx.allow");
        Assert.Equal("false\n", allow.Out);
        var msg = CliRun.Of("eval", "--v0-compatible", "--format", "raw", "-d", _seed001, "-i", input, "data.ig.ctx.explanation[m]");
        Assert.Equal("tenant or purpose mismatch or high-risk device\n", msg.Out);
    }

    [Fact]
    public void Seed001WithoutV0CompatibleIsAParseErrorAtTheV0Rule()
    {
        var run = CliRun.Of("eval", "-d", _seed001, "-i", _dir.Write("in.json", AllowInput), "data.ig.ctx.allow");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            ["`contains` keyword is required for partial set rules", "`if` keyword is required before rule body"],
            errors.Select(e => e.GetProperty("message").GetString()).Order(StringComparer.Ordinal));
        foreach (var e in errors)
        {
            Assert.Equal("rego_parse_error", e.GetProperty("code").GetString());
            Assert.Equal(_seed001, e.GetProperty("location").GetProperty("file").GetString());
            Assert.Equal(18, e.GetProperty("location").GetProperty("row").GetInt32());
            Assert.Equal(1, e.GetProperty("location").GetProperty("col").GetInt32());
        }
    }

    [Fact]
    public void Seed002AllowsARequestWithAnAllowedField()
    {
        var input = _dir.Write("in.json", """{"request": {"purpose": "analytics", "fields": ["email", "region"]}}""");
        var run = CliRun.Of("eval", "-d", _seed002, "-d", _seed002Data, "-i", input, "data.minimization.allow");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(OneExpression("true", "data.minimization.allow"), run.Out);
    }

    [Fact]
    public void Seed002ReportsBindingsOfQueryVariables()
    {
        var input = _dir.Write("in.json", """{"request": {"purpose": "analytics", "fields": ["email", "region"]}}""");
        var run = CliRun.Of("eval", "-d", _seed002, "-d", _seed002Data, "-i", input, "x := data.minimization.allow");
        Assert.Equal(
            "{\n" +
            "  \"result\": [\n" +
            "    {\n" +
            "      \"expressions\": [\n" +
            "        {\n" +
            "          \"value\": true,\n" +
            "          \"text\": \"x := data.minimization.allow\",\n" +
            "          \"location\": {\n" +
            "            \"row\": 1,\n" +
            "            \"col\": 1\n" +
            "          }\n" +
            "        }\n" +
            "      ],\n" +
            "      \"bindings\": {\n" +
            "        \"x\": true\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n", run.Out);
    }

    [Fact]
    public void Seed002IsUndefinedWhenNoFieldIsAllowed()
    {
        var input = _dir.Write("in.json", """{"request": {"purpose": "analytics", "fields": ["email", "phone"]}}""");
        var json = CliRun.Of("eval", "-d", _seed002, "-d", _seed002Data, "-i", input, "data.minimization.allow");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("{}\n", json.Out);
        var pretty = CliRun.Of("eval", "-f", "pretty", "-d", _seed002, "-d", _seed002Data, "-i", input, "data.minimization.allow");
        Assert.Equal("undefined\n", pretty.Out);
        var raw = CliRun.Of("eval", "-f", "raw", "-d", _seed002, "-d", _seed002Data, "-i", input, "data.minimization.allow");
        Assert.Equal("", raw.Out);
    }

    [Fact]
    public void Seed002AsWrittenInTheSeedIsAParseErrorInV1()
    {
        var verbatim = _dir.Write("seed002_verbatim.rego", Seed002Verbatim);
        var run = CliRun.Of("eval", "-d", verbatim, "data.minimization.allow");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var first = doc.RootElement.GetProperty("errors")[0];
        Assert.Equal("rego_parse_error", first.GetProperty("code").GetString());
        Assert.Equal("`if` keyword is required before rule body", first.GetProperty("message").GetString());
        Assert.Equal(verbatim, first.GetProperty("location").GetProperty("file").GetString());
        Assert.Equal(4, first.GetProperty("location").GetProperty("row").GetInt32());
        Assert.Equal(1, first.GetProperty("location").GetProperty("col").GetInt32());
    }

    [Fact]
    public void MalformedModuleIsAParseErrorWithFileRowAndColumn()
    {
        var bad = _dir.Write("bad.rego", "package p\n\nallow if {\n  input.x == \"a\n}\n");
        var run = CliRun.Of("eval", "-d", bad, "data.p.allow");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var first = doc.RootElement.GetProperty("errors")[0];
        Assert.Equal("rego_parse_error", first.GetProperty("code").GetString());
        Assert.Equal("non-terminated string", first.GetProperty("message").GetString());
        Assert.Equal(bad, first.GetProperty("location").GetProperty("file").GetString());
        Assert.Equal(4, first.GetProperty("location").GetProperty("row").GetInt32());
        Assert.True(first.GetProperty("location").GetProperty("col").GetInt32() >= 1);

        var pretty = CliRun.Of("eval", "-f", "pretty", "-d", bad, "data.p.allow");
        Assert.Equal(1, pretty.ExitCode);
        Assert.StartsWith($"1 error occurred: {bad}:4: rego_parse_error: non-terminated string", pretty.Error);
    }

    [Fact]
    public void YamlInputIsReadAsOpaReadsIt()
    {
        var input = _dir.Write("in.yaml", """
            actor:
              tenant: acme
              purposes: [audit, investigation]
            resource: {tenant: acme, purpose: investigation}
            action: read
            context:
              device_trust: high
            """);
        var run = CliRun.Of("eval", "--v0-compatible", "-f", "raw", "-d", _seed001, "-i", input, "data.ig.ctx.allow");
        Assert.Equal("true\n", run.Out);
    }

    [Fact]
    public void InputCanComeFromStandardInput()
    {
        var run = CliRun.WithStdin(AllowInput, "eval", "--v0-compatible", "-f", "raw", "-d", _seed001, "-i", "-", "data.ig.ctx.allow");
        Assert.Equal("true\n", run.Out);
    }

    [Fact]
    public void DirectoryOfPoliciesAndDataLoadsLikeOpa()
    {
        // a directory given with -d: data files land under their folder's path below it.
        _dir.Write("bundle/policy.rego", Seed002);
        _dir.Write("bundle/data.json", Seed002Data);
        _dir.Write("bundle/teams/red/data.yaml", "lead: ana\n");
        var run = CliRun.Of("eval", "-f", "raw", "-d", Path.Combine(_dir.Path, "bundle"), "[data.teams.red.lead, data.allowed.analytics]");
        Assert.Equal("[\"ana\",[\"region\"]]\n", run.Out);
    }

    [Fact]
    public void ExampleFromTheReadme()
    {
        var repo = RepositoryRoot();
        var run = CliRun.Of("eval", "--v0-compatible",
            "-d", Path.Combine(repo, "examples", "policies", "seed001_ig_ctx.rego"),
            "-i", Path.Combine(repo, "examples", "input", "seed001_allow.json"),
            "data.ig.ctx.allow");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(OneExpression("true", "data.ig.ctx.allow"), run.Out);

        var second = CliRun.Of("eval",
            "-d", Path.Combine(repo, "examples", "policies", "seed002_minimization.rego"),
            "-d", Path.Combine(repo, "examples", "policies", "seed002_allowed.json"),
            "-i", Path.Combine(repo, "examples", "input", "seed002_request.json"),
            "--format", "pretty", "data.minimization.allow");
        Assert.Equal("true\n", second.Out);
    }

    [Fact]
    public void ExamplePoliciesAreTheSeedPolicies()
    {
        var repo = RepositoryRoot();
        Assert.Equal(Seed001, File.ReadAllText(Path.Combine(repo, "examples", "policies", "seed001_ig_ctx.rego")));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conductor.slnx"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
