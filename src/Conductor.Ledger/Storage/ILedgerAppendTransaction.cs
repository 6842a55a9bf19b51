using Conductor.Ledger.Merkle;

namespace Conductor.Ledger.Storage;

/// <summary>An exclusive append in progress. Nothing is visible to others, or durable, until <see cref="Commit"/> returns.</summary>
public interface ILedgerAppendTransaction : IDisposable
{
    /// <summary>The number of entries when the transaction started; new entries take indexes from here.</summary>
    long Size { get; }

    /// <summary>Reads node hashes as <see cref="ILedgerStore.ReadNodes"/>, inside this transaction.</summary>
    IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids);

    /// <summary>Adds entries (with consecutive indexes from <see cref="Size"/>) and the interior nodes they complete.</summary>
    void Write(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<StoredNode> nodes);

    /// <summary>Makes the writes durable and visible; returns once committed.</summary>
    void Commit();
}
