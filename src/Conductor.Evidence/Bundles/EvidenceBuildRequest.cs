using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;

namespace Conductor.Evidence.Bundles;

/// <summary>What <see cref="EvidenceBundleBuilder"/> needs: the release, the artifacts, the keys and where to write.</summary>
/// <param name="Release">The release version.</param>
/// <param name="Artifacts">The artifacts, already resolved to names (see <see cref="ArtifactHasher.Resolve"/>).</param>
/// <param name="CreatedAt">The manifest time (from --timestamp or SOURCE_DATE_EPOCH for reproducible builds).</param>
/// <param name="ManifestKey">The key that signs manifest.json.</param>
/// <param name="CheckpointSigner">The signer of the ledger checkpoint.</param>
/// <param name="OutputDirectory">Where manifest.json, manifest.json.sig and bundle.json go.</param>
public sealed record EvidenceBuildRequest(
    string Release,
    IReadOnlyList<ArtifactInput> Artifacts,
    DateTimeOffset CreatedAt,
    SigningKey ManifestKey,
    NoteSigner CheckpointSigner,
    string OutputDirectory);
