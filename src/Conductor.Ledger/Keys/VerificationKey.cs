using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Conductor.Ledger.Keys;

/// <summary>A public key that checks signatures: ECDSA P-256 or Ed25519, loaded from or saved as a PEM "PUBLIC KEY" (SPKI).</summary>
public sealed class VerificationKey
{
    private readonly byte[] _spki;
    private readonly byte[] _raw;

    private VerificationKey(KeyType type, byte[] spki, byte[] raw)
    {
        Type = type;
        _spki = spki;
        _raw = raw;
    }

    /// <summary>The algorithm of this key.</summary>
    public KeyType Type { get; }

    /// <summary>DER SubjectPublicKeyInfo; ECDSA key IDs in signed notes hash this.</summary>
    public byte[] SubjectPublicKeyInfo => (byte[])_spki.Clone();

    /// <summary>The bare public key: 32 bytes for Ed25519, the uncompressed point (65 bytes) for P-256.</summary>
    public byte[] RawPublicKey => (byte[])_raw.Clone();

    /// <summary>True when <paramref name="signature"/> is this key's signature over <paramref name="data"/>. Never throws for malformed signatures.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (Type == KeyType.Ed25519)
        {
            if (signature.Length != 64) return false;
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(_raw));
            verifier.BlockUpdate(data);
            return verifier.VerifySignature(signature.ToArray());
        }
        using var ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(_spki, out _);
        try
        {
            return ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>This key as a PEM "PUBLIC KEY" block.</summary>
    public string ExportPem() => PemEncoding.WriteString("PUBLIC KEY", _spki) + "\n";

    /// <summary>Reads a PEM "PUBLIC KEY" (SPKI) block; <paramref name="source"/> names the input in errors.</summary>
    public static VerificationKey FromPem(string pem, string source = "public key")
    {
        var (label, der) = KeyEncoding.ReadPem(pem, source);
        if (label != "PUBLIC KEY")
            throw KeyEncoding.Invalid($"{source}: expected a 'PUBLIC KEY' PEM block, found '{label}'");
        return FromSubjectPublicKeyInfo(der, source);
    }

    /// <summary>Reads a DER SubjectPublicKeyInfo.</summary>
    public static VerificationKey FromSubjectPublicKeyInfo(byte[] der, string source = "public key")
    {
        var oid = KeyEncoding.AlgorithmOid(der, privateKeyInfo: false, source);
        switch (oid)
        {
            case KeyEncoding.Ed25519Oid:
                return new VerificationKey(KeyType.Ed25519, der, KeyEncoding.Ed25519PublicFromSpki(der, source));
            case KeyEncoding.EcPublicKeyOid:
                using (var ec = ECDsa.Create())
                {
                    try
                    {
                        ec.ImportSubjectPublicKeyInfo(der, out _);
                    }
                    catch (CryptographicException e)
                    {
                        throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{source}: invalid ECDSA public key ({e.Message})", e);
                    }
                    KeyEncoding.RequireP256(ec, source);
                    var q = ec.ExportParameters(false).Q;
                    var raw = new byte[65];
                    raw[0] = 0x04;
                    q.X!.CopyTo(raw, 1);
                    q.Y!.CopyTo(raw, 33);
                    // Re-export so the SPKI (and thus the key ID) is canonical whatever encoding the file used.
                    return new VerificationKey(KeyType.EcdsaP256, ec.ExportSubjectPublicKeyInfo(), raw);
                }
            default:
                throw KeyEncoding.Invalid($"{source}: unsupported key algorithm {oid} (expected ECDSA P-256 or Ed25519)");
        }
    }

    internal static VerificationKey ForEd25519(byte[] publicKey) =>
        new(KeyType.Ed25519, KeyEncoding.Ed25519Spki(publicKey), publicKey);
}
