using System.Numerics;
using System.Security.Cryptography;
using Conductor.Rego.Builtins.Crypto;

namespace Conductor.Rego.Builtins.Jwt;

/// <summary>A JWS "alg" (RFC 7518): how to sign and verify with it. Verification follows Go's crypto as OPA uses it
/// (ECDSA signatures split in halves, RSA-PSS with the salt length detected).</summary>
internal sealed class JwsAlgorithm
{
    private enum Family { Hmac, RsaPkcs1, RsaPss, Ecdsa, EdDsa }

    private readonly Family _family;

    private JwsAlgorithm(string name, Family family, HashAlgorithmName hash)
    {
        Name = name;
        _family = family;
        Hash = hash;
    }

    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    private static readonly Dictionary<string, JwsAlgorithm> All = new(StringComparer.Ordinal)
    {
        ["HS256"] = new("HS256", Family.Hmac, HashAlgorithmName.SHA256),
        ["HS384"] = new("HS384", Family.Hmac, HashAlgorithmName.SHA384),
        ["HS512"] = new("HS512", Family.Hmac, HashAlgorithmName.SHA512),
        ["RS256"] = new("RS256", Family.RsaPkcs1, HashAlgorithmName.SHA256),
        ["RS384"] = new("RS384", Family.RsaPkcs1, HashAlgorithmName.SHA384),
        ["RS512"] = new("RS512", Family.RsaPkcs1, HashAlgorithmName.SHA512),
        ["PS256"] = new("PS256", Family.RsaPss, HashAlgorithmName.SHA256),
        ["PS384"] = new("PS384", Family.RsaPss, HashAlgorithmName.SHA384),
        ["PS512"] = new("PS512", Family.RsaPss, HashAlgorithmName.SHA512),
        ["ES256"] = new("ES256", Family.Ecdsa, HashAlgorithmName.SHA256),
        ["ES384"] = new("ES384", Family.Ecdsa, HashAlgorithmName.SHA384),
        ["ES512"] = new("ES512", Family.Ecdsa, HashAlgorithmName.SHA512),
        ["EdDSA"] = new("EdDSA", Family.EdDsa, HashAlgorithmName.SHA512),
    };

    public static JwsAlgorithm? Find(string name) => All.GetValueOrDefault(name);

    public static JwsAlgorithm Get(string name) => Find(name) ?? throw BuiltinException.Error($"unknown JWS algorithm: {name}");

    /// <summary>The key type (kty) this algorithm needs.</summary>
    public string KeyType => _family switch
    {
        Family.Hmac => "oct",
        Family.RsaPkcs1 or Family.RsaPss => "RSA",
        Family.Ecdsa => "EC",
        _ => "OKP",
    };

    /// <summary>True when the signature verifies; false for a wrong signature or a key of the wrong type.</summary>
    public bool Verify(JwtKey key, byte[] signingInput, byte[] signature)
    {
        lock (key.Sync)
        {
            return VerifyUnlocked(key, signingInput, signature);
        }
    }

    private bool VerifyUnlocked(JwtKey key, byte[] signingInput, byte[] signature)
    {
        switch (_family)
        {
            case Family.Hmac:
                if (key.Secret is null) return false;
                return CryptographicOperations.FixedTimeEquals(Mac(key.Secret, signingInput), signature);
            case Family.RsaPkcs1:
                if (key.Rsa is null) return false;
                try
                {
                    return key.Rsa.VerifyData(signingInput, signature, Hash, RSASignaturePadding.Pkcs1);
                }
                catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
                {
                    return false;
                }
            case Family.RsaPss:
                if (key.Rsa is null) return false;
                // The platform verifier covers the usual salt length (the hash length); other lengths take the general path.
                try
                {
                    if (key.Rsa.VerifyData(signingInput, signature, Hash, RSASignaturePadding.Pss)) return true;
                }
                catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
                {
                }
                return VerifyPss(key.RsaPublic, HashData(signingInput), signature);
            case Family.Ecdsa:
                return key.Ec is not null && VerifyEcdsa(key.Ec, signingInput, signature);
            default:
                return key.Ed25519Public is not null && Ed25519.Verify(key.Ed25519Public, signingInput, signature);
        }
    }

