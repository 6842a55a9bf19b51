using System.Security.Cryptography;
using System.Text;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Jwt;

public sealed class JwtDecodeVerifyTests
{
    private const string Unverified = "[false,{},{}]";

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hs256(string payloadJson, string secret = "secret", string header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
    {
        var input = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes(payloadJson));
        return input + "." + B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input)));
    }

    private static string DecodeVerify(string token, string constraintsJson) =>
        Call("io.jwt.decode_verify", S(token), Json(constraintsJson))!.ToJson();

    [Fact]
    public void Valid_token_returns_header_and_payload()
    {
        var token = Hs256("{\"iss\":\"xxx\",\"exp\":2000,\"nbf\":1000}");
        Assert.Equal("[true,{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"exp\":2000,\"iss\":\"xxx\",\"nbf\":1000}]",
            DecodeVerify(token, "{\"secret\":\"secret\",\"time\":1500000000000}"));
    }

    [Fact]
    public void Time_bounds_are_checked_against_exp_and_nbf()
    {
        var token = Hs256("{\"exp\":2000,\"nbf\":1000}");
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\",\"time\":2000000000000}"));
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\",\"time\":999999999999}"));
        Assert.StartsWith("[true", DecodeVerify(token, "{\"secret\":\"secret\",\"time\":1000000000000}"));
        Assert.StartsWith("[true", DecodeVerify(token, "{\"secret\":\"secret\",\"time\":1999999999999}"));
    }

    [Fact]
    public void Without_a_time_constraint_the_query_clock_is_used()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1500));
        var options = new EvaluationOptions { TimeProvider = clock };
        var token = Hs256("{\"exp\":2000,\"nbf\":1000}");
        Assert.StartsWith("[true", Call(options, "io.jwt.decode_verify", S(token), Json("{\"secret\":\"secret\"}"))!.ToJson());
        var late = new EvaluationOptions { TimeProvider = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(2500)) };
        Assert.Equal(Unverified, Call(late, "io.jwt.decode_verify", S(token), Json("{\"secret\":\"secret\"}"))!.ToJson());
    }

    [Fact]
    public void Issuer_audience_and_algorithm_constraints()
    {
        var token = Hs256("{\"iss\":\"xxx\",\"aud\":[\"a\",\"b\"]}");
        Assert.StartsWith("[true", DecodeVerify(token, "{\"secret\":\"secret\",\"iss\":\"xxx\",\"aud\":\"b\",\"alg\":\"HS256\"}"));
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\",\"iss\":\"yyy\",\"aud\":\"b\"}"));
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\",\"aud\":\"c\"}"));
        // A token with an audience needs an audience constraint.
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\"}"));
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\",\"aud\":\"a\",\"alg\":\"RS256\"}"));
        // A required issuer must be present.
        Assert.Equal(Unverified, DecodeVerify(Hs256("{}"), "{\"secret\":\"secret\",\"iss\":\"xxx\"}"));
        // And a required audience too.
        Assert.Equal(Unverified, DecodeVerify(Hs256("{}"), "{\"secret\":\"secret\",\"aud\":\"a\"}"));
        Assert.Equal(Unverified, DecodeVerify(Hs256("{}", "other"), "{\"secret\":\"secret\"}"));
    }

    [Fact]
    public void Critical_header_parameters_must_be_understood()
    {
        var token = Hs256("{}", header: "{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}");
        Assert.Equal(Unverified, DecodeVerify(token, "{\"secret\":\"secret\"}"));
    }

    [Fact]
    public void Jwks_keys_are_chosen_by_kid_and_alg()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var jwk = $"{{\"kty\":\"RSA\",\"kid\":\"k2\",\"alg\":\"RS256\",\"n\":\"{B64(p.Modulus!)}\",\"e\":\"{B64(p.Exponent!)}\"}}";
        using var other = RSA.Create(2048);
        var op = other.ExportParameters(false);
        var otherJwk = $"{{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"{B64(op.Modulus!)}\",\"e\":\"{B64(op.Exponent!)}\"}}";
        var jwks = $"{{\"keys\":[{otherJwk},{jwk}]}}";
        string Token(string header)
        {
            var input = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes("{\"sub\":\"x\"}"));
            return input + "." + B64(rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
        var constraints = (ObjectValue)ObjectValue.FromPairs([new KeyValuePair<string, Value>("cert", S(jwks))]);
        Assert.StartsWith("[true", Call("io.jwt.decode_verify", S(Token("{\"alg\":\"RS256\"}")), constraints)!.ToJson());
        Assert.StartsWith("[true", Call("io.jwt.decode_verify", S(Token("{\"alg\":\"RS256\",\"kid\":\"k2\"}")), constraints)!.ToJson());
        // The kid names the other key, so only that key is tried.
        Assert.Equal(Unverified, Call("io.jwt.decode_verify", S(Token("{\"alg\":\"RS256\",\"kid\":\"k1\"}")), constraints)!.ToJson());
    }

    [Fact]
    public void Constraint_errors_use_opa_messages()
    {
        var token = Hs256("{}");
        Assert.Equal("unknown token validation constraint: foo", Error("io.jwt.decode_verify", S(token), Json("{\"secret\":\"s\",\"foo\":1}")).Message);
        Assert.Equal("no key constraint", Error("io.jwt.decode_verify", S(token), Json("{}")).Message);
        Assert.Equal("duplicate key constraints",
            Error("io.jwt.decode_verify", S(token), Json("{\"secret\":\"s\",\"cert\":\"{\\\"kty\\\":\\\"oct\\\",\\\"k\\\":\\\"AA\\\"}\"}")).Message);
        Assert.Equal("token time constraint: must be a number", Error("io.jwt.decode_verify", S(token), Json("{\"secret\":\"s\",\"time\":\"now\"}")).Message);
        Assert.Equal("iss constraint: must be a string", Error("io.jwt.decode_verify", S(token), Json("{\"secret\":\"s\",\"iss\":1}")).Message);
        Assert.Equal("unknown JWS algorithm: XX256",
            Error("io.jwt.decode_verify", S(Hs256("{}", header: "{\"alg\":\"XX256\"}")), Json("{\"secret\":\"s\"}")).Message);
        Assert.Equal("operand 2 must be object but got string", Error("io.jwt.decode_verify", S(token), S("x")).Message);
    }

    [Fact]
    public void Nested_tokens_are_verified_to_the_innermost_payload()
    {
        var inner = Hs256("{\"sub\":\"inner\"}");
        var outerInput = B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"cty\":\"JWT\"}")) + "." + B64(Encoding.UTF8.GetBytes(inner));
        var outer = outerInput + "." + B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.ASCII.GetBytes(outerInput)));
        Assert.Equal("[true,{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"sub\":\"inner\"}]", DecodeVerify(outer, "{\"secret\":\"secret\"}"));
        Assert.Equal("[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"sub\":\"inner\"}," + "\"" + Convert.ToHexStringLower(Convert.FromBase64String(PadB64(inner.Split('.')[2]))) + "\"]",
            Call("io.jwt.decode", S(outer))!.ToJson());
    }

    private static string PadB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
