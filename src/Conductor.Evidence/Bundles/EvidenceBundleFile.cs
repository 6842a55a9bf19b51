using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Evidence.Json;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// <c>bundle.json</c>: where the manifest sits in the ledger — the entry (its bytes name the manifest's digest),
/// its index, an inclusion proof to the tree of a signed checkpoint, and the public keys that signed (for
/// convenience; a verifier should pin its own).
/// </summary>
public sealed record EvidenceBundleFile(
    string ManifestDigest,
    string ManifestPublicKeyPem,
    string Origin,
    long EntryIndex,
    byte[] Entry,
    long TreeSize,
    byte[] RootHash,
    IReadOnlyList<byte[]> ProofHashes,
    string Checkpoint,
    string CheckpointKeyName,
    string CheckpointPublicKeyPem)
{
    /// <summary>The bundle media type.</summary>
    public const string MediaType = "application/vnd.conductor.evidence.bundle+json;version=1";

    /// <summary>The ledger entry type used for evidence manifests.</summary>
    public const string EntryType = "evidence";

    /// <summary>Serialises as canonical JSON.</summary>
    public byte[] ToJson()
    {
        var node = new JsonObject
        {
            ["mediaType"] = MediaType,
            ["manifest"] = new JsonObject
            {
                ["digest"] = ManifestDigest,
                ["signature"] = "manifest.json.sig",
                ["publicKey"] = ManifestPublicKeyPem,
            },
            ["ledger"] = new JsonObject
            {
                ["origin"] = Origin,
                ["entryIndex"] = EntryIndex,
                ["entryType"] = EntryType,
                ["entry"] = Convert.ToBase64String(Entry),
                ["inclusionProof"] = new JsonObject
                {
                    ["treeSize"] = TreeSize,
                    ["rootHash"] = Convert.ToBase64String(RootHash),
                    ["hashes"] = new JsonArray(ProofHashes.Select(h => (JsonNode)JsonValue.Create(Convert.ToBase64String(h))).ToArray()),
                },
                ["checkpoint"] = Checkpoint,
                ["checkpointKeyName"] = CheckpointKeyName,
                ["checkpointPublicKey"] = CheckpointPublicKeyPem,
            },
        };
        return CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    /// <summary>Parses bundle.json; throws <see cref="EvidenceVerificationException"/> naming the bad member.</summary>
    public static EvidenceBundleFile Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var root = JsonNode.Parse(json.ToArray()) as JsonObject ?? throw Malformed("bundle.json is not a JSON object");
            if ((string?)root["mediaType"] != MediaType) throw Malformed($"bundle.json: mediaType is not {MediaType}");
            var manifest = root["manifest"] as JsonObject ?? throw Malformed("bundle.json: manifest is missing");
            var ledger = root["ledger"] as JsonObject ?? throw Malformed("bundle.json: ledger is missing");
            var proof = ledger["inclusionProof"] as JsonObject ?? throw Malformed("bundle.json: ledger.inclusionProof is missing");
            var hashes = (proof["hashes"] as JsonArray ?? throw Malformed("bundle.json: ledger.inclusionProof.hashes is missing"))
                .Select((h, i) => B64((string?)h, $"ledger.inclusionProof.hashes[{i}]")).ToList();
            return new EvidenceBundleFile(
                Req(manifest, "digest", "manifest"),
                Req(manifest, "publicKey", "manifest"),
                Req(ledger, "origin", "ledger"),
                Long(ledger, "entryIndex", "ledger"),
                B64(Req(ledger, "entry", "ledger"), "ledger.entry"),
                Long(proof, "treeSize", "ledger.inclusionProof"),
                B64(Req(proof, "rootHash", "ledger.inclusionProof"), "ledger.inclusionProof.rootHash"),
                hashes,
                Req(ledger, "checkpoint", "ledger"),
                Req(ledger, "checkpointKeyName", "ledger"),
                Req(ledger, "checkpointPublicKey", "ledger"));
        }
        catch (JsonException e)
        {
            throw Malformed($"bundle.json is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw Malformed($"bundle.json has a member of the wrong type: {e.Message}");
        }
    }

    private static string Req(JsonObject o, string name, string path) =>
        (string?)o[name] ?? throw Malformed($"bundle.json: {path}.{name} is missing");

    private static long Long(JsonObject o, string name, string path) =>
        o[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : throw Malformed($"bundle.json: {path}.{name} is not an integer");

    private static byte[] B64(string? text, string path)
    {
        try
        {
            return Convert.FromBase64String(text ?? throw Malformed($"bundle.json: {path} is missing"));
        }
        catch (FormatException)
        {
            throw Malformed($"bundle.json: {path} is not valid base64");
        }
    }

    private static EvidenceVerificationException Malformed(string message) => new(VerificationErrorCodes.MalformedEvidence, message);
}
