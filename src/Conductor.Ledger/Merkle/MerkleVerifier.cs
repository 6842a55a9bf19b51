namespace Conductor.Ledger.Merkle;

/// <summary>
/// Verification of RFC 9162 inclusion and consistency proofs. Pure functions: every input is an argument,
/// nothing is read from a store, and every length and size is checked before it is used.
/// Failures throw <see cref="LedgerException"/> with code <see cref="LedgerErrorCodes.ProofInvalid"/>.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is entry <paramref name="index"/> of the tree of size <paramref name="treeSize"/> with root <paramref name="rootHash"/>.</summary>
    public static void VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> rootHash)
    {
        if (index < 0 || treeSize < 0) throw Fail($"index ({index}) and tree size ({treeSize}) must not be negative");
        VerifyInclusion((ulong)index, (ulong)treeSize, leafHash, proof, rootHash);
    }

    /// <summary>As <see cref="VerifyInclusion(long, long, ReadOnlySpan{byte}, IReadOnlyList{byte[]}?, ReadOnlySpan{byte})"/>, for the full unsigned range proof formats carry.</summary>
    public static void VerifyInclusion(ulong index, ulong treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> rootHash)
    {
        RequireHash(rootHash, "root hash");
        var computed = RootFromInclusionProof(index, treeSize, leafHash, proof);
        if (!computed.AsSpan().SequenceEqual(rootHash))
            throw Fail($"inclusion proof for entry {index} in tree of size {treeSize} computes root {Convert.ToHexStringLower(computed)}, expected {Convert.ToHexStringLower(rootHash)}");
    }

    /// <summary>The root implied by an inclusion proof (RFC 9162 §2.1.3.2); it must still be compared to a trusted root.</summary>
    public static byte[] RootFromInclusionProof(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof)
    {
        if (index < 0 || treeSize < 0) throw Fail($"index ({index}) and tree size ({treeSize}) must not be negative");
        return RootFromInclusionProof((ulong)index, (ulong)treeSize, leafHash, proof);
    }

    /// <summary>The root implied by an inclusion proof (RFC 9162 §2.1.3.2); it must still be compared to a trusted root.</summary>
    public static byte[] RootFromInclusionProof(ulong index, ulong treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof)
    {
        if (treeSize == 0) throw Fail($"tree size {treeSize} has no entries");
        if (index >= treeSize) throw Fail($"entry index {index} is outside the tree of size {treeSize}");
        RequireHash(leafHash, "leaf hash");
        proof ??= [];
        var expectedLength = InclusionProofLength(index, treeSize);
        if (proof.Count != expectedLength)
            throw Fail($"inclusion proof for entry {index} in tree of size {treeSize} must have {expectedLength} hashes, got {proof.Count}");
        for (var i = 0; i < proof.Count; i++) RequireHash(proof[i], $"proof hash {i}");

        ulong fn = index, sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0) throw Fail("inclusion proof has too many hashes");
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }
            fn >>= 1; sn >>= 1;
        }
        if (sn != 0) throw Fail("inclusion proof has too few hashes");
        return r;
    }

    /// <summary>
    /// Checks that the tree of size <paramref name="size1"/> with root <paramref name="root1"/> is a prefix of the tree of
    /// size <paramref name="size2"/> with root <paramref name="root2"/> (RFC 9162 §2.1.4.2). A proof from the empty tree
    /// is rejected: it would prove nothing, and accepting it lets a caller skip a check by passing size 0.
    /// </summary>
    public static void VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size1 < 0 || size2 < 0) throw Fail($"tree sizes must not be negative ({size1}, {size2})");
        VerifyConsistency((ulong)size1, (ulong)size2, proof, root1, root2);
    }

    /// <summary>As <see cref="VerifyConsistency(long, long, IReadOnlyList{byte[]}?, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, for the full unsigned range.</summary>
    public static void VerifyConsistency(ulong size1, ulong size2, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        proof ??= [];
        if (size1 > size2) throw Fail($"size1 ({size1}) is greater than size2 ({size2})");
        if (size1 == 0) throw Fail("a consistency proof from the empty tree proves nothing");
        if (size1 == size2)
        {
            if (proof.Count != 0) throw Fail($"sizes are equal ({size1}) but the proof has {proof.Count} hashes");
            if (!root1.SequenceEqual(root2)) throw Fail($"sizes are equal ({size1}) but the roots differ");
            return;
        }
        RequireHash(root1, "root hash 1");
        RequireHash(root2, "root hash 2");
        var expectedLength = ConsistencyProofLength(size1, size2);
        if (proof.Count != expectedLength)
            throw Fail($"consistency proof from size {size1} to {size2} must have {expectedLength} hashes, got {proof.Count}");
        for (var i = 0; i < proof.Count; i++) RequireHash(proof[i], $"proof hash {i}");

        var path = new List<byte[]>(proof.Count + 1);
        if ((size1 & (size1 - 1)) == 0) path.Add(root1.ToArray());
        path.AddRange(proof);

        ulong fn = size1 - 1, sn = size2 - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0) throw Fail("consistency proof has too many hashes");
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }
            fn >>= 1; sn >>= 1;
        }
        if (sn != 0) throw Fail("consistency proof has too few hashes");
        if (!fr.AsSpan().SequenceEqual(root1)) throw Fail($"consistency proof does not lead to root hash 1 for size {size1}");
        if (!sr.AsSpan().SequenceEqual(root2)) throw Fail($"consistency proof does not lead to root hash 2 for size {size2}");
    }

    /// <summary>Number of hashes in an inclusion proof for <paramref name="index"/> in a tree of <paramref name="treeSize"/>.</summary>
    public static int InclusionProofLength(ulong index, ulong treeSize)
    {
        // The path has one hash per level where the node's sibling exists: levels below the point where the
        // paths of `index` and `treeSize-1` meet all have siblings; above, only where the right edge has a left sibling.
        var inner = 64 - System.Numerics.BitOperations.LeadingZeroCount(index ^ (treeSize - 1));
        var border = System.Numerics.BitOperations.PopCount(index >> inner);
        return inner + border;
    }

    /// <summary>Number of hashes in a consistency proof from <paramref name="size1"/> to <paramref name="size2"/> (0 &lt; size1 &lt; size2).</summary>
    public static int ConsistencyProofLength(ulong size1, ulong size2)
    {
        var trailing = System.Numerics.BitOperations.TrailingZeroCount(size1);
        var index = size1 - 1;
        var inner = 64 - System.Numerics.BitOperations.LeadingZeroCount(index ^ (size2 - 1));
        var border = System.Numerics.BitOperations.PopCount(index >> inner);
        var fromFirst = (size1 & (size1 - 1)) == 0 ? 0 : 1;
        return inner - trailing + border + fromFirst;
    }

    private static void RequireHash(ReadOnlySpan<byte> hash, string what)
    {
        if (hash.Length != MerkleHash.Size) throw Fail($"{what} must be {MerkleHash.Size} bytes, got {hash.Length}");
    }

    private static LedgerException Fail(string message) => new(LedgerErrorCodes.ProofInvalid, message);
}
