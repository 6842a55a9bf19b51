using System.Security.Cryptography;

namespace Conductor.Ledger.Merkle;

/// <summary>RFC 6962 / RFC 9162 hashing: SHA-256 with domain separation between leaves (0x00) and nodes (0x01).</summary>
public static class MerkleHash
{
    /// <summary>Length in bytes of every hash in the log.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Leaf hash of an entry: SHA-256(0x00 || entry).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = [0x00];
        h.AppendData(prefix);
        h.AppendData(entry);
        return h.GetHashAndReset();
    }

    /// <summary>Interior node hash: SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * Size];
        if (left.Length != Size || right.Length != Size)
        {
            // Proof components of the wrong length must never be hashed as if valid: the caller checks lengths first.
            throw new LedgerException(LedgerErrorCodes.ProofInvalid, $"node hash inputs must be {Size} bytes (got {left.Length} and {right.Length})");
        }
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }
}