    public byte[] Sign(JwtKey key, byte[] signingInput)
    {
        switch (_family)
        {
            case Family.Hmac:
                return Mac(key.Secret ?? throw WrongKey(key), signingInput);
            case Family.RsaPkcs1:
            case Family.RsaPss:
                if (key.Rsa is null || !key.IsPrivate) throw WrongKey(key);
                return key.Rsa.SignData(signingInput, Hash, _family == Family.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
            case Family.Ecdsa:
                if (key.Ec is null || !key.IsPrivate) throw WrongKey(key);
                return key.Ec.SignData(signingInput, Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            default:
                if (key.Ed25519Seed is null) throw WrongKey(key);
                return Ed25519.Sign(key.Ed25519Seed, signingInput);
        }
    }

    private BuiltinException WrongKey(JwtKey key) =>
        BuiltinException.Error($"failed to sign payload: {Name} needs a private {KeyType} key, got {(key.IsPrivate ? "private" : "public")} {key.KeyType} key");

    private byte[] Mac(byte[] secret, byte[] data) => Hash.Name switch
    {
        "SHA256" => HMACSHA256.HashData(secret, data),
        "SHA384" => HMACSHA384.HashData(secret, data),
        _ => HMACSHA512.HashData(secret, data),
    };

    private byte[] HashData(byte[] data) => Hash.Name switch
    {
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    private bool VerifyEcdsa(ECDsa ec, byte[] data, byte[] signature)
    {
        // Go splits the signature into two halves and reads r and s as big-endian integers of any length.
        var fieldBytes = (ec.KeySize + 7) / 8;
        if (signature.Length == 0 || signature.Length % 2 != 0) return false;
        var half = signature.Length / 2;
        var r = Trim(signature.AsSpan(0, half));
        var s = Trim(signature.AsSpan(half));
        if (r.Length > fieldBytes || s.Length > fieldBytes) return false;
        var fixedSig = new byte[2 * fieldBytes];
        r.CopyTo(fixedSig.AsSpan(fieldBytes - r.Length));
        s.CopyTo(fixedSig.AsSpan(2 * fieldBytes - s.Length));
        try
        {
            return ec.VerifyData(data, fixedSig, Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> b)
    {
        var i = 0;
        while (i < b.Length && b[i] == 0) i++;
        return b[i..];
    }

    /// <summary>RSASSA-PSS verification (RFC 8017 9.1.2) with MGF1 on the same hash and any salt length,
    /// as Go's rsa.VerifyPSS with nil options.</summary>
    private bool VerifyPss((BigInteger N, BigInteger E, int Length) publicKey, byte[] mHash, byte[] signature)
    {
        var (n, e, k) = publicKey;
        if (signature.Length != k) return false;
        var sInt = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (sInt >= n) return false;
        var m = BigInteger.ModPow(sInt, e, n);
        var modBits = (int)n.GetBitLength();
        var emBits = modBits - 1;
        var emLen = (emBits + 7) / 8;
        var mBytes = m.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (mBytes.Length > emLen) return false;
        var em = new byte[emLen];
        mBytes.CopyTo(em, emLen - mBytes.Length);
        var hLen = mHash.Length;
        if (emLen < hLen + 2 || em[^1] != 0xbc) return false;
        var dbLen = emLen - hLen - 1;
        var maskedDb = em.AsSpan(0, dbLen);
        var h = em.AsSpan(dbLen, hLen);
        var unusedBits = 8 * emLen - emBits;
        if (unusedBits > 0 && (maskedDb[0] & (0xff << (8 - unusedBits))) != 0) return false;
        var dbMask = Mgf1(h.ToArray(), dbLen);
        var db = new byte[dbLen];
        for (var i = 0; i < dbLen; i++) db[i] = (byte)(maskedDb[i] ^ dbMask[i]);
        if (unusedBits > 0) db[0] &= (byte)(0xff >> unusedBits);
        var idx = 0;
        while (idx < dbLen && db[idx] == 0) idx++;
        if (idx == dbLen || db[idx] != 0x01) return false;
        var salt = db.AsSpan(idx + 1);
        var mPrime = new byte[8 + hLen + salt.Length];
        mHash.CopyTo(mPrime, 8);
        salt.CopyTo(mPrime.AsSpan(8 + hLen));
        return HashData(mPrime).AsSpan().SequenceEqual(h);
    }

    private byte[] Mgf1(byte[] seed, int length)
    {
        var output = new byte[length];
        var counter = new byte[4];
        var done = 0;
        for (uint c = 0; done < length; c++)
        {
            counter[0] = (byte)(c >> 24);
            counter[1] = (byte)(c >> 16);
            counter[2] = (byte)(c >> 8);
            counter[3] = (byte)c;
            var block = HashData([.. seed, .. counter]);
            var take = Math.Min(block.Length, length - done);
            block.AsSpan(0, take).CopyTo(output.AsSpan(done));
            done += take;
        }
        return output;
    }
}
