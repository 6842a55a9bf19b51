using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Providers;

public sealed class AwsSignRequestTests
{
    private const long Aug30Of2015At1236 = 1440938160L * 1_000_000_000;

    private static Value Config(string service, string extra = "") => Json(
        $"{{\"aws_access_key\":\"AKIDEXAMPLE\",\"aws_secret_access_key\":\"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\",\"aws_service\":\"{service}\",\"aws_region\":\"us-east-1\"{extra}}}");

    [Fact]
    public void Matches_the_aws_sigv4_test_suite_get_vanilla_case()
    {
        var signed = (ObjectValue)Call("providers.aws.sign_req", Json("{\"method\":\"GET\",\"url\":\"https://example.amazonaws.com/\"}"), Config("service"), NumberValue.Of(Aug30Of2015At1236))!;
        Assert.Equal(
            "{\"Authorization\":\"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31\",\"host\":\"example.amazonaws.com\",\"x-amz-date\":\"20150830T123600Z\"}",
            signed.Get("headers")!.ToJson());
        Assert.Equal("\"GET\"", signed.Get("method")!.ToJson());
        Assert.Equal("\"https://example.amazonaws.com/\"", signed.Get("url")!.ToJson());
    }

    [Fact]
    public void The_method_is_signed_exactly_as_written()
    {
        // OPA does not upper-case the method: "get" and "GET" give different canonical requests, hence signatures.
        string Authorization(string method) => ((StringValue)((ObjectValue)((ObjectValue)Call("providers.aws.sign_req",
            Json($"{{\"method\":\"{method}\",\"url\":\"https://example.amazonaws.com/\"}}"), Config("service"),
            NumberValue.Of(Aug30Of2015At1236))!).Get("headers")!).Get("Authorization")!).Value;
        Assert.EndsWith("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", Authorization("GET"));
        // Computed independently (Python hashlib/hmac) over the canonical request that starts with "get".
        Assert.EndsWith("Signature=2a51d0e0fe042a515d29cfe655c96402a0973c99fcf84661d5af058f5ae746ab", Authorization("get"));
    }

    [Fact]
    public void S3_requests_carry_the_payload_hash_and_session_token()
    {
        var signed = (ObjectValue)Call("providers.aws.sign_req",
            Json("{\"method\":\"PUT\",\"url\":\"https://bucket.s3.amazonaws.com/key\",\"raw_body\":\"hello\",\"headers\":{\"User-Agent\":\"x\",\"X-Custom\":\"v\"}}"),
            Config("s3", ",\"aws_session_token\":\"TOKEN\""), NumberValue.Of(Aug30Of2015At1236))!;
        var headers = (ObjectValue)signed.Get("headers")!;
        Assert.Equal("\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"", headers.Get("x-amz-content-sha256")!.ToJson());
        Assert.Equal("\"TOKEN\"", headers.Get("x-amz-security-token")!.ToJson());
        Assert.Equal("\"x\"", headers.Get("User-Agent")!.ToJson());
        var auth = ((StringValue)headers.Get("Authorization")!).Value;
        // User-Agent is not signed; the custom header is.
        Assert.Contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-custom,", auth);

        var unsigned = (ObjectValue)Call("providers.aws.sign_req",
            Json("{\"method\":\"PUT\",\"url\":\"https://bucket.s3.amazonaws.com/key\",\"raw_body\":\"hello\"}"),
            Config("s3", ",\"disable_payload_signing\":true"), NumberValue.Of(Aug30Of2015At1236))!;
        Assert.Equal("\"UNSIGNED-PAYLOAD\"", ((ObjectValue)unsigned.Get("headers")!).Get("x-amz-content-sha256")!.ToJson());
    }

    [Fact]
    public void Missing_parameters_are_reported()
    {
        Assert.Equal("operand 2 missing required AWS config parameters(s): {\"aws_region\", \"aws_service\"}",
            Error("providers.aws.sign_req", Json("{\"method\":\"GET\",\"url\":\"https://x/\"}"),
                Json("{\"aws_access_key\":\"a\",\"aws_secret_access_key\":\"b\"}"), NumberValue.Of(0)).Message);
        Assert.Equal("operand 1 missing required request parameters(s): {\"url\"}",
            Error("providers.aws.sign_req", Json("{\"method\":\"GET\"}"), Config("s3"), NumberValue.Of(0)).Message);
    }
}
