using System.Text;
using System.Text.Json;
using Conductor.Evidence.Json;
using Conductor.Ledger;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// Builds an evidence bundle: hashes the artifacts, writes the canonical manifest, signs it as
/// <c>cosign sign-blob</c> does (base64 of a DER ECDSA signature over SHA-256 of the file), records the manifest's
/// digest in the ledger, and writes <c>bundle.json</c> with the entry, an inclusion proof and a signed checkpoint.
/// </summary>
public sealed class EvidenceBundleBuilder(LedgerService ledger)
{
    /// <summary>Builds the bundle into <see cref="EvidenceBuildRequest.OutputDirectory"/>.</summary>
    public EvidenceBuildResult Build(EvidenceBuildRequest request, IProgress<HashingProgress>? progress = null)
    {
        var artifacts = ArtifactHasher.Hash(request.Artifacts, progress);
        var manifest = new EvidenceManifest(request.Release, request.CreatedAt, FindPreviousManifest(), artifacts);
        var manifestBytes = manifest.ToCanonicalJson();
        var digest = EvidenceManifest.DigestOf(manifestBytes);
        var signature = Convert.ToBase64String(request.ManifestKey.Sign(manifestBytes));

        var entry = CanonicalJson.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["manifest"] = digest,
            ["release"] = request.Release,
        }));
        var appended = ledger.Append(entry, EvidenceBundleFile.EntryType);
        var note = ledger.Checkpoint(request.CheckpointSigner);
        var checkpoint = Conductor.Ledger.Checkpoints.Checkpoint.ParseText(Conductor.Ledger.Checkpoints.SignedNote.Parse(note).Text);
        var proof = ledger.ProveInclusion(appended.Index, checkpoint.Size);

        var bundle = new EvidenceBundleFile(
            digest,
            request.ManifestKey.PublicKey.ExportPem(),
            ledger.Origin,
            appended.Index,
            entry,
            proof.TreeSize,
            proof.RootHash,
            proof.Hashes,
            note,
            request.CheckpointSigner.Name,
            request.CheckpointSigner.Verifier.Key.ExportPem());

        Directory.CreateDirectory(request.OutputDirectory);
        File.WriteAllBytes(Path.Combine(request.OutputDirectory, "manifest.json"), manifestBytes);
        File.WriteAllText(Path.Combine(request.OutputDirectory, "manifest.json.sig"), signature + "\n", Encoding.ASCII);
        File.WriteAllBytes(Path.Combine(request.OutputDirectory, "bundle.json"), bundle.ToJson());
        return new EvidenceBuildResult(manifest, digest, appended.Index, proof.TreeSize);
    }

    /// <summary>The digest of the newest manifest already recorded in the ledger, or null for the first release.</summary>
    private string? FindPreviousManifest()
    {
        for (var index = ledger.Size - 1; index >= 0; index--)
        {
            var entry = ledger.GetEntry(index);
            if (entry.Type != EvidenceBundleFile.EntryType) continue;
            try
            {
                using var document = JsonDocument.Parse(entry.Data);
                if (document.RootElement.TryGetProperty("manifest", out var m) && m.ValueKind == JsonValueKind.String) return m.GetString();
            }
            catch (JsonException)
            {
                // Another writer's "evidence" entry that is not ours: keep looking.
            }
        }
        return null;
    }
}
