namespace Conductor.Ledger;

/// <summary>An acknowledged (committed) append: the entry's 0-based index and its leaf hash.</summary>
public sealed record AppendResult(long Index, byte[] LeafHash);
