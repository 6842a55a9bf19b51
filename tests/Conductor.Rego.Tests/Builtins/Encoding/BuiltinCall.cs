using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Builtins.Encodings;

/// <summary>Calls a builtin from the default registry the way the evaluator does.</summary>
internal static class BuiltinCall
{
    public static Value? Invoke(string name, params Value[] args)
    {
        Assert.True(BuiltinRegistry.Default.TryGet(name, out var def), $"builtin {name} is not registered");
        Assert.Equal(def.Arity, args.Length);
        return def.Function!(new BuiltinContext(new EvaluationOptions()), args);
    }

    /// <summary>Calls with operands given as JSON texts and returns the result's JSON.</summary>
    public static string Json(string name, params string[] jsonArgs) =>
        Invoke(name, jsonArgs.Select(a => JsonValueReader.Parse(a)).ToArray())!.ToJson();

    public static Value S(string s) => new StringValue(s);

    public static Value J(string json) => JsonValueReader.Parse(json);

    /// <summary>The builtin's error, checked for code.</summary>
    public static string Error(string name, string code, params Value[] args)
    {
        var e = Assert.Throws<BuiltinException>(() => Invoke(name, args));
        Assert.Equal(code, e.Code);
        return e.Message;
    }

    public static string BuiltinError(string name, params Value[] args) => Error(name, RegoErrorCodes.BuiltinError, args);

    public static string TypeError(string name, params Value[] args) => Error(name, RegoErrorCodes.EvalTypeError, args);
}
