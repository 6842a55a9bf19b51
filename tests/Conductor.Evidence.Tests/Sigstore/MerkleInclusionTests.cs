using Conductor.Evidence.Sigstore;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tests.Sigstore;

/// <summary>RFC 9162 inclusion proofs checked against trees built independently here by the RFC 6962 definition.</summary>
public sealed class MerkleInclusionTests
{
    private static byte[] Leaf(int i) => MerkleInclusion.LeafHash([(byte)i, (byte)(i >> 8)]);

    // MTH(D[n]) by the recursive definition in RFC 6962 §2.1.
    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1) return leaves[start];
        var k = 1;
        while (k * 2 < count) k *= 2;
        return MerkleInclusion.NodeHash(Root(leaves, start, k), Root(leaves, start + k, count - k));
    }

    // PATH(m, D[n]) by the recursive definition in RFC 6962 §2.1.1.
    private static List<byte[]> Path(IReadOnlyList<byte[]> leaves, int m, int start, int count)
    {
        if (count == 1) return [];
        var k = 1;
        while (k * 2 < count) k *= 2;
        if (m < k)
        {
            var path = Path(leaves, m, start, k);
            path.Add(Root(leaves, start + k, count - k));
            return path;
        }
        var right = Path(leaves, m - k, start + k, count - k);
        right.Add(Root(leaves, start, k));
        return right;
    }

    [Fact]
    public void EveryLeafOfEveryTreeUpTo40Verifies()
    {
        for (var size = 1; size <= 40; size++)
        {
            var leaves = Enumerable.Range(0, size).Select(Leaf).ToList();
            var root = Root(leaves, 0, size);
            for (var m = 0; m < size; m++)
                MerkleInclusion.Verify(m, size, leaves[m], Path(leaves, m, 0, size), root);
        }
    }

    [Fact]
    public void AFlippedProofHashIsCaught()
    {
        var leaves = Enumerable.Range(0, 13).Select(Leaf).ToList();
        var root = Root(leaves, 0, 13);
        var proof = Path(leaves, 5, 0, 13);
        proof[2] = (byte[])proof[2].Clone();
        proof[2][0] ^= 0x80;
        var e = Assert.Throws<EvidenceVerificationException>(() => MerkleInclusion.Verify(5, 13, leaves[5], proof, root));
        Assert.Equal(VerificationErrorCodes.InclusionProofInvalid, e.Code);
        Assert.StartsWith("the proof for leaf 5 of 13 leads to root ", e.Message);
    }

    [Fact]
    public void WrongLengthsAndIndexesAreNamed()
    {
        var leaves = Enumerable.Range(0, 8).Select(Leaf).ToList();
        var root = Root(leaves, 0, 8);
        var proof = Path(leaves, 3, 0, 8);
        Assert.Equal("inclusion proof for entry 3 in tree of size 8 must have 3 hashes, got 2",
            Assert.Throws<EvidenceVerificationException>(() => MerkleInclusion.Verify(3, 8, leaves[3], proof.Take(2).ToList(), root)).Message);
        Assert.Equal("inclusion proof for entry 3 in tree of size 8 must have 3 hashes, got 4",
            Assert.Throws<EvidenceVerificationException>(() => MerkleInclusion.Verify(3, 8, leaves[3], [.. proof, proof[0]], root)).Message);
        var outside = Assert.Throws<EvidenceVerificationException>(() => MerkleInclusion.Verify(8, 8, leaves[3], proof, root));
        Assert.Equal(VerificationErrorCodes.InclusionProofInvalid, outside.Code);
        Assert.Equal("entry index 8 is outside the tree of size 8", outside.Message);
    }
}
