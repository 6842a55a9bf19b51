using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conductor.Evidence.Json;
using Conductor.Evidence.Verification;
using Conductor.Ledger.Keys;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// Makes a public evidence bundle (<c>EB-&lt;id&gt;.json</c>) from a private one. The listed artifacts and fields
/// are replaced by salted SHA-256 commitments <c>{"redacted":"sha256:hex(SHA-256(salt ‖ canonical value))"}</c>;
/// the salts go to a separate private file so a value can be disclosed later. The public document names the
/// original manifest digest and is signed by the release key, and the bundle carries the original manifest
/// signature, the ledger entry, its inclusion proof and the signed checkpoint, so a customer can check it all
/// with openssl and sha256sum (see verify.sh) without seeing what was redacted.
/// </summary>
public sealed class PublicBundleRedactor(Func<int, byte[]>? randomBytes = null)
{
    /// <summary>The public bundle media type.</summary>
    public const string MediaType = "application/vnd.conductor.evidence.public+json;version=1";

    private readonly Func<int, byte[]> _random = randomBytes ?? RandomNumberGenerator.GetBytes;

    /// <summary>The public bundle and the private salts (JSON), for the bundle in <paramref name="directory"/>.</summary>
    public (byte[] PublicBundle, byte[] Salts) Redact(string directory, RedactionRules rules, SigningKey releaseKey, string id)
    {
        if (releaseKey.Type != KeyType.EcdsaP256)
            throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, "public bundles are signed with ECDSA P-256 so openssl can check the manifest signature from its digest alone");
        var manifestBytes = File.ReadAllBytes(Path.Combine(directory, "manifest.json"));
        var signature = Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(directory, "manifest.json.sig"))).Trim();
        var bundle = EvidenceBundleFile.Parse(File.ReadAllBytes(Path.Combine(directory, "bundle.json")));
        var digest = EvidenceManifest.DigestOf(manifestBytes);
        if (digest != bundle.ManifestDigest)
            throw new EvidenceVerificationException(VerificationErrorCodes.ArtifactMismatch, "manifest.json is not the manifest bundle.json records; verify the bundle first");
        if (!releaseKey.PublicKey.SubjectPublicKeyInfo.AsSpan().SequenceEqual(Conductor.Evidence.Keys.PublicKey.FromPem(bundle.ManifestPublicKeyPem).SubjectPublicKeyInfo))
            throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "the key given is not the key that signed manifest.json");

        var manifest = JsonNode.Parse(manifestBytes)!.AsObject();
        var salts = new JsonObject();
        var document = new JsonObject { ["manifestDigest"] = digest };
        foreach (var field in new[] { "release", "createdAt", "previous" })
        {
            if (manifest[field] is not { } value) continue;
            document[field] = rules.Fields.Contains(field) ? Commit(value, field, salts) : value.DeepClone();
        }
        var artifacts = new JsonArray();
        var index = 0;
        foreach (var artifactNode in manifest["artifacts"]!.AsArray())
        {
            var artifact = artifactNode!.AsObject();
            var path = $"artifacts[{index++}]";
            if (rules.HidesArtifact((string)artifact["name"]!))
            {
                artifacts.Add(Commit(artifact, path, salts));
                continue;
            }
            var copy = new JsonObject();
            foreach (var (name, value) in artifact)
                copy[name] = rules.Fields.Contains("artifacts[]." + name) ? Commit(value!, $"{path}.{name}", salts) : value!.DeepClone();
            artifacts.Add(copy);
        }
        document["artifacts"] = artifacts;

        var canonicalDocument = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(document.ToJsonString()));
        var publicBundle = new JsonObject
        {
            ["mediaType"] = MediaType,
            ["id"] = id,
            ["document"] = JsonNode.Parse(canonicalDocument),
            ["documentSignature"] = Convert.ToBase64String(releaseKey.Sign(canonicalDocument)),
            ["manifestDigest"] = digest,
            ["manifestSignature"] = signature,
            ["ledger"] = new JsonObject
            {
                ["origin"] = bundle.Origin,
                ["entryIndex"] = bundle.EntryIndex,
                ["entry"] = Convert.ToBase64String(bundle.Entry),
                ["treeSize"] = bundle.TreeSize,
                ["rootHash"] = Convert.ToHexStringLower(bundle.RootHash),
                ["proof"] = new JsonArray(bundle.ProofHashes.Select(h => (JsonNode)JsonValue.Create(Convert.ToHexStringLower(h))).ToArray()),
                ["checkpoint"] = bundle.Checkpoint,
                ["checkpointKeyName"] = bundle.CheckpointKeyName,
            },
        };
        var output = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(publicBundle.ToJsonString()));
        var saltsOutput = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["manifestDigest"] = digest, ["salts"] = salts }.ToJsonString()));
        return (output, saltsOutput);
    }

    /// <summary>The commitment a disclosure is checked against: SHA-256(salt ‖ RFC 8785 form of the value).</summary>
    public static string Commitment(byte[] salt, JsonNode value)
    {
        var canonical = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(value.ToJsonString()));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(canonical);
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private JsonObject Commit(JsonNode value, string path, JsonObject salts)
    {
        var salt = _random(32);
        salts[path] = Convert.ToHexStringLower(salt);
        return new JsonObject { ["redacted"] = Commitment(salt, value) };
    }

    /// <summary>The customer verification script shipped beside public bundles.</summary>
    public static string VerifyScript()
    {
        using var stream = typeof(PublicBundleRedactor).Assembly.GetManifestResourceStream("Conductor.Evidence.Bundles.verify.sh")
            ?? throw new InvalidOperationException("verify.sh is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
