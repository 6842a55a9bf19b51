namespace Conductor.Evidence.Sigstore;

/// <summary>An RFC 6962 inclusion proof from a bundle's tlog entry, with the log's checkpoint (signed note).</summary>
public sealed record LogInclusionProof(long LogIndex, byte[] RootHash, long TreeSize, IReadOnlyList<byte[]> Hashes, string? Checkpoint);
