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
        Assert.Equal("""{"args":[{"type":"string"}],"result":{"dynamic":{"key":{"type":"string"},"value":{"type":"string"}},"type":"object"},"type":"function"}""",
            JsonSerializer.Serialize(builtins["uri.parse"].GetProperty("decl")));
        Assert.Equal("""{"args":[{"type":"any"}],"result":{"type":"boolean"},"type":"function"}""",
            JsonSerializer.Serialize(builtins["uri.is_valid"].GetProperty("decl")));
        Assert.False(builtins["uri.parse"].TryGetProperty("deprecated", out _));
        Assert.False(builtins["uri.is_valid"].TryGetProperty("nondeterministic", out _));

        var names = builtins.Keys.ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal(["contains", "every", "if", "in"], doc.RootElement.GetProperty("future_keywords").EnumerateArray().Select(k => k.GetString()!));
        Assert.Contains("rego_v1", doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
    }
}
