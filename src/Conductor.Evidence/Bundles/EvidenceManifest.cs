using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conductor.Evidence.Json;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// A release manifest: <c>{"artifacts":[{"mediaType","name","sha256","size"}],"createdAt","previous"?,"release"}</c>
/// written in RFC 8785 canonical JSON, so the same inputs always give the same bytes. <see cref="Previous"/> is
/// <c>sha256:&lt;hex&gt;</c> of the previous manifest recorded in the ledger, chaining releases.
/// </summary>
public sealed record EvidenceManifest(string Release, DateTimeOffset CreatedAt, string? Previous, IReadOnlyList<ManifestArtifact> Artifacts)
{
    /// <summary>The canonical JSON bytes (what manifest.json holds and what is signed).</summary>
    public byte[] ToCanonicalJson()
    {
        var sb = new StringBuilder();
        sb.Append("{\"artifacts\":[");
        for (var i = 0; i < Artifacts.Count; i++)
        {
            var a = Artifacts[i];
            if (i > 0) sb.Append(',');
            sb.Append("{\"mediaType\":");
            CanonicalJson.WriteString(a.MediaType, sb);
            sb.Append(",\"name\":");
            CanonicalJson.WriteString(a.Name, sb);
            sb.Append(",\"sha256\":");
            CanonicalJson.WriteString(a.Sha256, sb);
            sb.Append(",\"size\":").Append(a.Size.ToString(CultureInfo.InvariantCulture)).Append('}');
        }
        sb.Append("],\"createdAt\":");
        CanonicalJson.WriteString(FormatTime(CreatedAt), sb);
        if (Previous is not null)
        {
            sb.Append(",\"previous\":");
            CanonicalJson.WriteString(Previous, sb);
        }
        sb.Append(",\"release\":");
        CanonicalJson.WriteString(Release, sb);
        sb.Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of <paramref name="manifestBytes"/>, the form recorded in the ledger.</summary>
    public static string DigestOf(ReadOnlySpan<byte> manifestBytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));

    /// <summary>RFC 3339 UTC with seconds precision, the only form manifests use.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses manifest bytes; throws <see cref="EvidenceVerificationException"/> naming the bad member.</summary>
    public static EvidenceManifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Malformed("manifest.json is not a JSON object");
            var release = Str(root, "release");
            if (!DateTimeOffset.TryParse(Str(root, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
                throw Malformed("manifest.json: createdAt is not a time");
            string? previous = root.TryGetProperty("previous", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (!root.TryGetProperty("artifacts", out var artifacts) || artifacts.ValueKind != JsonValueKind.Array) throw Malformed("manifest.json: artifacts is missing");
            var list = new List<ManifestArtifact>();
            foreach (var a in artifacts.EnumerateArray())
            {
                if (!a.TryGetProperty("size", out var size) || !size.TryGetInt64(out var n) || n < 0) throw Malformed($"manifest.json: artifacts[{list.Count}].size is not a size");
                list.Add(new ManifestArtifact(Str(a, "name"), Str(a, "sha256"), n, Str(a, "mediaType")));
            }
            return new EvidenceManifest(release, created, previous, list);
        }
        catch (JsonException e)
        {
            throw Malformed($"manifest.json is not valid JSON: {e.Message}");
        }
    }

    private static string Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw Malformed($"manifest.json: '{name}' is missing or not a string");

    private static EvidenceVerificationException Malformed(string message) => new(VerificationErrorCodes.MalformedEvidence, message);
}
