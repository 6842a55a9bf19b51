using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Builtins.Jwt;

/// <summary>Calls builtins from <see cref="BuiltinRegistry.Default"/> the way the evaluator does.</summary>
public static class BuiltinCaller
{
    public static Value? Call(string name, params Value[] args) => Call(new EvaluationOptions(), name, args);

    public static Value? Call(EvaluationOptions options, string name, params Value[] args)
    {
        Assert.True(BuiltinRegistry.Default.TryGet(name, out var def), $"{name} is not registered");
        Assert.Equal(def.Arity, args.Length);
        return def.Function!(new BuiltinContext(options), args);
    }

    public static BuiltinException Error(string name, params Value[] args) =>
        Assert.Throws<BuiltinException>(() => Call(name, args));

    public static Value Json(string json) => JsonValueReader.Parse(json);

    public static StringValue S(string s) => new(s);
}
