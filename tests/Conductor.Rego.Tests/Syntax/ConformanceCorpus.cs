using YamlDotNet.RepresentationModel;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>Reads the Rego sources (modules and queries) of the shared YAML conformance cases.</summary>
internal static class ConformanceCorpus
{
    public sealed record Case(string File, string Note, IReadOnlyList<string> Modules, string? Query, string? WantErrorCode);

    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conductor.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("repository root not found");
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance"));
    }

    public static IEnumerable<Case> Load()
    {
        var root = Root();
        var files = Directory.GetFiles(Path.Combine(root, "opa", "v1"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "rego-cpp"), "*.yaml"))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var yaml = new YamlStream();
            try
            {
                // YamlDotNet rejects whitespace-only lines longer than a literal block's indentation (PyYAML and
                // Go's yaml accept them); blanking them keeps the Rego text the same apart from trailing blanks.
                var lines = File.ReadAllLines(file).Select(l => string.IsNullOrWhiteSpace(l) ? "" : l);
                using var reader = new StringReader(string.Join('\n', lines) + "\n");
                yaml.Load(reader);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new InvalidOperationException($"{file}: {e.Message}", e);
            }
            var doc = (YamlMappingNode)yaml.Documents[0].RootNode;
            if (!doc.Children.TryGetValue(new YamlScalarNode("cases"), out var casesNode)) continue;
            foreach (var node in ((YamlSequenceNode)casesNode).Children.OfType<YamlMappingNode>())
            {
                string? Scalar(string key) =>
                    node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
                var modules = new List<string>();
                if (node.Children.TryGetValue(new YamlScalarNode("modules"), out var m) && m is YamlSequenceNode seq)
                {
                    modules.AddRange(seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? ""));
                }
                yield return new Case(Path.GetRelativePath(root, file), Scalar("note") ?? "", modules, Scalar("query"), Scalar("want_error_code"));
            }
        }
    }
}
