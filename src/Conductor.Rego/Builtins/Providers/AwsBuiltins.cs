using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Providers;

/// <summary>OPA's providers.aws.sign_req: AWS Signature Version 4 (header-based, single chunk) over an http.send
/// request object. Pure computation: nothing is sent.</summary>
public sealed class AwsBuiltins : IBuiltinFamily
{
    private static readonly string[] RequiredConfigKeys = ["aws_access_key", "aws_secret_access_key", "aws_service", "aws_region"];

    // Headers that proxies commonly rewrite; OPA leaves them out of the signature.
    private static readonly HashSet<string> IgnoredHeaders = new(StringComparer.Ordinal) { "authorization", "user-agent", "x-amzn-trace-id" };

    public void Register(BuiltinRegistry registry)
    {
        var obj = RegoType.ObjectOf(RegoType.String, RegoType.Any);
        registry.Register("providers.aws.sign_req",
            BuiltinSignature.Of(RegoType.ObjectOf(RegoType.Any, RegoType.Any), obj, obj, RegoType.Number), (_, a) => SignRequest(a));
    }

    private static Value SignRequest(ReadOnlySpan<Value> args)
    {
        var request = BuiltinArgs.Object(args, 0);
        var config = BuiltinArgs.Object(args, 1);
        var missing = RequiredConfigKeys.Where(k => config.Get(k) is null).Select(k => (Value)new StringValue(k)).ToList();
        if (missing.Count > 0) throw BuiltinException.Error($"operand 2 missing required AWS config parameters(s): {new SetValue(missing)}");
        var invalid = RequiredConfigKeys.Where(k => config.Get(k) is not StringValue).Select(k => (Value)new StringValue(k)).ToList();
        if (invalid.Count > 0) throw BuiltinException.Error($"operand 2 invalid values for required AWS config parameters(s): {new SetValue(invalid)}");
        string Config(string key) => ((StringValue)config.Get(key)!).Value;

        var timestamp = BuiltinArgs.Number(args, 2);
        if (!timestamp.TryGetInt64(out var ns)) throw BuiltinException.Error("operand 3 could not convert time_ns value into a unix timestamp");

        var missingRequest = new[] { "method", "url" }.Where(k => request.Get(k) is null).Select(k => (Value)new StringValue(k)).ToList();
        if (missingRequest.Count > 0) throw BuiltinException.Error($"operand 1 missing required request parameters(s): {new SetValue(missingRequest)}");
        var invalidRequest = new[] { "url", "method" }.Where(k => request.Get(k) is not StringValue).Select(k => (Value)new StringValue(k)).ToList();
        if (invalidRequest.Count > 0) throw BuiltinException.Error($"operand 1 invalid values for required request parameters(s): {new SetValue(invalidRequest)}");
        var headers = ObjectValue.Empty;
        if (request.Get("headers") is { } h)
        {
            headers = h as ObjectValue ?? throw BuiltinException.OperandType(1, "object", h);
        }
        var disablePayloadSigning = false;
        if (config.Get("disable_payload_signing") is { } d)
        {
            disablePayloadSigning = d is BooleanValue db ? db.Value : throw BuiltinException.Error("operand 2 invalid value for 'disable_payload_signing' in AWS config");
        }

        // OPA signs the method exactly as given (it does not upper-case it).
        var method = ((StringValue)request.Get("method")!).Value;
        var url = ParseUrl(((StringValue)request.Get("url")!).Value);
        byte[] body = request.Get("raw_body") is StringValue raw
            ? Encoding.UTF8.GetBytes(raw.Value)
            : request.Get("body") is { } b and not NullValue ? Encoding.UTF8.GetBytes(b.ToJson()) : [];
        var service = Config("aws_service");
        var region = Config("aws_region");
        var sessionToken = config.Get("aws_session_token") is StringValue st ? st.Value : "";

        var now = DateTimeOffset.UnixEpoch.AddTicks(ns / 100).UtcDateTime;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stamp = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var contentHash = disablePayloadSigning ? "UNSIGNED-PAYLOAD" : Convert.ToHexStringLower(SHA256.HashData(body));

        var awsHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = url.Host, ["x-amz-date"] = stamp };
        // S3 and Glacier require the content hash header; other services do not.
        if (service is "s3" or "glacier") awsHeaders["x-amz-content-sha256"] = contentHash;
        if (sessionToken.Length > 0) awsHeaders["x-amz-security-token"] = sessionToken;

        var toSign = new SortedDictionary<string, string>(awsHeaders, StringComparer.Ordinal);
        var original = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in headers.Entries)
        {
            var name = k is StringValue ks ? ks.Value : k.ToJson();
            var value = v is StringValue vs ? vs.Value : v.ToJson();
            original.Add(new(name, value));
            var lower = name.ToLowerInvariant();
            if (!IgnoredHeaders.Contains(lower)) toSign[lower] = value;
        }

        var canonical = new StringBuilder();
        canonical.Append(method).Append('\n').Append(url.EscapedPath).Append('\n').Append(url.RawQuery).Append('\n');
        foreach (var (k, v) in toSign) canonical.Append(k).Append(':').Append(v).Append('\n');
        canonical.Append('\n');
        var signedHeaders = string.Join(";", toSign.Keys);
        canonical.Append(signedHeaders).Append('\n').Append(contentHash);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Mac(Encoding.UTF8.GetBytes("AWS4" + Config("aws_secret_access_key")), date);
        key = Mac(key, region);
        key = Mac(key, service);
        key = Mac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Mac(key, stringToSign));
        var authorization = $"AWS4-HMAC-SHA256 Credential={Config("aws_access_key")}/{scope},SignedHeaders={signedHeaders},Signature={signature}";

        var outHeaders = new ObjectBuilder();
        foreach (var (k, v) in original) outHeaders.Set(k, new StringValue(v));
        outHeaders.Set("Authorization", new StringValue(authorization));
        foreach (var (k, v) in awsHeaders) outHeaders.Set(k, new StringValue(v));
        var result = new ObjectBuilder();
        foreach (var (k, v) in request.Entries) result.Set(k, v);
        result.Set("headers", outHeaders.Build());
        return result.Build();
    }

    private static byte[] Mac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private sealed record ParsedUrl(string Host, string EscapedPath, string RawQuery);

    /// <summary>The parts of a URL as Go's url.URL gives them: Host (with port), EscapedPath ("" when absent), RawQuery.</summary>
    private static ParsedUrl ParseUrl(string text)
    {
        var rest = text;
        var hash = rest.IndexOf('#');
        if (hash >= 0) rest = rest[..hash];
        var query = "";
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) throw BuiltinException.Error($"parse \"{text}\": missing scheme and host");
        rest = rest[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/');
        var host = slash >= 0 ? rest[..slash] : rest;
        var at = host.LastIndexOf('@');
        if (at >= 0) host = host[(at + 1)..];
        var path = slash >= 0 ? rest[slash..] : "";
        return new ParsedUrl(host, EscapePath(Uri.UnescapeDataString(path)), query);
    }

    /// <summary>Go's url.PathEscape rules for a path (keeps '/', unreserved characters and sub-delimiters).</summary>
    private static string EscapePath(string path)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/' or '$' or '&' or '+' or ',' or ':' or ';' or '=' or '@' or '!' or '\'' or '(' or ')' or '*')
                sb.Append(c);
            else
                sb.Append('%').Append(((int)b).ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
