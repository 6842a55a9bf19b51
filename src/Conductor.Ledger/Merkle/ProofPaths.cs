namespace Conductor.Ledger.Merkle;

/// <summary>
/// Which subtree hashes make up a proof (RFC 9162 §2.1.3.1 PATH and §2.1.4.1 SUBPROOF), as ranges of entries.
/// Kept separate from hashing so a store can fetch every node a proof needs in one round trip.
/// </summary>
internal static class ProofPaths
{
    /// <summary>Ranges whose hashes form the inclusion proof of entry <paramref name="index"/> in a tree of <paramref name="size"/>, leaf upwards.</summary>
    public static List<TreeRange> Inclusion(long index, long size)
    {
        var result = new List<TreeRange>();
        long start = 0, end = size;
        // Walk down from the root; siblings are collected top-down, then reversed to leaf-upwards order.
        while (end - start > 1)
        {
            var k = TreeRange.SplitPoint(end - start);
            if (index - start < k)
            {
                result.Add(new TreeRange(start + k, end));
                end = start + k;
            }
            else
            {
                result.Add(new TreeRange(start, start + k));
                start += k;
            }
        }
        result.Reverse();
        return result;
    }

    /// <summary>Ranges whose hashes form the consistency proof from <paramref name="size1"/> to <paramref name="size2"/> (0 &lt; size1 &lt; size2).</summary>
    public static List<TreeRange> Consistency(long size1, long size2)
    {
        var siblings = new List<TreeRange>();
        long start = 0, end = size2, m = size1;
        var completeSubtree = true;
        TreeRange? seed = null;
        while (true)
        {
            var n = end - start;
            if (m == n)
            {
                // The old tree's own subtree is needed only when it is not the whole old tree.
                if (!completeSubtree) seed = new TreeRange(start, end);
                break;
            }
            var k = TreeRange.SplitPoint(n);
            if (m <= k)
            {
                siblings.Add(new TreeRange(start + k, end));
                end = start + k;
            }
            else
            {
                siblings.Add(new TreeRange(start, start + k));
                start += k;
                m -= k;
                completeSubtree = false;
            }
        }
        // SUBPROOF emits the deepest part first and each sibling after its recursive part: reverse the walk.
        siblings.Reverse();
        if (seed is { } s) siblings.Insert(0, s);
        return siblings;
    }
}
