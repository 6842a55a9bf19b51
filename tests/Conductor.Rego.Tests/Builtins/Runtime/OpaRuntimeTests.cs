using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Runtime;

public sealed class OpaRuntimeTests
{
    [Fact]
    public void Returns_the_hosts_runtime_object()
    {
        var runtime = Json("{\"env\":{\"HOME\":\"/x\"},\"version\":\"1.2.3\"}");
        Assert.Equal(runtime, Call(new EvaluationOptions { Runtime = runtime }, "opa.runtime"));
    }

    [Fact]
    public void Without_one_it_has_an_empty_env_and_a_version()
    {
        var runtime = (ObjectValue)Call("opa.runtime")!;
        Assert.Equal(ObjectValue.Empty, runtime.Get("env"));
        Assert.IsType<StringValue>(runtime.Get("version"));
    }
}
