using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Conductor.Ledger.Keys;

/// <summary>PEM and DER plumbing shared by <see cref="SigningKey"/> and <see cref="VerificationKey"/>.</summary>
internal static class KeyEncoding
{
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";
    public const string P256CurveOid = "1.2.840.10045.3.1.7";
    public const string Ed25519Oid = "1.3.101.112";

    /// <summary>The single PEM block in <paramref name="text"/>: its label and decoded bytes.</summary>
    public static (string Label, byte[] Der) ReadPem(string text, string source)
    {
        if (!PemEncoding.TryFind(text, out var fields))
            throw Invalid($"{source}: no PEM block found (expected '-----BEGIN ... KEY-----')");
        var label = text[fields.Label];
        try
        {
            var der = Convert.FromBase64String(text[fields.Base64Data]);
            return (label, der);
        }
        catch (FormatException e)
        {
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{source}: PEM body is not valid base64", e);
        }
    }

    /// <summary>The algorithm OID of a PKCS#8 PrivateKeyInfo or an X.509 SubjectPublicKeyInfo.</summary>
    public static string AlgorithmOid(byte[] der, bool privateKeyInfo, string source)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var seq = reader.ReadSequence();
            if (privateKeyInfo) seq.ReadInteger();
            var alg = seq.ReadSequence();
            return alg.ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{source}: key is not valid DER ({e.Message})", e);
        }
    }

    /// <summary>The 32-byte seed inside an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410).</summary>
    public static byte[] Ed25519SeedFromPkcs8(byte[] der, string source)
    {
        try
        {
            var seq = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            seq.ReadInteger();
            seq.ReadSequence();
            var inner = seq.ReadOctetString();
            var seed = new AsnReader(inner, AsnEncodingRules.DER).ReadOctetString();
            if (seed.Length != 32) throw Invalid($"{source}: Ed25519 private key must be 32 bytes, got {seed.Length}");
            return seed;
        }
        catch (AsnContentException e)
        {
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{source}: Ed25519 private key is not valid DER ({e.Message})", e);
        }
    }

    /// <summary>The 32-byte public key inside an Ed25519 SubjectPublicKeyInfo.</summary>
    public static byte[] Ed25519PublicFromSpki(byte[] der, string source)
    {
        try
        {
            var seq = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            seq.ReadSequence();
            var key = seq.ReadBitString(out var unused);
            if (unused != 0 || key.Length != 32) throw Invalid($"{source}: Ed25519 public key must be 32 bytes");
            return key;
        }
        catch (AsnContentException e)
        {
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{source}: Ed25519 public key is not valid DER ({e.Message})", e);
        }
    }

    public static byte[] Ed25519Pkcs8(byte[] seed)
    {
        var inner = new AsnWriter(AsnEncodingRules.DER);
        inner.WriteOctetString(seed);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            using (w.PushSequence()) w.WriteObjectIdentifier(Ed25519Oid);
            w.WriteOctetString(inner.Encode());
        }
        return w.Encode();
    }

    public static byte[] Ed25519Spki(byte[] publicKey)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence()) w.WriteObjectIdentifier(Ed25519Oid);
            w.WriteBitString(publicKey);
        }
        return w.Encode();
    }

    public static void RequireP256(ECDsa key, string source)
    {
        var curve = key.ExportParameters(false).Curve;
        if (curve.Oid?.Value != P256CurveOid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            throw Invalid($"{source}: ECDSA key is not on curve P-256");
    }

    public static LedgerException Invalid(string message) => new(LedgerErrorCodes.KeyInvalid, message);
}
