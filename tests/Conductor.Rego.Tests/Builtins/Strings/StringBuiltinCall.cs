using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Builtins.Strings;

/// <summary>Calls builtins of the default registry with C# literals converted to Rego values.</summary>
internal static class StringBuiltinCall
{
    public static Value ToValue(object? o) => o switch
    {
        null => NullValue.Instance,
        Value v => v,
        string s => new StringValue(s),
        bool b => BooleanValue.Of(b),
        int i => NumberValue.Of(i),
        long l => NumberValue.Of(l),
        double d => NumberValue.Of(d)!,
        _ => throw new ArgumentException("unsupported literal " + o.GetType()),
    };

    public static Value? Invoke(BuiltinContext context, string name, params object?[] args)
    {
        Assert.True(BuiltinRegistry.Default.TryGet(name, out var def), "builtin " + name + " is registered");
        Assert.Equal(args.Length, def.Arity);
        return def.Function!(context, args.Select(ToValue).ToArray());
    }

    public static Value? Invoke(string name, params object?[] args) =>
        Invoke(new BuiltinContext(new EvaluationOptions()), name, args);

    /// <summary>The result as Rego text (strings quoted), "undefined" when there is none.</summary>
    public static string Text(string name, params object?[] args) => Invoke(name, args)?.ToString() ?? "undefined";

    public static string Str(string name, params object?[] args)
    {
        var v = Invoke(name, args);
        return Assert.IsType<StringValue>(v).Value;
    }

    public static bool Bool(string name, params object?[] args) => Assert.IsType<BooleanValue>(Invoke(name, args)).Value;

    public static BuiltinException Error(string name, params object?[] args) =>
        Assert.Throws<BuiltinException>(() => Invoke(name, args));

    public static Value Json(string json) => JsonValueReader.Parse(json);
}
