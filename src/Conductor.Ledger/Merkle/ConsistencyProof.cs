namespace Conductor.Ledger.Merkle;

/// <summary>
/// Proof that the tree of size <see cref="Size1"/> (root <see cref="RootHash1"/>) is a prefix of the tree of size
/// <see cref="Size2"/> (root <see cref="RootHash2"/>), per RFC 9162 §2.1.4.
/// </summary>
public sealed record ConsistencyProof(long Size1, long Size2, byte[] RootHash1, byte[] RootHash2, IReadOnlyList<byte[]> Hashes);
