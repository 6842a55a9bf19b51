using System.Security.Cryptography;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// RFC 6962 / RFC 9162 leaf hashing and inclusion-proof verification.
/// Duplicates the small part of Conductor.Ledger's Merkle code that Sigstore verification needs; the two should
/// be unified once the ledger's proof verifier is public.
/// </summary>
public static class MerkleInclusion
{
    /// <summary>SHA-256(0x00 || leaf).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Computes the root that an inclusion proof leads to (RFC 9162 §2.1.3.2); throws when the proof has the
    /// wrong length for the index and tree size, naming the step.
    /// </summary>
    public static byte[] RootFromProof(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (treeSize <= 0 || index < 0 || index >= treeSize)
            throw Invalid($"leaf index {index} is outside a tree of size {treeSize}");
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        for (var i = 0; i < proof.Count; i++)
        {
            var p = proof[i];
            if (p.Length != 32) throw Invalid($"proof hash {i} is {p.Length} bytes, not 32");
            if (sn == 0) throw Invalid($"the proof has {proof.Count} hashes, more than the tree of size {treeSize} needs (step {i})");
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) throw Invalid($"the proof has {proof.Count} hashes, fewer than the tree of size {treeSize} needs");
        return r;
    }

    /// <summary>Verifies that the leaf is at <paramref name="index"/> in the tree with <paramref name="root"/>.</summary>
    public static void Verify(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var computed = RootFromProof(index, treeSize, leafHash, proof);
        if (!CryptographicOperations.FixedTimeEquals(computed, root))
            throw Invalid($"the proof for leaf {index} of {treeSize} leads to root {Convert.ToHexStringLower(computed)}, not the claimed {Convert.ToHexStringLower(root)}");
    }

    private static EvidenceVerificationException Invalid(string message) => new(VerificationErrorCodes.InclusionProofInvalid, message);
}
