using System.Text.Json;

namespace Conductor.Cli.Tests;

/// <summary>`conductor capabilities`: the builtins in OPA's capabilities JSON format.</summary>
public sealed class CapabilitiesCommandTests
{
    [Fact]
    public void ListsBuiltinsWithTheirDeclarations()
    {
        var run = CliRun.Of("capabilities");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var builtins = doc.RootElement.GetProperty("builtins").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!);

        var count = builtins["count"].GetProperty("decl");
        Assert.Equal("""{"args":[{"of":[{"type":"string"},{"dynamic":{"type":"any"},"type":"array"},{"dynamic":{"key":{"type":"any"},"value":{"type":"any"}},"type":"object"},{"of":{"type":"any"},"type":"set"}],"type":"any"}],"result":{"type":"number"},"type":"function"}""",
            JsonSerializer.Serialize(count));
        Assert.Equal("+", builtins["plus"].GetProperty("infix").GetString());
        Assert.Equal("=", builtins["eq"].GetProperty("infix").GetString());
        Assert.Equal("in", builtins["internal.member_2"].GetProperty("infix").GetString());
        Assert.True(builtins.ContainsKey("internal.print"));
        Assert.Equal("""{"type":"function","variadic":{"type":"any"}}""", JsonSerializer.Serialize(builtins["print"].GetProperty("decl")));
        Assert.True(builtins["any"].GetProperty("deprecated").GetBoolean());
        Assert.DoesNotContain(builtins.Keys, k => k.StartsWith("internal.", StringComparison.Ordinal) && k is not ("internal.member_2" or "internal.member_3" or "internal.print" or "internal.template_string" or "internal.test_case"));
        Assert.Equal("""{"args":[{"type":"string"}],"result":{"type":"boolean"},"type":"function"}""", JsonSerializer.Serialize(builtins["trace"].GetProperty("decl")));
        Assert.Equal("""{"args":[{"dynamic":{"type":"any"},"type":"array"}],"type":"function"}""", JsonSerializer.Serialize(builtins["internal.test_case"].GetProperty("decl")));
        Assert.Equal("""{"args":[{"type":"string"}],"result":{"dynamic":{"key":{"type":"string"},"value":{"type":"string"}},"type":"object"},"type":"function"}""",
            JsonSerializer.Serialize(builtins["uri.parse"].GetProperty("decl")));
        Assert.Equal("""{"args":[{"type":"any"}],"result":{"type":"boolean"},"type":"function"}""",
            JsonSerializer.Serialize(builtins["uri.is_valid"].GetProperty("decl")));
        Assert.False(builtins["uri.parse"].TryGetProperty("deprecated", out _));
        Assert.False(builtins["uri.is_valid"].TryGetProperty("nondeterministic", out _));

        var names = builtins.Keys.ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal(["contains", "every", "if", "in", "not"], doc.RootElement.GetProperty("future_keywords").EnumerateArray().Select(k => k.GetString()!));
        Assert.Contains("rego_v1", doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void DeclaresTheJsonBuiltinsWithOpasObjectShapes()
    {
        var run = CliRun.Of("capabilities");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var builtins = doc.RootElement.GetProperty("builtins").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!);
        string Decl(string name) => JsonSerializer.Serialize(builtins[name].GetProperty("decl"));

        const string anyObject = """{"dynamic":{"key":{"type":"any"},"value":{"type":"any"}},"type":"object"}""";
        const string pathOrArray = """{"of":[{"type":"string"},{"dynamic":{"type":"any"},"type":"array"}],"type":"any"}""";
        const string paths = """{"of":[{"dynamic":""" + pathOrArray + ""","type":"array"},{"of":""" + pathOrArray + ""","type":"set"}],"type":"any"}""";
        const string schema = """{"of":[{"type":"string"},""" + anyObject + """],"type":"any"}""";

        // json.filter and json.remove return an object, as OPA declares; they were declared as returning any.
        Assert.Equal("""{"args":[""" + anyObject + "," + paths + """],"result":""" + anyObject + ""","type":"function"}""", Decl("json.filter"));
        Assert.Equal("""{"args":[""" + anyObject + "," + paths + """],"result":""" + anyObject + ""","type":"function"}""", Decl("json.remove"));

        // The options object names its known keys (sorted) besides any other string key.
        Assert.Equal(
            """{"args":[{"type":"any"},{"dynamic":{"key":{"type":"string"},"value":{"type":"any"}},"static":[{"key":"indent","value":{"type":"string"}},{"key":"prefix","value":{"type":"string"}},{"key":"pretty","value":{"type":"boolean"}}],"type":"object"}],"result":{"type":"string"},"type":"function"}""",
            Decl("json.marshal_with_options"));

        // Each patch operation has op and path, plus anything else.
        Assert.Equal(
            """{"args":[{"type":"any"},{"dynamic":{"dynamic":{"key":{"type":"any"},"value":{"type":"any"}},"static":[{"key":"op","value":{"type":"string"}},{"key":"path","value":{"type":"any"}}],"type":"object"},"type":"array"}],"result":{"type":"any"},"type":"function"}""",
            Decl("json.patch"));

        // A schema error is an object of exactly four string fields: no dynamic part.
        Assert.Equal(
            """{"args":[""" + schema + "," + schema + """],"result":{"static":[{"type":"boolean"},{"dynamic":{"static":[{"key":"desc","value":{"type":"string"}},{"key":"error","value":{"type":"string"}},{"key":"field","value":{"type":"string"}},{"key":"type","value":{"type":"string"}}],"type":"object"},"type":"array"}],"type":"array"},"type":"function"}""",
            Decl("json.match_schema"));
    }
}
