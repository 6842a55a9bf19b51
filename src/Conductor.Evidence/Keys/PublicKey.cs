using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conductor.Evidence.Verification;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Conductor.Evidence.Keys;

/// <summary>
/// A public key for signature verification: ECDSA (P-256/P-384/P-521), RSA (PKCS#1 v1.5 and PSS) or Ed25519.
/// Ed25519 goes through BouncyCastle because .NET 10 has no Ed25519 on Linux.
/// </summary>
public sealed class PublicKey
{
    private const string EcOid = "1.2.840.10045.2.1";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string Ed25519Oid = "1.3.101.112";

    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private readonly Ed25519PublicKeyParameters? _ed25519;

    private PublicKey(PublicKeyAlgorithm algorithm, byte[] spki, ECDsa? ecdsa, RSA? rsa, Ed25519PublicKeyParameters? ed25519)
    {
        Algorithm = algorithm;
        SubjectPublicKeyInfo = spki;
        _ecdsa = ecdsa;
        _rsa = rsa;
        _ed25519 = ed25519;
    }

    /// <summary>The key's algorithm.</summary>
    public PublicKeyAlgorithm Algorithm { get; }

    /// <summary>The DER SubjectPublicKeyInfo, which identifies the key (Sigstore log IDs are its SHA-256).</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The raw 32-byte Ed25519 key, or null for other algorithms.</summary>
    public byte[]? Ed25519Raw => _ed25519?.GetEncoded();

