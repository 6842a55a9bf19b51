namespace Conductor.Ledger.Merkle;

/// <summary>
/// Proof that the entry at <see cref="Index"/> (0-based) is in the tree of size <see cref="TreeSize"/>
/// whose root is <see cref="RootHash"/>. <see cref="Hashes"/> are ordered from the leaf upwards (RFC 9162 §2.1.3).
/// </summary>
public sealed record InclusionProof(long Index, long TreeSize, byte[] LeafHash, byte[] RootHash, IReadOnlyList<byte[]> Hashes);
