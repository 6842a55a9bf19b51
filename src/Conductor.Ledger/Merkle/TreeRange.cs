namespace Conductor.Ledger.Merkle;

/// <summary>
/// Entries [Start, End) of the log; the hash of a range is its RFC 6962 Merkle tree hash. Every proof component is
/// such a range, and each is either a perfect aligned subtree (one stored node) or lies on the right edge of the tree,
/// where it is the fold of a few perfect subtrees.
/// </summary>
internal readonly record struct TreeRange(long Start, long End)
{
    public long Size => End - Start;

    /// <summary>Largest power of two strictly less than <paramref name="n"/> (n ≥ 2): RFC 6962's split point.</summary>
    public static long SplitPoint(long n) => 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));

    public bool IsPerfect => (Size & (Size - 1)) == 0 && Start % Size == 0;

    public NodeId AsNode()
    {
        var level = System.Numerics.BitOperations.TrailingZeroCount((ulong)Size);
        return new NodeId(level, Start >> level);
    }

    /// <summary>The perfect subtrees the RFC 6962 recursion reaches for this range, left to right.</summary>
    public void CollectNodes(ICollection<NodeId> into)
    {
        if (IsPerfect) { into.Add(AsNode()); return; }
        var k = SplitPoint(Size);
        new TreeRange(Start, Start + k).CollectNodes(into);
        new TreeRange(Start + k, End).CollectNodes(into);
    }

    /// <summary>The Merkle tree hash of this range from the hashes of its perfect subtrees.</summary>
    public byte[] Hash(IReadOnlyDictionary<NodeId, byte[]> nodes)
    {
        if (IsPerfect) return nodes[AsNode()];
        var k = SplitPoint(Size);
        return MerkleHash.Node(new TreeRange(Start, Start + k).Hash(nodes), new TreeRange(Start + k, End).Hash(nodes));
    }
}
