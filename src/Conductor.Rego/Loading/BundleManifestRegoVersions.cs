using System.Text.Json;
using System.Text.RegularExpressions;
using Conductor.Rego.Syntax;

namespace Conductor.Rego.Loading;

/// <summary>
/// The Rego syntax versions a bundle's <c>.manifest</c> declares, as OPA reads them: <c>rego_version</c> (0 or 1) for
/// every file of the bundle and <c>file_rego_versions</c>, a map from a path relative to the bundle root (leading
/// <c>/</c> optional, <c>*</c> matching within one path segment) to a version. Lets a directory mix v0 and v1 files.
/// </summary>
public sealed class BundleManifestRegoVersions
{
    private readonly List<(string Root, RegoVersion? All, List<(Regex Pattern, RegoVersion Version)> Files)> _bundles = [];

    /// <summary>Reads <c>ROOT/.manifest</c> for every directory among <paramref name="paths"/> (others are ignored).</summary>
    /// <exception cref="RegoException">A manifest that is not valid JSON or has a bad version, with code <c>bundle_error</c>.</exception>
    public static BundleManifestRegoVersions Read(IEnumerable<string> paths)
    {
        var result = new BundleManifestRegoVersions();
        foreach (var raw in paths)
        {
            var (_, path) = PolicyLoader.SplitPrefix(raw);
            var manifest = Path.Combine(path, ".manifest");
            if (!Directory.Exists(path) || !File.Exists(manifest)) continue;
            result.Add(path, manifest);
        }
        return result;
    }

    /// <summary>True when no manifest declared any version.</summary>
    public bool IsEmpty => _bundles.Count == 0;

    /// <summary>The declared version of a file loaded from one of the bundles, or null when none applies.</summary>
    public RegoVersion? VersionOf(string file)
    {
        var full = Path.GetFullPath(file);
        foreach (var (root, all, files) in _bundles)
        {
            var relative = Path.GetRelativePath(root, full);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) continue;
            relative = relative.Replace('\\', '/');
            foreach (var (pattern, version) in files)
            {
                if (pattern.IsMatch(relative)) return version;
            }
            if (all is not null) return all;
        }
        return null;
    }

    private void Add(string root, string manifest)
    {
        RegoVersion? all = null;
        var files = new List<(Regex, RegoVersion)>();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(manifest, "manifest must be a JSON object");
            if (doc.RootElement.TryGetProperty("rego_version", out var v)) all = Version(manifest, v);
            if (doc.RootElement.TryGetProperty("file_rego_versions", out var map))
            {
                if (map.ValueKind != JsonValueKind.Object) throw Bad(manifest, "file_rego_versions must be an object");
                foreach (var entry in map.EnumerateObject())
                {
                    var glob = entry.Name.TrimStart('/');
                    // Segment globs only: '*' never crosses '/'. NonBacktracking keeps matching linear.
                    var pattern = "^" + string.Join("[^/]*", glob.Split('*').Select(Regex.Escape)) + "$";
                    files.Add((new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant), Version(manifest, entry.Value)));
                }
            }
        }
        catch (JsonException e)
        {
            throw Bad(manifest, e.Message);
        }
        catch (IOException e)
        {
            throw Bad(manifest, e.Message);
        }
        _bundles.Add((Path.GetFullPath(root), all, files));
    }

    private static RegoVersion Version(string manifest, JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n is 0 or 1
            ? (n == 0 ? RegoVersion.V0 : RegoVersion.V1)
            : throw Bad(manifest, "rego version must be 0 or 1");

    private static RegoException Bad(string manifest, string message) =>
        new("bundle_error", $"{manifest}: {message}", new SourceLocation(manifest, 1, 1));
}
