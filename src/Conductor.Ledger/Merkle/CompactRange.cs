namespace Conductor.Ledger.Merkle;

/// <summary>
/// The right border of a tree: the perfect subtrees that make up entries [0, Size), one per set bit of Size,
/// largest first. Appending a leaf merges equal-sized subtrees, which is exactly when an interior node becomes
/// final and is stored; folding the border right to left gives the root.
/// </summary>
internal sealed class CompactRange
{
    private readonly List<(NodeId Id, byte[] Hash)> _nodes;

    private CompactRange(long size, List<(NodeId, byte[])> nodes)
    {
        Size = size;
        _nodes = nodes;
    }

    public long Size { get; private set; }

    /// <summary>The nodes a store must supply to rebuild the border of a tree of <paramref name="size"/>.</summary>
    public static List<NodeId> BorderNodes(long size)
    {
        var ids = new List<NodeId>();
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) == 0) continue;
            ids.Add(new NodeId(level, start >> level));
            start += 1L << level;
        }
        return ids;
    }

    public static CompactRange Empty() => new(0, []);

    public static CompactRange FromNodes(long size, IReadOnlyDictionary<NodeId, byte[]> nodes)
    {
        var list = new List<(NodeId, byte[])>();
        foreach (var id in BorderNodes(size)) list.Add((id, nodes[id]));
        return new CompactRange(size, list);
    }

    public CompactRange Clone() => new(Size, [.. _nodes]);

    /// <summary>Adds the next leaf; <paramref name="completed"/> receives each interior node this makes final, lowest first.</summary>
    public void Append(byte[] leafHash, Action<NodeId, byte[]>? completed)
    {
        _nodes.Add((new NodeId(0, Size), leafHash));
        Size++;
        while (_nodes.Count >= 2 && _nodes[^1].Id.Level == _nodes[^2].Id.Level)
        {
            var right = _nodes[^1];
            var left = _nodes[^2];
            var parent = new NodeId(left.Id.Level + 1, left.Id.Index >> 1);
            var hash = MerkleHash.Node(left.Hash, right.Hash);
            _nodes.RemoveRange(_nodes.Count - 2, 2);
            _nodes.Add((parent, hash));
            completed?.Invoke(parent, hash);
        }
    }

    public byte[] Root()
    {
        if (_nodes.Count == 0) return MerkleHash.EmptyRoot();
        var hash = _nodes[^1].Hash;
        for (var i = _nodes.Count - 2; i >= 0; i--) hash = MerkleHash.Node(_nodes[i].Hash, hash);
        return hash;
    }
}
