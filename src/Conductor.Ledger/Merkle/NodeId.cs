namespace Conductor.Ledger.Merkle;

/// <summary>
/// A perfect, aligned subtree of the log: the hash of entries [Index·2^Level, (Index+1)·2^Level).
/// Level 0 is a leaf. These are the only hashes a store keeps; every other hash is derived from them.
/// </summary>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>First entry index covered by this node.</summary>
    public long FirstEntry => Index << Level;

    /// <summary>Last entry index covered by this node.</summary>
    public long LastEntry => ((Index + 1) << Level) - 1;

    /// <inheritdoc/>
    public override string ToString() => $"(level {Level}, index {Index})";
}
