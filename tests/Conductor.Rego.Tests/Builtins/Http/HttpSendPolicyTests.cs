using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Builtins.Http;

/// <summary>http.send called from a compiled policy, against a real listener on 127.0.0.1.</summary>
public sealed class HttpSendPolicyTests
{
    private static QueryResult Evaluate(int port, EvaluationOptions options)
    {
        var module = RegoParser.ParseModule("p.rego", $$"""
            package p

            resp := http.send({"method": "GET", "url": "http://127.0.0.1:{{port}}/flags"})

            allow if resp.body.enabled == true
            """);
        var policy = CompiledPolicy.Compile([module]);
        return policy.Prepare("data.p.allow").Evaluate(options);
    }

    [Fact]
    public void A_policy_cannot_reach_a_host_that_is_not_allowed()
    {
        using var listener = new RecordingHttpListener(_ => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{\"enabled\":true}");
        Assert.True(Evaluate(listener.Port, new EvaluationOptions()).IsUndefined);
        var e = Assert.Throws<RegoException>(() => Evaluate(listener.Port, new EvaluationOptions { StrictBuiltinErrors = true }));
        Assert.Equal(RegoErrorCodes.BuiltinError, e.Code);
        Assert.Contains("http.send: host not allowed: 127.0.0.1", e.Message);
        Thread.Sleep(200);
        Assert.Equal(0, listener.Connections);

        var allowed = Evaluate(listener.Port, new EvaluationOptions { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } });
        Assert.Equal(BooleanValue.True, allowed.Rows.Single().Expressions[0]);
        Assert.Equal(1, listener.Connections);
    }
}
