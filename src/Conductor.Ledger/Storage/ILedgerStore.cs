using Conductor.Ledger.Merkle;

namespace Conductor.Ledger.Storage;

/// <summary>
/// Where a ledger keeps its entries, the hashes of its perfect subtrees and its checkpoints. Implemented in
/// Conductor.Storage (SQLite, PostgreSQL). The Merkle logic lives in <see cref="LedgerService"/>; a store only keeps
/// bytes durably and gives appenders one total order. Failures throw <see cref="LedgerException"/>.
/// </summary>
public interface ILedgerStore : IDisposable
{
    /// <summary>The log's origin (identity), chosen when the store was created; the first line of its checkpoints.</summary>
    string Origin { get; }

    /// <summary>Number of committed entries.</summary>
    long GetSize();

    /// <summary>
    /// Starts an exclusive append: until it is committed or disposed, no other appender (in any process) can append.
    /// </summary>
    ILedgerAppendTransaction BeginAppend();

    /// <summary>Reads stored node hashes (level 0 = leaf hashes). Every requested node must exist; a missing one is an error.</summary>
    IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids);

    /// <summary>The entry at <paramref name="index"/>, or null past the end.</summary>
    LedgerEntry? GetEntry(long index);

    /// <summary>Entries [<paramref name="start"/>, <paramref name="end"/>) in index order, streamed.</summary>
    IEnumerable<LedgerEntry> ReadEntries(long start, long end);

    /// <summary>
    /// Interior nodes (level ≥ 1) that are complete within the first <paramref name="treeSize"/> entries, in the order an
    /// appender creates them: by last covered entry, then by level.
    /// </summary>
    IEnumerable<StoredNode> ReadInteriorNodes(long treeSize);

    /// <summary>Stores a signed checkpoint.</summary>
    void SaveCheckpoint(long treeSize, string signedNote);

    /// <summary>The most recently stored checkpoint with the largest tree size, or null.</summary>
    StoredCheckpoint? GetLatestCheckpoint();
}
