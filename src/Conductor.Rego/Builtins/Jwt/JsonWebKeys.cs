using System.Security.Cryptography;
using Conductor.Rego.Builtins.Crypto;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Jwt;

/// <summary>Reads JSON Web Keys (RFC 7517) — a single key or a {"keys": [...]} set — into <see cref="JwtKey"/>s.</summary>
internal static class JsonWebKeys
{
    public static List<JwtKey> ParseSet(string json, string errorPrefix)
    {
        Value parsed;
        try
        {
            parsed = JsonValueReader.Parse(json);
        }
        catch (RegoException e)
        {
            throw BuiltinException.Error($"{errorPrefix}: {e.Message}");
        }
        if (parsed is not ObjectValue obj) throw BuiltinException.Error($"{errorPrefix}: JWK must be a JSON object");
        if (obj.Get("keys") is { } keys)
        {
            if (keys is not ArrayValue array) throw BuiltinException.Error($"{errorPrefix}: \"keys\" must be an array");
            var list = new List<JwtKey>();
            foreach (var k in array.Items)
            {
                if (k is not ObjectValue ko) throw BuiltinException.Error($"{errorPrefix}: each key must be a JSON object");
                list.Add(Parse(ko, errorPrefix));
            }
            return list;
        }
        return [Parse(obj, errorPrefix)];
    }

    public static JwtKey Parse(ObjectValue jwk, string errorPrefix)
    {
        try
        {
            return ParseKey(jwk);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            throw BuiltinException.Error($"{errorPrefix}: {e.Message}");
        }
    }

    private static JwtKey ParseKey(ObjectValue jwk)
    {
        var kty = Text(jwk, "kty") ?? throw new CryptographicException("missing \"kty\"");
        var kid = Text(jwk, "kid");
        var alg = Text(jwk, "alg");
        switch (kty)
        {
            case "RSA":
            {
                var n = Required(jwk, "n");
                var e = Required(jwk, "e");
                var p = new RSAParameters { Modulus = TrimLeadingZeros(n), Exponent = TrimLeadingZeros(e) };
                var isPrivate = jwk.Get("d") is not null;
                if (isPrivate)
                {
                    var size = p.Modulus.Length;
                    var half = (size + 1) / 2;
                    p.D = Pad(Required(jwk, "d"), size);
                    p.P = Pad(Required(jwk, "p"), half);
                    p.Q = Pad(Required(jwk, "q"), half);
                    p.DP = Pad(Required(jwk, "dp"), half);
                    p.DQ = Pad(Required(jwk, "dq"), half);
                    p.InverseQ = Pad(Required(jwk, "qi"), half);
                }
                var rsa = RSA.Create();
                rsa.ImportParameters(p);
                return new JwtKey { KeyType = kty, Rsa = rsa, Kid = kid, Alg = alg, IsPrivate = isPrivate };
            }
            case "EC":
            {
                var crv = Text(jwk, "crv") ?? throw new CryptographicException("missing \"crv\"");
                var (curve, size) = crv switch
                {
                    "P-256" => (ECCurve.NamedCurves.nistP256, 32),
                    "P-384" => (ECCurve.NamedCurves.nistP384, 48),
                    "P-521" => (ECCurve.NamedCurves.nistP521, 66),
                    _ => throw new CryptographicException($"unsupported curve {crv}"),
                };
                var p = new ECParameters
                {
                    Curve = curve,
                    Q = new ECPoint { X = Pad(Required(jwk, "x"), size), Y = Pad(Required(jwk, "y"), size) },
                };
                var isPrivate = jwk.Get("d") is not null;
                if (isPrivate) p.D = Pad(Required(jwk, "d"), size);
                var ec = ECDsa.Create();
                ec.ImportParameters(p);
                return new JwtKey { KeyType = kty, Ec = ec, Kid = kid, Alg = alg, IsPrivate = isPrivate };
            }
            case "oct":
                return new JwtKey { KeyType = kty, Secret = Required(jwk, "k"), Kid = kid, Alg = alg, IsPrivate = true };
            case "OKP":
            {
                var crv = Text(jwk, "crv");
                if (crv != "Ed25519") throw new CryptographicException($"unsupported curve {crv}");
                var x = Required(jwk, "x");
                if (x.Length != 32) throw new CryptographicException("invalid Ed25519 public key");
                var d = jwk.Get("d") is null ? null : Required(jwk, "d");
                return new JwtKey { KeyType = kty, Ed25519Public = x, Ed25519Seed = d, Kid = kid, Alg = alg, IsPrivate = d is not null };
            }
            default:
                throw new CryptographicException($"unsupported key type {kty}");
        }
    }

    private static string? Text(ObjectValue o, string name) => o.Get(name) is StringValue s ? s.Value : null;

    private static byte[] Required(ObjectValue o, string name)
    {
        var text = Text(o, name) ?? throw new CryptographicException($"missing \"{name}\"");
        try
        {
            return GoBase64.DecodeUrlLenient(text.TrimEnd('='));
        }
        catch (BuiltinException e)
        {
            throw new CryptographicException($"invalid \"{name}\": {e.Message}");
        }
    }

    private static byte[] TrimLeadingZeros(byte[] b)
    {
        var i = 0;
        while (i < b.Length - 1 && b[i] == 0) i++;
        return i == 0 ? b : b[i..];
    }

    private static byte[] Pad(byte[] b, int size)
    {
        b = TrimLeadingZeros(b);
        if (b.Length > size) throw new CryptographicException("key parameter too long");
        if (b.Length == size) return b;
        var r = new byte[size];
        b.CopyTo(r, size - b.Length);
        return r;
    }
}
