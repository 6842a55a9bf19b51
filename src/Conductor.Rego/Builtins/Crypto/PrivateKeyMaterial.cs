using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Crypto;

/// <summary>A private key read from DER (PKCS #1, PKCS #8 or SEC 1), with the JSON Go's encoding/json gives for it.</summary>
internal sealed class PrivateKeyMaterial
{
    private PrivateKeyMaterial(string keyType) => KeyType = keyType;

    /// <summary>"RSA", "EC" or "OKP" (Ed25519).</summary>
    public string KeyType { get; }

    public RSAParameters Rsa { get; private init; }

    public ECParameters Ec { get; private init; }

    public byte[]? Ed25519Seed { get; private init; }

    /// <summary>Tries PKCS #1, PKCS #8 and SEC 1 in turn, as OPA does; null when none parses.</summary>
    public static PrivateKeyMaterial? TryParse(byte[] der)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(der, out var read);
            if (read == der.Length) return new PrivateKeyMaterial("RSA") { Rsa = rsa.ExportParameters(true) };
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
        }
        if (TryParsePkcs8(der) is { } pkcs8) return pkcs8;
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportECPrivateKey(der, out _);
            return new PrivateKeyMaterial("EC") { Ec = ec.ExportParameters(true) };
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
        }
        return null;
    }

    /// <summary>Only PKCS #1 ("RSA PRIVATE KEY"), as Go's x509.ParsePKCS1PrivateKey.</summary>
    public static PrivateKeyMaterial ParsePkcs1(byte[] der)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(der, out _);
            return new PrivateKeyMaterial("RSA") { Rsa = rsa.ExportParameters(true) };
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            if (TryParsePkcs8(der) is not null)
                throw BuiltinException.Error("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)");
            throw BuiltinException.Error("x509: failed to parse private key");
        }
    }

    private static PrivateKeyMaterial? TryParsePkcs8(byte[] der)
    {
        string oid;
        byte[] inner;
        try
        {
            var seq = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            seq.ReadInteger();
            oid = seq.ReadSequence().ReadObjectIdentifier();
            inner = seq.ReadOctetString();
        }
        catch (AsnContentException)
        {
            return null;
        }
        try
        {
            switch (oid)
            {
                case "1.2.840.113549.1.1.1":
                {
                    using var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(der, out _);
                    return new PrivateKeyMaterial("RSA") { Rsa = rsa.ExportParameters(true) };
                }
                case "1.2.840.10045.2.1":
                {
                    using var ec = ECDsa.Create();
                    ec.ImportPkcs8PrivateKey(der, out _);
                    return new PrivateKeyMaterial("EC") { Ec = ec.ExportParameters(true) };
                }
                case "1.3.101.112":
                {
                    var seed = new AsnReader(inner, AsnEncodingRules.BER).ReadOctetString();
                    return seed.Length == 32 ? new PrivateKeyMaterial("OKP") { Ed25519Seed = seed } : null;
                }
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException or AsnContentException)
        {
            return null;
        }
    }

    private static NumberValue Big(byte[]? bigEndian) => NumberValue.Of(new BigInteger(bigEndian ?? [], isUnsigned: true, isBigEndian: true));

    /// <summary>Go's JSON of *rsa.PrivateKey, *ecdsa.PrivateKey or ed25519.PrivateKey.</summary>
    public Value ToGoJson()
    {
        switch (KeyType)
        {
            case "RSA":
            {
                var p = Rsa;
                var o = new ObjectBuilder();
                o.Set("N", Big(p.Modulus));
                o.Set("E", Big(p.Exponent));
                o.Set("D", Big(p.D));
                o.Set("Primes", new ArrayValue([Big(p.P), Big(p.Q)]));
                var pre = new ObjectBuilder();
                pre.Set("Dp", Big(p.DP));
                pre.Set("Dq", Big(p.DQ));
                pre.Set("Qinv", Big(p.InverseQ));
                pre.Set("CRTValues", ArrayValue.Empty);
                o.Set("Precomputed", pre.Build());
                return o.Build();
            }
            case "EC":
            {
                var o = new ObjectBuilder();
                o.Set("Curve", ObjectValue.Empty);
                o.Set("X", Big(Ec.Q.X));
                o.Set("Y", Big(Ec.Q.Y));
                o.Set("D", Big(Ec.D));
                return o.Build();
            }
            default:
                // ed25519.PrivateKey is seed || public key.
                return GoX509Json.Bytes([.. Ed25519Seed!, .. Ed25519.PublicKey(Ed25519Seed)]);
        }
    }

    /// <summary>The RSA key as a JWK (what jwx produces for OPA's crypto.x509.parse_rsa_private_key).</summary>
    public ObjectValue ToRsaJwk()
    {
        var p = Rsa;
        var o = new ObjectBuilder();
        o.Set("kty", new StringValue("RSA"));
        o.Set("n", Url(p.Modulus));
        o.Set("e", Url(p.Exponent));
        o.Set("d", Url(p.D));
        o.Set("p", Url(p.P));
        o.Set("q", Url(p.Q));
        o.Set("dp", Url(p.DP));
        o.Set("dq", Url(p.DQ));
        o.Set("qi", Url(p.InverseQ));
        return o.Build();
    }

    private static StringValue Url(byte[]? b)
    {
        // Minimal big-endian bytes, as Go's big.Int.Bytes.
        var bytes = b ?? [];
        var i = 0;
        while (i < bytes.Length - 1 && bytes[i] == 0) i++;
        return new StringValue(GoBase64.EncodeUrlNoPad(bytes.AsSpan(i)));
    }

    /// <summary>True when <paramref name="spki"/> (DER SubjectPublicKeyInfo) holds this key's public half.</summary>
    public bool MatchesPublicKey(byte[] spki, out bool typeMatches)
    {
        var (alg, _) = GoX509Json.PublicKey(spki);
        typeMatches = (alg, KeyType) is (1, "RSA") or (3, "EC") or (4, "OKP");
        if (!typeMatches) return false;
        switch (KeyType)
        {
            case "RSA":
            {
                using var rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(spki, out _);
                var pub = rsa.ExportParameters(false);
                return pub.Modulus.AsSpan().SequenceEqual(Rsa.Modulus) && pub.Exponent.AsSpan().SequenceEqual(Rsa.Exponent);
            }
            case "EC":
            {
                using var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(spki, out _);
                var pub = ec.ExportParameters(false);
                return pub.Q.X.AsSpan().SequenceEqual(Ec.Q.X) && pub.Q.Y.AsSpan().SequenceEqual(Ec.Q.Y);
            }
            default:
            {
                var seq = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
                seq.ReadSequence();
                return seq.ReadBitString(out _).AsSpan().SequenceEqual(Ed25519.PublicKey(Ed25519Seed));
            }
        }
    }
}
