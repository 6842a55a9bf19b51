using System.Text;
using System.Text.Json;
using Conductor.Evidence.Json;
using Conductor.Evidence.Verification;
using Conductor.Ledger;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;
using Conductor.Ledger.Merkle;
using PublicKey = Conductor.Evidence.Keys.PublicKey;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// Verifies an evidence bundle offline: the manifest signature, that the ledger entry names this manifest, the
/// inclusion proof of the entry, the checkpoint's signature and that it commits to the proof's root, and (given
/// the artifacts) every artifact's SHA-256 and size. Reports every failure, each naming what failed.
/// </summary>
public static class EvidenceBundleVerifier
{
    /// <summary>
    /// Verifies the bundle in <paramref name="directory"/>. Without <paramref name="manifestKeyPem"/> or
    /// <paramref name="ledgerKeyPem"/> the keys recorded in bundle.json are used, with a warning: that proves
    /// integrity, not who signed.
    /// </summary>
    public static EvidenceVerificationReport Verify(string directory, string? manifestKeyPem, string? ledgerKeyPem, string? artifactsDirectory)
    {
        var failures = new List<string>();
        var checks = new List<string>();
        var warnings = new List<string>();

        byte[]? Read(string name)
        {
            var path = Path.Combine(directory, name);
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{name}: cannot be read ({e.Message})");
                return null;
            }
        }

        var manifestBytes = Read("manifest.json");
        var signatureBytes = Read("manifest.json.sig");
        var bundleBytes = Read("bundle.json");
        if (manifestBytes is null || signatureBytes is null || bundleBytes is null) return new(failures, checks, warnings);

        EvidenceBundleFile bundle;
        try
        {
            bundle = EvidenceBundleFile.Parse(bundleBytes);
        }
        catch (EvidenceVerificationException e)
        {
            failures.Add(e.Message);
            return new(failures, checks, warnings);
        }

        // The manifest: canonical, parseable, and the one the ledger entry records.
        var digest = EvidenceManifest.DigestOf(manifestBytes);
        EvidenceManifest? manifest = null;
        try
        {
            manifest = EvidenceManifest.Parse(manifestBytes);
            if (!CanonicalJson.Canonicalize(manifestBytes).AsSpan().SequenceEqual(manifestBytes))
                failures.Add("manifest.json: not in RFC 8785 canonical form (altered after signing)");
        }
        catch (EvidenceVerificationException e)
        {
            failures.Add(e.Message);
        }
        var recorded = RecordedManifestDigest(bundle.Entry);
        var manifestMatches = recorded == digest && bundle.ManifestDigest == digest;
        if (!manifestMatches)
            failures.Add($"manifest.json: its digest {digest} is not the one recorded in the ledger entry ({recorded ?? "none"})");
        else
            checks.Add($"manifest.json {digest} is the manifest recorded in ledger entry {bundle.EntryIndex}");

