using System.Security.Cryptography;
using Conductor.Evidence.Verification;
using Conductor.Ledger;
using Conductor.Ledger.Merkle;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// RFC 6962 / RFC 9162 inclusion proofs for Sigstore log entries: a thin adapter over the ledger's
/// <see cref="MerkleVerifier"/> that reports failures as <see cref="VerificationErrorCodes.InclusionProofInvalid"/>.
/// </summary>
public static class MerkleInclusion
{
    /// <summary>SHA-256(0x00 || leaf).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf) => MerkleHash.Leaf(leaf);

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => MerkleHash.Node(left, right);

    /// <summary>Computes the root an inclusion proof leads to (RFC 9162 §2.1.3.2); throws when the proof is malformed.</summary>
    public static byte[] RootFromProof(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        try
        {
            return MerkleVerifier.RootFromInclusionProof(index, treeSize, leafHash, proof);
        }
        catch (LedgerException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.InclusionProofInvalid, e.Message);
        }
    }

    /// <summary>Verifies that the leaf is at <paramref name="index"/> in the tree with <paramref name="root"/>.</summary>
    public static void Verify(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var computed = RootFromProof(index, treeSize, leafHash, proof);
        if (!CryptographicOperations.FixedTimeEquals(computed, root))
            throw new EvidenceVerificationException(VerificationErrorCodes.InclusionProofInvalid,
                $"the proof for leaf {index} of {treeSize} leads to root {Convert.ToHexStringLower(computed)}, not the claimed {Convert.ToHexStringLower(root)}");
    }
}
