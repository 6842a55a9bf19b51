using System.Text.Json;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// What a public bundle hides, read from JSON:
/// <c>{"artifacts": ["internal/*", "debug.tar.gz"], "fields": ["createdAt", "artifacts[].size"]}</c>.
/// Artifact patterns are exact names or end in <c>*</c> for a prefix. Fields are top-level manifest members
/// (<c>release</c>, <c>createdAt</c>, <c>previous</c>) or per-artifact members written <c>artifacts[].NAME</c>.
/// </summary>
public sealed record RedactionRules(IReadOnlyList<string> Artifacts, IReadOnlyList<string> Fields)
{
    private static readonly HashSet<string> TopLevel = ["release", "createdAt", "previous"];
    private static readonly HashSet<string> ArtifactFields = ["name", "sha256", "size", "mediaType"];

    /// <summary>True when <paramref name="name"/> matches one of the artifact patterns.</summary>
    public bool HidesArtifact(string name) => Artifacts.Any(p =>
        p.EndsWith('*') ? name.StartsWith(p[..^1], StringComparison.Ordinal) : name == p);

    /// <summary>Parses a rules file; unknown fields are an error so a typo never leaks data.</summary>
    public static RedactionRules Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Malformed("the rules file is not a JSON object");
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("artifacts" or "fields")) throw Malformed($"rules: unknown member '{property.Name}' (expected artifacts, fields)");
            var artifacts = Strings(root, "artifacts");
            var fields = Strings(root, "fields");
            foreach (var field in fields)
            {
                var ok = TopLevel.Contains(field) || (field.StartsWith("artifacts[].", StringComparison.Ordinal) && ArtifactFields.Contains(field["artifacts[].".Length..]));
                if (!ok) throw Malformed($"rules: field '{field}' is not a manifest field (release, createdAt, previous, artifacts[].name|sha256|size|mediaType)");
            }
            return new RedactionRules(artifacts, fields);
        }
        catch (JsonException e)
        {
            throw Malformed($"the rules file is not valid JSON: {e.Message}");
        }
    }

    private static List<string> Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw Malformed($"rules: '{name}' must be an array of strings");
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static EvidenceVerificationException Malformed(string message) => new(VerificationErrorCodes.MalformedEvidence, message);
}