        // The signature over the manifest file.
        try
        {
            var key = PublicKey.FromPem(manifestKeyPem ?? bundle.ManifestPublicKeyPem);
            if (manifestKeyPem is null) warnings.Add("the manifest key was taken from bundle.json; pass --key to check who signed");
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(Encoding.ASCII.GetString(signatureBytes).Trim());
            }
            catch (FormatException)
            {
                throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, "manifest.json.sig: not valid base64");
            }
            if (key.VerifyData(manifestBytes, signature))
                checks.Add("manifest.json.sig verifies over manifest.json");
            else if (manifestMatches)
                failures.Add("manifest.json.sig: the signature does not verify over manifest.json with the manifest key");
            else
                failures.Add("manifest.json.sig: the signature does not verify (manifest.json was altered)");
        }
        catch (EvidenceVerificationException e)
        {
            failures.Add(e.Message.StartsWith("manifest.json.sig", StringComparison.Ordinal) ? e.Message : $"manifest key: {e.Message}");
        }

        // The inclusion proof of the ledger entry.
        var leaf = MerkleHash.Leaf(bundle.Entry);
        try
        {
            MerkleVerifier.VerifyInclusion(bundle.EntryIndex, bundle.TreeSize, leaf, bundle.ProofHashes, bundle.RootHash);
            checks.Add($"inclusion proof: entry {bundle.EntryIndex} is in the ledger tree of size {bundle.TreeSize}");
        }
        catch (LedgerException e)
        {
            failures.Add($"inclusion proof: {e.Message}{ProofStep(bundle, leaf)}");
        }

        // The checkpoint: signed by the ledger key and committing to the proof's root.
        try
        {
            var key = VerificationKey.FromPem(ledgerKeyPem ?? bundle.CheckpointPublicKeyPem, "ledger key");
            if (ledgerKeyPem is null) warnings.Add("the ledger key was taken from bundle.json; pass --ledger-key to check the ledger's identity");
            var checkpoint = Checkpoint.Open(bundle.Checkpoint, [new NoteVerifier(bundle.CheckpointKeyName, key)]);
            checks.Add($"checkpoint is signed by '{bundle.CheckpointKeyName}'");
            if (checkpoint.Origin != bundle.Origin)
                failures.Add($"checkpoint: its origin '{checkpoint.Origin}' is not the bundle's ledger '{bundle.Origin}'");
            if (checkpoint.Size != bundle.TreeSize || !checkpoint.RootHash.AsSpan().SequenceEqual(bundle.RootHash))
                failures.Add($"checkpoint: it commits to size {checkpoint.Size} root {Convert.ToBase64String(checkpoint.RootHash)}, not the proof's size {bundle.TreeSize} root {Convert.ToBase64String(bundle.RootHash)}");
            else
                checks.Add("checkpoint commits to the inclusion proof's root");
        }
        catch (LedgerException e)
        {
            failures.Add($"checkpoint: {e.Message}");
        }

        if (artifactsDirectory is not null && manifest is not null)
            VerifyArtifacts(manifest, artifactsDirectory, failures, checks);
        return new(failures, checks, warnings);
    }

    private static void VerifyArtifacts(EvidenceManifest manifest, string directory, List<string> failures, List<string> checks)
    {
        var root = Path.GetFullPath(directory);
        var present = new List<(ManifestArtifact Expected, ArtifactInput Input)>();
        foreach (var artifact in manifest.Artifacts)
        {
            var path = Path.GetFullPath(Path.Combine(root, artifact.Name));
            // A manifest name must not lead outside the artifacts folder.
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                failures.Add($"artifact '{artifact.Name}': the name leads outside {directory}");
            else if (!File.Exists(path))
                failures.Add($"artifact '{artifact.Name}': missing from {directory}");
            else
                present.Add((artifact, new ArtifactInput(artifact.Name, path)));
        }
        // Hashed in parallel like the build; results come back in input order.
        var hashed = ArtifactHasher.Hash(present.Select(p => p.Input).ToList());
        var good = 0;
        for (var i = 0; i < present.Count; i++)
        {
            var (expected, actual) = (present[i].Expected, hashed[i]);
            if (actual.Sha256 != expected.Sha256 || actual.Size != expected.Size)
                failures.Add($"artifact '{expected.Name}': SHA-256 {actual.Sha256} ({actual.Size} bytes) is not the manifest's {expected.Sha256} ({expected.Size} bytes)");
            else
                good++;
        }
        checks.Add($"{good} of {manifest.Artifacts.Count} artifacts match the manifest");
    }

    private static string Hashes(int count) => count == 1 ? "1 hash" : $"{count} hashes";

    private static string? RecordedManifestDigest(byte[] entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("manifest", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Says whether the proof has the wrong length or an altered hash.</summary>
    private static string ProofStep(EvidenceBundleFile bundle, byte[] leaf)
    {
        if (bundle.EntryIndex < 0 || bundle.EntryIndex >= bundle.TreeSize) return "";
        var expected = MerkleVerifier.InclusionProofLength((ulong)bundle.EntryIndex, (ulong)bundle.TreeSize);
        return bundle.ProofHashes.Count != expected
            ? $" (the proof has {Hashes(bundle.ProofHashes.Count)}; {expected} are needed)"
            : $" (the proof has the right length, {Hashes(expected)}, so a proof hash or the entry was altered)";
    }
}