    /// <summary>Parses a PEM <c>PUBLIC KEY</c> (SubjectPublicKeyInfo), <c>RSA PUBLIC KEY</c> or <c>CERTIFICATE</c>.</summary>
    public static PublicKey FromPem(string pem)
    {
        PemFields fields;
        try
        {
            if (!PemEncoding.TryFind(pem, out fields)) throw Malformed("no PEM block found");
        }
        catch (ArgumentException)
        {
            throw Malformed("no PEM block found");
        }
        var label = pem[fields.Label];
        byte[] der;
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (FormatException)
        {
            throw Malformed($"the PEM block '{label}' is not valid base64");
        }
        return label switch
        {
            "PUBLIC KEY" => FromSubjectPublicKeyInfo(der),
            "RSA PUBLIC KEY" => FromRsaPublicKey(der),
            "CERTIFICATE" => FromCertificate(LoadCertificate(der)),
            _ => throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"PEM block '{label}' is not a public key"),
        };
    }

    /// <summary>Parses a DER SubjectPublicKeyInfo.</summary>
    public static PublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        string oid;
        byte[] keyBits;
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var spki = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = spki.ReadSequence();
            oid = algorithm.ReadObjectIdentifier();
            keyBits = spki.ReadBitString(out _);
        }
        catch (AsnContentException e)
        {
            throw Malformed($"the public key is not a DER SubjectPublicKeyInfo: {e.Message}");
        }
        var copy = der.ToArray();
        try
        {
            switch (oid)
            {
                case EcOid:
                    var ecdsa = ECDsa.Create();
                    ecdsa.ImportSubjectPublicKeyInfo(copy, out _);
                    var size = ecdsa.KeySize;
                    var alg = size switch
                    {
                        256 => PublicKeyAlgorithm.EcdsaP256,
                        384 => PublicKeyAlgorithm.EcdsaP384,
                        521 => PublicKeyAlgorithm.EcdsaP521,
                        _ => throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"ECDSA keys of {size} bits are not supported"),
                    };
                    return new PublicKey(alg, copy, ecdsa, null, null);
                case RsaOid:
                    var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(copy, out _);
                    return new PublicKey(PublicKeyAlgorithm.Rsa, copy, null, rsa, null);
                case Ed25519Oid:
                    if (keyBits.Length != 32) throw Malformed("an Ed25519 key is 32 bytes");
                    return new PublicKey(PublicKeyAlgorithm.Ed25519, copy, null, null, new Ed25519PublicKeyParameters(keyBits, 0));
                default:
                    throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"public key algorithm {oid} is not supported");
            }
        }
        catch (CryptographicException e)
        {
            throw Malformed($"the public key cannot be imported: {e.Message}");
        }
    }

    /// <summary>Parses a DER PKCS#1 RSAPublicKey.</summary>
    public static PublicKey FromRsaPublicKey(ReadOnlySpan<byte> der)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportRSAPublicKey(der, out _);
            return new PublicKey(PublicKeyAlgorithm.Rsa, rsa.ExportSubjectPublicKeyInfo(), null, rsa, null);
        }
        catch (CryptographicException e)
        {
            throw Malformed($"the RSA public key cannot be imported: {e.Message}");
        }
    }

    /// <summary>Parses a key given as DER, trying SubjectPublicKeyInfo and then PKCS#1 RSAPublicKey.</summary>
    public static PublicKey FromDer(ReadOnlySpan<byte> der)
    {
        try
        {
            return FromSubjectPublicKeyInfo(der);
        }
        catch (EvidenceVerificationException) when (LooksLikeRsaPublicKey(der))
        {
            return FromRsaPublicKey(der);
        }
    }

    /// <summary>Takes the subject public key of a certificate.</summary>
    public static PublicKey FromCertificate(X509Certificate2 certificate) =>
        FromSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>. ECDSA signatures may be DER
    /// (as cosign and X.509 produce) or IEEE P1363 (r||s).
    /// </summary>
    public bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, SignatureOptions? options = null)
    {
        options ??= SignatureOptions.Default;
        if (_ed25519 is not null)
        {
            if (signature.Length != 64) return false;
            var signer = new Ed25519Signer();
            signer.Init(false, _ed25519);
            signer.BlockUpdate(data);
            return signer.VerifySignature(signature.ToArray());
        }
        var hash = options.Hash ?? DefaultHash;
        var digest = ComputeHash(hash, data);
        return VerifyDigest(digest, hash, signature, options);
    }

    /// <summary>
    /// Verifies <paramref name="signature"/> over a precomputed digest (ECDSA and RSA only: Ed25519 signs the
    /// message itself, so a digest is not enough and this returns false).
    /// </summary>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, HashAlgorithmName hash, ReadOnlySpan<byte> signature, SignatureOptions? options = null)
    {
        options ??= SignatureOptions.Default;
        if (_ecdsa is not null)
        {
            try
            {
                if (_ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence)) return true;
                return signature.Length == _ecdsa.GetMaxSignatureSize(DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                    && _ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
        if (_rsa is not null)
        {
            try
            {
                return _rsa.VerifyHash(digest, signature, hash, options.RsaPadding ?? RSASignaturePadding.Pkcs1);
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>The digest algorithm conventionally paired with this key.</summary>
    public HashAlgorithmName DefaultHash => Algorithm switch
    {
        PublicKeyAlgorithm.EcdsaP384 => HashAlgorithmName.SHA384,
        PublicKeyAlgorithm.EcdsaP521 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    /// <summary>True when both keys have the same SubjectPublicKeyInfo.</summary>
    public bool SameKeyAs(PublicKey other) => SubjectPublicKeyInfo.AsSpan().SequenceEqual(other.SubjectPublicKeyInfo);

    internal static byte[] ComputeHash(HashAlgorithmName hash, ReadOnlySpan<byte> data)
    {
        if (hash == HashAlgorithmName.SHA256) return SHA256.HashData(data);
        if (hash == HashAlgorithmName.SHA384) return SHA384.HashData(data);
        if (hash == HashAlgorithmName.SHA512) return SHA512.HashData(data);
        throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"digest algorithm {hash.Name} is not supported");
    }

    internal static X509Certificate2 LoadCertificate(ReadOnlySpan<byte> der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            throw Malformed($"a certificate is not valid DER: {e.Message}");
        }
    }

    private static bool LooksLikeRsaPublicKey(ReadOnlySpan<byte> der)
    {
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER).ReadSequence();
            reader.ReadInteger();
            reader.ReadInteger();
            return !reader.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static EvidenceVerificationException Malformed(string message) =>
        new(VerificationErrorCodes.MalformedEvidence, message);
}
