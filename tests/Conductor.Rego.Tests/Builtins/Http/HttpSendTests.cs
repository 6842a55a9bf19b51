using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Http;

public sealed class HttpSendTests
{
    private static string JsonResponse(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\nX-Test: yes\r\nConnection: close\r\n\r\n{body}";

    private static Value Request(string json) => Json(json);

    [Fact]
    public void Without_allowed_hosts_no_connection_is_made()
    {
        using var listener = new RecordingHttpListener(_ => JsonResponse("{}"));
        var request = Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/x\"}}");
        var e = Assert.Throws<BuiltinException>(() => Call(new EvaluationOptions(), "http.send", request));
        Assert.Equal("host not allowed: 127.0.0.1", e.Message);
        Assert.Equal(RegoErrorCodes.BuiltinError, e.Code);
        // raise_error false does not turn the refusal into a response either.
        var quiet = Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/x\",\"raise_error\":false}}");
        Assert.Throws<BuiltinException>(() => Call(new EvaluationOptions(), "http.send", quiet));
        // Another host being allowed does not allow this one.
        var other = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "localhost", "example.com" } };
        Assert.Equal("host not allowed: 127.0.0.1", Assert.Throws<BuiltinException>(() => Call(other, "http.send", request)).Message);
        Thread.Sleep(200);
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public void An_allowed_host_gets_one_request_and_the_response_has_opas_shape()
    {
        using var listener = new RecordingHttpListener(_ => JsonResponse("{\"ok\":true,\"n\":[1,2]}"));
        var options = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };
        var request = Request($"{{\"method\":\"post\",\"url\":\"http://127.0.0.1:{listener.Port}/v1/check?q=1\",\"headers\":{{\"X-Custom\":\"abc\"}},\"body\":{{\"a\":1}}}}");
        var response = (ObjectValue)Call(options, "http.send", request)!;
        Assert.Equal(1, listener.Connections);
        Assert.Equal("200 OK", ((StringValue)response.Get("status")!).Value);
        Assert.Equal(NumberValue.Of(200), response.Get("status_code"));
        Assert.Equal("{\"n\":[1,2],\"ok\":true}", response.Get("body")!.ToJson());
        Assert.Equal("{\"ok\":true,\"n\":[1,2]}", ((StringValue)response.Get("raw_body")!).Value);
        var headers = (ObjectValue)response.Get("headers")!;
        Assert.Equal("[\"yes\"]", headers.Get("x-test")!.ToJson());
        Assert.Equal("[\"application/json\"]", headers.Get("content-type")!.ToJson());

        var received = listener.Requests.Single();
        Assert.StartsWith("POST /v1/check?q=1 HTTP/1.1\r\n", received);
        Assert.Contains("X-Custom: abc\r\n", received);
        Assert.EndsWith("\r\n\r\n{\"a\":1}", received);
    }

    [Fact]
    public void Identical_requests_in_one_query_are_sent_once()
    {
        using var listener = new RecordingHttpListener(_ => JsonResponse("1"));
        var options = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };
        var context = new BuiltinContext(options);
        Assert.True(BuiltinRegistry.Default.TryGet("http.send", out var def));
        Value[] args = [Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/\"}}")];
        var first = def.Function!(context, args);
        var second = def.Function!(context, args);
        Assert.Equal(first, second);
        Assert.Equal(1, listener.Connections);
    }

    [Fact]
    public void Redirects_to_a_host_that_is_not_allowed_are_refused()
    {
        using var listener = new RecordingHttpListener(_ => "HTTP/1.1 302 Found\r\nLocation: http://blocked.invalid/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var options = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };
        var follow = Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/\",\"enable_redirect\":true}}");
        Assert.Equal("host not allowed: blocked.invalid", Assert.Throws<BuiltinException>(() => Call(options, "http.send", follow)).Message);
        var noFollow = Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/\"}}");
        var response = (ObjectValue)Call(options, "http.send", noFollow)!;
        Assert.Equal(NumberValue.Of(302), response.Get("status_code"));
        Assert.Equal(NullValue.Instance, response.Get("body"));
    }

    [Fact]
    public void Network_errors_raise_or_become_an_error_object()
    {
        // A port with nothing listening: bind, note the port, stop.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };
        var url = $"http://127.0.0.1:{port}/";
        Assert.StartsWith($"GET {url}:", Assert.Throws<BuiltinException>(() => Call(options, "http.send", Request($"{{\"method\":\"GET\",\"url\":\"{url}\"}}"))).Message);
        var response = (ObjectValue)Call(options, "http.send", Request($"{{\"method\":\"GET\",\"url\":\"{url}\",\"raise_error\":false}}"))!;
        Assert.Equal(NumberValue.Zero, response.Get("status_code"));
        Assert.Equal("eval_http_send_network_error", ((StringValue)((ObjectValue)response.Get("error")!).Get("code")!).Value);
    }

    [Fact]
    public void Network_failures_are_retried_when_asked()
    {
        var served = 0;
        using var listener = new RecordingHttpListener(_ => Interlocked.Increment(ref served) == 1 ? null : JsonResponse("{\"attempt\":2}"));
        var options = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };
        var response = (ObjectValue)Call(options, "http.send", Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/\",\"max_retry_attempts\":2}}"))!;
        Assert.Equal("{\"attempt\":2}", response.Get("body")!.ToJson());
        Assert.Equal(2, listener.Connections);
    }

    [Fact]
    public void Yaml_bodies_are_decoded()
    {
        const string yaml = "a: 1\nb: [x, y]\n";
        using var listener = new RecordingHttpListener(_ => $"HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\nContent-Length: {yaml.Length}\r\nConnection: close\r\n\r\n{yaml}");
        var options = new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };
        var response = (ObjectValue)Call(options, "http.send", Request($"{{\"method\":\"GET\",\"url\":\"http://127.0.0.1:{listener.Port}/\"}}"))!;
        Assert.Equal("{\"a\":1,\"b\":[\"x\",\"y\"]}", response.Get("body")!.ToJson());
    }

    [Fact]
    public void Request_objects_are_validated_like_opa()
    {
        var options = new EvaluationOptions();
        // As in OPA, a malformed request object is an operand error (eval_type_error), raised whatever raise_error says.
        var invalid = Assert.Throws<BuiltinException>(() => Call(options, "http.send", Request("{\"method\":\"GET\",\"url\":\"http://x/\",\"foo\":1}")));
        Assert.Equal("operand 1 invalid request parameters(s): {\"foo\"}", invalid.Message);
        Assert.Equal(RegoErrorCodes.EvalTypeError, invalid.Code);
        var missing = Assert.Throws<BuiltinException>(() => Call(options, "http.send", Request("{\"url\":\"http://x/\",\"raise_error\":false}")));
        Assert.Equal("operand 1 missing required request parameters(s): {\"method\"}", missing.Message);
        Assert.Equal(RegoErrorCodes.EvalTypeError, missing.Code);
        Assert.Equal("operand 1 must be object but got string", Assert.Throws<BuiltinException>(() => Call(options, "http.send", S("x"))).Message);
    }
}
