using System.Security.Cryptography;
using System.Text;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Jwt;

public sealed class JwtEncodeSignTests
{
    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Hs256_token_matches_opa_bytes()
    {
        // OPA signs the compact JSON of the header and payload, keys sorted.
        var token = ((StringValue)Call("io.jwt.encode_sign", Json("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"), Json("{\"sub\":\"alice\",\"n\":1}"),
            Json("{\"kty\":\"oct\",\"k\":\"" + B64(Encoding.UTF8.GetBytes("secret")) + "\"}"))!).Value;
        var input = B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + B64(Encoding.UTF8.GetBytes("{\"n\":1,\"sub\":\"alice\"}"));
        Assert.Equal(input + "." + B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.ASCII.GetBytes(input))), token);
        Assert.Equal("[true,{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"n\":1,\"sub\":\"alice\"}]",
            Call("io.jwt.decode_verify", S(token), Json("{\"secret\":\"secret\"}"))!.ToJson());
    }

    [Fact]
    public void Rsa_ec_and_ed25519_jwks_sign_tokens_that_verify()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var rsaJwk = $"{{\"kty\":\"RSA\",\"n\":\"{B64(p.Modulus!)}\",\"e\":\"{B64(p.Exponent!)}\",\"d\":\"{B64(p.D!)}\",\"p\":\"{B64(p.P!)}\",\"q\":\"{B64(p.Q!)}\",\"dp\":\"{B64(p.DP!)}\",\"dq\":\"{B64(p.DQ!)}\",\"qi\":\"{B64(p.InverseQ!)}\"}}";
        foreach (var alg in new[] { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" })
        {
            var token = ((StringValue)Call("io.jwt.encode_sign_raw", S($"{{\"alg\":\"{alg}\"}}"), S("{\"a\":1}"), S(rsaJwk))!).Value;
            // Checked with .NET's verifier, independently of ours.
            var parts = token.Split('.');
            var padding = alg.StartsWith('P') ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            var hash = new HashAlgorithmName("SHA" + alg[2..]);
            Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromB64(parts[2]), hash, padding), alg);
            Assert.Equal(BooleanValue.True, Call("io.jwt.verify_" + alg.ToLowerInvariant(), S(token), S(rsa.ExportSubjectPublicKeyInfoPem())));
        }

        foreach (var (alg, curve, crv) in new[] { ("ES256", ECCurve.NamedCurves.nistP256, "P-256"), ("ES384", ECCurve.NamedCurves.nistP384, "P-384"), ("ES512", ECCurve.NamedCurves.nistP521, "P-521") })
        {
            using var ec = ECDsa.Create(curve);
            var ep = ec.ExportParameters(true);
            var ecJwk = $"{{\"kty\":\"EC\",\"crv\":\"{crv}\",\"x\":\"{B64(ep.Q.X!)}\",\"y\":\"{B64(ep.Q.Y!)}\",\"d\":\"{B64(ep.D!)}\"}}";
            var token = ((StringValue)Call("io.jwt.encode_sign_raw", S($"{{\"alg\":\"{alg}\"}}"), S("{\"a\":1}"), S(ecJwk))!).Value;
            var parts = token.Split('.');
            Assert.True(ec.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromB64(parts[2]), new HashAlgorithmName("SHA" + alg[2..])), alg);
            Assert.Equal(BooleanValue.True, Call("io.jwt.verify_" + alg.ToLowerInvariant(), S(token), S(ec.ExportSubjectPublicKeyInfoPem())));
        }
    }

    [Fact]
    public void EdDsa_matches_the_rfc_8032_test_vector()
    {
        // RFC 8032 section 7.1, TEST 1: the empty message.
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var pub = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var expected = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
        var jwk = $"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{B64(pub)}\",\"d\":\"{B64(seed)}\"}}";
        var token = ((StringValue)Call("io.jwt.encode_sign_raw", S("{\"alg\":\"EdDSA\"}"), S("{}"), S(jwk))!).Value;
        Assert.Equal(BooleanValue.True, Call("io.jwt.verify_eddsa", S(token), S($"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{B64(pub)}\"}}")));
        Assert.Equal(BooleanValue.True, Call("io.jwt.decode_verify", S(token), Json($"{{\"cert\":{JsonString($"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{B64(pub)}\"}}")}}}"))!.ToJson() is var r && r.StartsWith("[true") ? BooleanValue.True : BooleanValue.False);

        // The primitive itself reproduces the RFC's signature and public key.
        Assert.Equal(expected, Convert.ToHexStringLower(Conductor.Rego.Builtins.Crypto.Ed25519.Sign(seed, [])));
        Assert.Equal(pub, Conductor.Rego.Builtins.Crypto.Ed25519.PublicKey(seed));
        Assert.True(Conductor.Rego.Builtins.Crypto.Ed25519.Verify(pub, [], Convert.FromHexString(expected)));
        Assert.False(Conductor.Rego.Builtins.Crypto.Ed25519.Verify(pub, [1], Convert.FromHexString(expected)));
        var tamperedPub = (byte[])pub.Clone();
        tamperedPub[0] ^= 1;
        Assert.Equal(BooleanValue.False, Call("io.jwt.verify_eddsa", S(token), S($"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{B64(tamperedPub)}\"}}")));
    }

    [Fact]
    public void Signing_errors()
    {
        var oct = Json("{\"kty\":\"oct\",\"k\":\"AAAA\"}");
        Assert.Equal("unsupported signature algorithm: none", Error("io.jwt.encode_sign", Json("{\"alg\":\"none\"}"), Json("{}"), oct).Message);
        Assert.Equal("type is JWT but payload is not JSON", Error("io.jwt.encode_sign_raw", S("{\"alg\":\"HS256\"}"), S("not json"), S("{\"kty\":\"oct\",\"k\":\"AAAA\"}")).Message);
        Assert.StartsWith("failed to sign payload", Error("io.jwt.encode_sign", Json("{\"alg\":\"RS256\"}"), Json("{}"), oct).Message);
        // A payload that is not JSON is fine when the type says so.
        Assert.NotNull(Call("io.jwt.encode_sign_raw", S("{\"alg\":\"HS256\",\"typ\":\"text\"}"), S("plain"), S("{\"kty\":\"oct\",\"k\":\"AAAA\"}")));
    }

    [Fact]
    public void Raw_signing_reports_unusable_headers_as_opa_does()
    {
        var key = S("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");
        var claims = S("{\"sub\":\"me\"}");
        Assert.Equal("missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string",
            Error("io.jwt.encode_sign_raw", S("  "), claims, key).Message);
        Assert.Equal("missing or invalid 'alg' header: cannot parse JSON: invalid character 'x' looking for beginning of value",
            Error("io.jwt.encode_sign_raw", S("xyz"), claims, key).Message);
        Assert.StartsWith("missing or invalid 'alg' header: cannot parse JSON: invalid character",
            Error("io.jwt.encode_sign_raw", S("{\"alg\" \"HS256\"}"), claims, key).Message);
        Assert.Equal("missing or invalid 'alg' header: unsupported signature algorithm",
            Error("io.jwt.encode_sign_raw", S("{\"typ\":\"JWT\"}"), claims, key).Message);
        Assert.Equal("unknown JWS algorithm: HS999", Error("io.jwt.encode_sign_raw", S("{\"alg\":\"HS999\"}"), claims, key).Message);
        Assert.Equal("unknown JWS algorithm: HS999", Error("io.jwt.encode_sign", Json("{\"alg\":\"HS999\"}"), Json("{}"), Json("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}")).Message);
    }

    private static string JsonString(string s) => new StringValue(s).ToJson();

    private static byte[] FromB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
