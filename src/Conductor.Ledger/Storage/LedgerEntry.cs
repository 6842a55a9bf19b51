namespace Conductor.Ledger.Storage;

/// <summary>A stored entry: its 0-based index, a type label, its bytes, and the stored leaf hash SHA-256(0x00 || Data).</summary>
/// <remarks>The type label is metadata for readers; only <see cref="Data"/> is covered by the leaf hash.</remarks>
public sealed record LedgerEntry(long Index, string Type, byte[] Data, byte[] LeafHash);
