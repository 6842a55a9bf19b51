using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conductor.Rego.Builtins.Crypto;

namespace Conductor.Rego.Builtins.Jwt;

/// <summary>A key for JWS signing or verification: RSA, EC, Ed25519 (OKP) or a symmetric secret (oct), with the
/// JWK's kid and alg when it came from a JWK.</summary>
internal sealed class JwtKey
{
    public required string KeyType { get; init; }
    public RSA? Rsa { get; init; }
    public ECDsa? Ec { get; init; }
    public byte[]? Ed25519Public { get; init; }
    public byte[]? Ed25519Seed { get; init; }
    public byte[]? Secret { get; init; }
    public string? Kid { get; init; }
    public string? Alg { get; init; }
    public bool IsPrivate { get; init; }

    /// <summary>Serialises use of the underlying key object, which is shared through the key cache.</summary>
    public object Sync { get; } = new();

    private (BigInteger N, BigInteger E, int Length)? _rsaPublic;

    /// <summary>The RSA modulus, exponent and modulus length in bytes (for PSS verification with any salt length).</summary>
    public (BigInteger N, BigInteger E, int Length) RsaPublic
    {
        get
        {
            if (_rsaPublic is { } cached) return cached;
            var p = Rsa!.ExportParameters(false);
            var value = (new BigInteger(p.Modulus, isUnsigned: true, isBigEndian: true), new BigInteger(p.Exponent, isUnsigned: true, isBigEndian: true), p.Modulus!.Length);
            _rsaPublic = value;
            return value;
        }
    }

    // Importing a public key costs milliseconds with OpenSSL while verifying costs microseconds, and policies verify
    // many tokens against the same few keys: parsed keys are kept by their text, in a bounded cache.
    private const int CacheLimit = 256;
    private static readonly ConcurrentDictionary<string, List<JwtKey>> Cache = new(StringComparer.Ordinal);

    /// <summary><see cref="FromCertificateOrJwk"/>, memoised by key text.</summary>
    public static List<JwtKey> FromCertificateOrJwkCached(string text)
    {
        if (Cache.TryGetValue(text, out var keys)) return keys;
        keys = FromCertificateOrJwk(text);
        if (Cache.Count >= CacheLimit) Cache.Clear();
        Cache[text] = keys;
        return keys;
    }

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>OPA's getKeyFromCertOrJWK: a PEM certificate, a PEM public key, or a JWK / JWK set.</summary>
    public static List<JwtKey> FromCertificateOrJwk(string text)
    {
        if (PemBlock.Decode(text, out var rest) is { } block)
        {
            if (rest.Length > 0) throw BuiltinException.Error("extra data after a PEM certificate block");
            if (block.Type == "CERTIFICATE")
            {
                byte[] spki;
                try
                {
                    using var cert = X509CertificateLoader.LoadCertificate(block.Bytes);
                    spki = cert.PublicKey.ExportSubjectPublicKeyInfo();
                }
                catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
                {
                    throw BuiltinException.Error($"failed to parse a PEM certificate: {e.Message}");
                }
                return [FromSubjectPublicKeyInfo(spki, "failed to parse a PEM certificate")];
            }
            if (block.Type == "PUBLIC KEY") return [FromSubjectPublicKeyInfo(block.Bytes, "failed to parse a PEM public key")];
            throw BuiltinException.Error("failed to extract a Key from the PEM certificate");
        }
        return JsonWebKeys.ParseSet(text, "failed to parse a JWK key (set)");
    }

    /// <summary>A public key from DER SubjectPublicKeyInfo (RSA, EC or Ed25519).</summary>
    public static JwtKey FromSubjectPublicKeyInfo(byte[] spki, string errorPrefix)
    {
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER);
            var seq = reader.ReadSequence();
            var algorithm = seq.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            switch (oid)
            {
                case RsaOid:
                {
                    var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(spki, out _);
                    return new JwtKey { KeyType = "RSA", Rsa = rsa };
                }
                case EcOid:
                {
                    var ec = ECDsa.Create();
                    ec.ImportSubjectPublicKeyInfo(spki, out _);
                    return new JwtKey { KeyType = "EC", Ec = ec };
                }
                case Ed25519Oid:
                {
                    var key = seq.ReadBitString(out _);
                    if (key.Length != 32) throw new CryptographicException("bad Ed25519 public key length");
                    return new JwtKey { KeyType = "OKP", Ed25519Public = key };
                }
                default:
                    throw new CryptographicException($"unknown public key algorithm {oid}");
            }
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException or AsnContentException)
        {
            throw BuiltinException.Error($"{errorPrefix}: {e.Message}");
        }
    }
}
