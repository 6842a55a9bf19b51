using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Jwt;

public sealed class JwtVerificationTests
{
    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private const string Secret = "s3cr3t-key";

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }

    /// <summary>A token signed by .NET's own crypto, independent of the code under test.</summary>
    private static string SignedToken(string alg, string payloadJson = "{\"sub\":\"alice\",\"n\":1}")
    {
        var input = B64(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}")) + "." + B64(Encoding.UTF8.GetBytes(payloadJson));
        return input + "." + B64(SignInput(alg, input));
    }

    private static byte[] SignInput(string alg, string input)
    {
        var data = Encoding.ASCII.GetBytes(input);
        return alg switch
        {
            "RS256" => Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            "ES256" => Ec.SignData(data, HashAlgorithmName.SHA256),
            "HS256" => HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), data),
            _ => throw new ArgumentException(alg),
        };
    }

    private static string KeyFor(string alg) => alg switch
    {
        "RS256" or "PS256" => Rsa.ExportSubjectPublicKeyInfoPem(),
        "ES256" => Ec.ExportSubjectPublicKeyInfoPem(),
        _ => Secret,
    };

    private static Value? Verify(string alg, string token, string key) => Call("io.jwt.verify_" + alg.ToLowerInvariant(), S(token), S(key));

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("HS256")]
    public void A_token_signed_by_dotnet_verifies(string alg)
    {
        Assert.Equal(BooleanValue.True, Verify(alg, SignedToken(alg), KeyFor(alg)));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("HS256")]
    public void Flipping_any_byte_of_header_payload_or_signature_fails_verification(string alg)
    {
        var token = SignedToken(alg, "{\"a\":1}");
        var key = KeyFor(alg);
        var parts = token.Split('.');
        var checkedPositions = 0;
        for (var part = 0; part < 3; part++)
        {
            var bytes = FromB64(parts[part]);
            for (var i = 0; i < bytes.Length; i++)
            {
                var changed = (byte[])bytes.Clone();
                changed[i] ^= 0x01;
                var copy = (string[])parts.Clone();
                copy[part] = B64(changed);
                var tampered = string.Join('.', copy);
                Assert.Equal(BooleanValue.False, Verify(alg, tampered, key));
                checkedPositions++;
            }
        }
        Assert.True(checkedPositions > 40);
        // And the untouched token still verifies, so the failures above are due to the flips.
        Assert.Equal(BooleanValue.True, Verify(alg, token, key));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("HS256")]
    public void Flipping_any_character_of_the_token_text_never_verifies_with_other_bytes(string alg)
    {
        var token = SignedToken(alg, "{\"a\":1}");
        var key = KeyFor(alg);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.') continue;
            var replacement = token[i] == 'A' ? 'B' : 'A';
            var tampered = token[..i] + replacement + token[(i + 1)..];
            Value? result;
            try
            {
                result = Verify(alg, tampered, key);
            }
            catch (Conductor.Rego.Builtins.BuiltinException)
            {
                continue;
            }
            if (result == BooleanValue.True)
            {
                // Only a change confined to the unused low bits of a segment's last character decodes to the same bytes.
                var original = token.Split('.');
                var changed = tampered.Split('.');
                for (var p = 0; p < 3; p++) Assert.Equal(FromB64(original[p]), FromB64(changed[p]));
            }
        }
    }

    [Fact]
    public void Certificates_and_jwks_are_accepted_as_keys()
    {
        var request = new CertificateRequest("CN=test", Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = cert.ExportCertificatePem();
        Assert.Equal(BooleanValue.True, Verify("RS256", SignedToken("RS256"), pem));
        Assert.Equal(BooleanValue.True, Verify("RS256", SignedToken("RS256"), pem + "\n"));

        var p = Rsa.ExportParameters(false);
        var jwk = $"{{\"kty\":\"RSA\",\"n\":\"{B64(p.Modulus!)}\",\"e\":\"{B64(p.Exponent!)}\"}}";
        Assert.Equal(BooleanValue.True, Verify("RS256", SignedToken("RS256"), jwk));
        Assert.Equal(BooleanValue.True, Verify("RS256", SignedToken("RS256"), $"{{\"keys\":[{jwk}]}}"));

        var ep = Ec.ExportParameters(false);
        var ecJwk = $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{B64(ep.Q.X!)}\",\"y\":\"{B64(ep.Q.Y!)}\"}}";
        Assert.Equal(BooleanValue.True, Verify("ES256", SignedToken("ES256"), ecJwk));
        // A key of another type does not verify, it is not an error.
        Assert.Equal(BooleanValue.False, Verify("ES256", SignedToken("ES256"), jwk));
    }

    [Fact]
    public void Bad_keys_and_tokens_are_errors()
    {
        Assert.Equal("encoded JWT had no period separators", Error("io.jwt.verify_rs256", S("abc"), S("x")).Message);
        Assert.Equal("encoded JWT must have 3 sections, found 2", Error("io.jwt.verify_rs256", S("a.b"), S("x")).Message);
        Assert.StartsWith("failed to parse a JWK key (set)", Error("io.jwt.verify_rs256", S(SignedToken("RS256")), S("not a key")).Message);
        Assert.Equal("extra data after a PEM certificate block",
            Error("io.jwt.verify_rs256", S(SignedToken("RS256")), S(Rsa.ExportSubjectPublicKeyInfoPem() + "\nmore")).Message);
        Assert.Equal("failed to extract a Key from the PEM certificate",
            Error("io.jwt.verify_rs256", S(SignedToken("RS256")), S(Rsa.ExportRSAPrivateKeyPem())).Message);
        Assert.Equal("operand 2 must be string but got number", Error("io.jwt.verify_hs256", S("a.b.c"), NumberValue.Of(1)).Message);
    }

    [Fact]
    public void Decode_returns_header_payload_and_hex_signature()
    {
        var token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        var result = Call("io.jwt.decode", S(token));
        Assert.Equal(
            "[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"iat\":1516239022,\"name\":\"John Doe\",\"sub\":\"1234567890\"},\"49f94ac7044948c78a285d904f87f0a4c7897f7e8f3a4eb2255fda750b2cc397\"]",
            result!.ToJson());
        Assert.Equal(BooleanValue.True, Call("io.jwt.verify_hs256", S(token), S("your-256-bit-secret")));
        Assert.Equal(BooleanValue.False, Call("io.jwt.verify_hs256", S(token), S("wrong")));
    }

    [Fact]
    public void Decode_rejects_jwe_and_non_object_payloads()
    {
        var jwe = B64(Encoding.UTF8.GetBytes("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")) + ".e30.AA";
        Assert.Equal("JWT is a JWE object, which is not supported", Error("io.jwt.decode", S(jwe)).Message);
        var arrayPayload = B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\"}")) + "." + B64(Encoding.UTF8.GetBytes("[1]")) + ".AA";
        Assert.Equal("decoded JSON type was not an Object", Error("io.jwt.decode", S(arrayPayload)).Message);
    }
}
