using System.Security.Cryptography;
using System.Text;
using Conductor.Ledger.Keys;

namespace Conductor.Ledger.Checkpoints;

/// <summary>
/// Key IDs of signed-note signers (c2sp.org/signed-note): Ed25519 uses SHA-256(name || 0x0A || 0x01 || key)[:4];
/// ECDSA (type 0x02, as transparency-dev/witness and Rekor) uses SHA-256(DER SPKI)[:4].
/// </summary>
public static class NoteKeyId
{
    /// <summary>Signature type byte for Ed25519.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>Signature type byte for ECDSA.</summary>
    public const byte EcdsaType = 0x02;

    /// <summary>The key ID of <paramref name="key"/> signing under <paramref name="name"/>.</summary>
    public static uint Compute(string name, VerificationKey key)
    {
        byte[] hash;
        if (key.Type == KeyType.Ed25519)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var input = new byte[nameBytes.Length + 2 + 32];
            nameBytes.CopyTo(input, 0);
            input[nameBytes.Length] = 0x0A;
            input[nameBytes.Length + 1] = Ed25519Type;
            key.RawPublicKey.CopyTo(input, nameBytes.Length + 2);
            hash = SHA256.HashData(input);
        }
        else
        {
            hash = SHA256.HashData(key.SubjectPublicKeyInfo);
        }
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }
}
