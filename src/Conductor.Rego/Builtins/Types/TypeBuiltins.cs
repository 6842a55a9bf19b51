using Conductor.Rego.Builtins.Arithmetic;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Types;

/// <summary>is_number … is_null, type_name, to_number, and the deprecated casts and set_diff.</summary>
public sealed class TypeBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        var predicate = BuiltinSignature.Of(RegoType.Boolean, RegoType.Any);
        registry.Register("is_number", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.Number));
        registry.Register("is_string", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.String));
        registry.Register("is_boolean", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.Boolean));
        registry.Register("is_array", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.Array));
        registry.Register("is_set", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.Set));
        registry.Register("is_object", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.Object));
        registry.Register("is_null", predicate, (_, a) => BooleanValue.Of(a[0].Kind == ValueKind.Null));
        registry.Register("type_name", BuiltinSignature.Of(RegoType.String, RegoType.Any), (_, a) => new StringValue(a[0].TypeName));
        registry.Register("to_number",
            BuiltinSignature.Of(RegoType.Number, RegoType.OneOf(RegoType.Null, RegoType.Boolean, RegoType.Number, RegoType.String)), ToNumber);

        Deprecated(registry, "cast_array", RegoType.AnyArray, (_, a) => a[0] switch
        {
            ArrayValue arr => arr,
            SetValue s => new ArrayValue(s.Sorted.ToArray()),
            _ => throw BuiltinException.OperandTypes(1, ["array", "set"], a[0]),
        });
        Deprecated(registry, "cast_set", RegoType.AnySet, (_, a) => a[0] switch
        {
            SetValue s => s,
            ArrayValue arr => new SetValue(arr.Items.ToArray()),
            _ => throw BuiltinException.OperandTypes(1, ["array", "set"], a[0]),
        });
        Deprecated(registry, "cast_string", RegoType.String, (_, a) => Cast(a[0], ValueKind.String));
        Deprecated(registry, "cast_boolean", RegoType.Boolean, (_, a) => Cast(a[0], ValueKind.Boolean));
        Deprecated(registry, "cast_null", RegoType.Null, (_, a) => Cast(a[0], ValueKind.Null));
        Deprecated(registry, "cast_object", RegoType.AnyObject, (_, a) => Cast(a[0], ValueKind.Object));
        registry.Register(new BuiltinDefinition("set_diff", BuiltinSignature.Of(RegoType.AnySet, RegoType.AnySet, RegoType.AnySet),
            (_, a) => ArithmeticBuiltins.SetDifference(BuiltinArgs.Set(a, 0), BuiltinArgs.Set(a, 1)))
        {
            Deprecated = true,
        });
    }

    private static void Deprecated(BuiltinRegistry registry, string name, RegoType result, BuiltinFunction function) =>
        registry.Register(new BuiltinDefinition(name, BuiltinSignature.Of(result, RegoType.Any), function) { Deprecated = true });

    /// <summary>The deprecated casts only accept a value that already has the type.</summary>
    private static Value Cast(Value v, ValueKind kind)
    {
        if (v.Kind == kind) return v;
        var name = kind switch
        {
            ValueKind.String => "string",
            ValueKind.Boolean => "boolean",
            ValueKind.Null => "null",
            _ => "object",
        };
        throw BuiltinException.OperandType(1, name, v);
    }

    private static Value? ToNumber(BuiltinContext context, ReadOnlySpan<Value> args) => args[0] switch
    {
        NullValue => NumberValue.Zero,
        BooleanValue b => b.Value ? NumberValue.One : NumberValue.Zero,
        NumberValue n => n,
        StringValue s => ParseNumber(s),
        _ => throw BuiltinException.OperandTypes(1, ["null", "boolean", "number", "string"], args[0]),
    };

    private static NumberValue ParseNumber(StringValue operand)
    {
        var text = operand.Value;
        var unsigned = text.TrimStart('+', '-').ToLowerInvariant();
        if (unsigned is "inf" or "infinity" or "nan") throw BuiltinException.OperandType(1, "valid number string", operand);
        var result = GoFloatSyntax.Parse(text);
        if (result is null) throw BuiltinException.Error($"strconv.ParseFloat: parsing {GoFloatSyntax.Quote(text)}: invalid syntax");
        return result;
    }
}
