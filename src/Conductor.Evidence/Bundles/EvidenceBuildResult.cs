namespace Conductor.Evidence.Bundles;

/// <summary>The outcome of a build: the manifest, its digest and where it sits in the ledger.</summary>
public sealed record EvidenceBuildResult(EvidenceManifest Manifest, string ManifestDigest, long EntryIndex, long TreeSize);
