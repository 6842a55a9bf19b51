using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Conductor.Ledger.Keys;

/// <summary>A private key that signs checkpoints and evidence: ECDSA P-256 (DER signatures over SHA-256) or Ed25519.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private SigningKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        Type = KeyType.EcdsaP256;
        PublicKey = VerificationKey.FromSubjectPublicKeyInfo(ecdsa.ExportSubjectPublicKeyInfo());
    }

    private SigningKey(Ed25519PrivateKeyParameters ed25519)
    {
        _ed25519 = ed25519;
        Type = KeyType.Ed25519;
        PublicKey = VerificationKey.ForEd25519(ed25519.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The algorithm of this key.</summary>
    public KeyType Type { get; }

    /// <summary>The matching public key.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>Creates a new random key of <paramref name="type"/>.</summary>
    public static SigningKey Generate(KeyType type)
    {
        if (type == KeyType.Ed25519)
        {
            var seed = RandomNumberGenerator.GetBytes(32);
            return new SigningKey(new Ed25519PrivateKeyParameters(seed));
        }
        return new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    /// <summary>Signs <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_ed25519 is not null)
        {
            var signer = new Ed25519Signer();
            signer.Init(true, _ed25519);
            signer.BlockUpdate(data);
            return signer.GenerateSignature();
        }
        return _ecdsa!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>This key as a PEM "PRIVATE KEY" (PKCS#8) block.</summary>
    public string ExportPrivateKeyPem()
    {
        var der = _ed25519 is not null ? KeyEncoding.Ed25519Pkcs8(_ed25519.GetEncoded()) : _ecdsa!.ExportPkcs8PrivateKey();
        try
        {
            return PemEncoding.WriteString("PRIVATE KEY", der) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Reads a PEM "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC 1) block; <paramref name="source"/> names the input in errors.</summary>
    public static SigningKey FromPem(string pem, string source = "private key")
    {
        var (label, der) = KeyEncoding.ReadPem(pem, source);
        try
        {
            switch (label)
            {
                case "EC PRIVATE KEY":
                    return FromEcdsa(ec => ec.ImportECPrivateKey(der, out _), source);
                case "PRIVATE KEY":
                    var oid = KeyEncoding.AlgorithmOid(der, privateKeyInfo: true, source);
                    return oid switch
                    {
                        KeyEncoding.Ed25519Oid => new SigningKey(new Ed25519PrivateKeyParameters(KeyEncoding.Ed25519SeedFromPkcs8(der, source))),
                        KeyEncoding.EcPublicKeyOid => FromEcdsa(ec => ec.ImportPkcs8PrivateKey(der, out _), source),
                        _ => throw KeyEncoding.Invalid($"{source}: unsupported key algorithm {oid} (expected ECDSA P-256 or Ed25519)"),
                    };
                default:
                    throw KeyEncoding.Invalid($"{source}: expected a 'PRIVATE KEY' PEM block, found '{label}'");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static SigningKey FromEcdsa(Action<ECDsa> import, string source)
    {
        var ec = ECDsa.Create();
        try
        {
            import(ec);
            KeyEncoding.RequireP256(ec, source);
            return new SigningKey(ec);
        }
        catch (CryptographicException e)
        {
            ec.Dispose();
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{source}: invalid ECDSA private key ({e.Message})", e);
        }
        catch
        {
            ec.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _ecdsa?.Dispose();
}
