using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Builtins.Core;

/// <summary>Calls builtins of <see cref="BuiltinRegistry.Default"/> the way the evaluator does.</summary>
internal static class BuiltinCall
{
    public static BuiltinDefinition Definition(string name)
    {
        Assert.True(BuiltinRegistry.Default.TryGet(name, out var def), $"builtin {name} is not registered");
        return def;
    }

    public static Value? Call(string name, params Value[] args)
    {
        var def = Definition(name);
        Assert.Equal(def.Arity, args.Length);
        return def.Function!(new BuiltinContext(new EvaluationOptions()), args);
    }

    /// <summary>The result in Rego syntax (sets as {…}), or "undefined".</summary>
    public static string Show(string name, params Value[] args) => Call(name, args)?.ToString() ?? "undefined";

    public static BuiltinException Error(string name, params Value[] args) =>
        Assert.Throws<BuiltinException>(() => Call(name, args));

    /// <summary>A value from JSON text.</summary>
    public static Value J(string json) => JsonValueReader.Parse(json);

    public static Value N(long n) => NumberValue.Of(n);

    public static Value Num(string text) => NumberValue.Parse(text)!;

    public static Value S(string s) => new StringValue(s);

    public static SetValue Set(params Value[] items) => new(items);

    public static ArrayValue Arr(params Value[] items) => new(items);
}
