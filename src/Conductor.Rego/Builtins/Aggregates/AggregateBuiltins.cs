using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Aggregates;

/// <summary>count, sum, product, max, min, sort, and the deprecated all and any.</summary>
public sealed class AggregateBuiltins : IBuiltinFamily
{
    private static readonly string[] SetOrArray = ["set", "array"];

    public void Register(BuiltinRegistry registry)
    {
        registry.Register("count",
            BuiltinSignature.Of(RegoType.Number, RegoType.OneOf(RegoType.String, RegoType.AnyArray, RegoType.AnyObject, RegoType.AnySet)), Count);
        registry.Register("sum", BuiltinSignature.Of(RegoType.Number, CoreTypes.NumberArrayOrSet), (_, a) => NumberMath.Sum(Numbers(a[0])));
        registry.Register("product", BuiltinSignature.Of(RegoType.Number, CoreTypes.NumberArrayOrSet), (_, a) => NumberMath.Product(Numbers(a[0])));
        registry.Register("max", BuiltinSignature.Of(RegoType.Any, CoreTypes.ArrayOrSet), Max);
        registry.Register("min", BuiltinSignature.Of(RegoType.Any, CoreTypes.ArrayOrSet), Min);
        registry.Register("sort", BuiltinSignature.Of(RegoType.AnyArray, CoreTypes.ArrayOrSet), Sort);
        registry.Register(new BuiltinDefinition("all", BuiltinSignature.Of(RegoType.Boolean, CoreTypes.ArrayOrSet), All) { Deprecated = true });
        registry.Register(new BuiltinDefinition("any", BuiltinSignature.Of(RegoType.Boolean, CoreTypes.ArrayOrSet), Any) { Deprecated = true });
    }

    private static Value? Count(BuiltinContext context, ReadOnlySpan<Value> args) => args[0] switch
    {
        ArrayValue a => NumberValue.Of(a.Count),
        ObjectValue o => NumberValue.Of(o.Count),
        SetValue s => NumberValue.Of(s.Count),
        StringValue s => NumberValue.Of(CountCodePoints(s.Value)),
        _ => throw BuiltinException.OperandTypes(1, ["array", "object", "set", "string"], args[0]),
    };

    /// <summary>Unicode code points (a surrogate pair counts once), as Go counts runes.</summary>
    internal static int CountCodePoints(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }

    /// <summary>The elements of an array or set operand, all of which must be numbers.</summary>
    private static ReadOnlySpan<Value> Numbers(Value operand)
    {
        if (operand is not ArrayValue and not SetValue) throw BuiltinException.OperandTypes(1, SetOrArray, operand);
        var items = CoreOperands.ItemsOf(operand);
        foreach (var v in items)
        {
            if (v is not NumberValue) throw CoreOperands.Element(1, operand, "number", v);
        }
        return items;
    }

    private static ReadOnlySpan<Value> Items(Value operand) =>
        operand is ArrayValue or SetValue ? CoreOperands.ItemsOf(operand) : throw BuiltinException.OperandTypes(1, SetOrArray, operand);

    private static Value? Max(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var items = Items(args[0]);
        if (items.Length == 0) return null;
        var max = items[0];
        foreach (var v in items)
        {
            if (max.CompareTo(v) <= 0) max = v;
        }
        return max;
    }

    private static Value? Min(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var items = Items(args[0]);
        if (items.Length == 0) return null;
        var min = items[0];
        foreach (var v in items)
        {
            if (min.CompareTo(v) >= 0) min = v;
        }
        return min;
    }

    private static Value? Sort(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        if (args[0] is SetValue s) return new ArrayValue(s.Sorted.ToArray());
        var copy = Items(args[0]).ToArray();
        // Stability is moot: values that compare equal are equal (integral numbers are normalised to integers).
        Array.Sort(copy);
        return new ArrayValue(copy);
    }

    private static Value? All(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        if (args[0] is not ArrayValue and not SetValue) throw BuiltinException.OperandTypes(1, ["array", "set"], args[0]);
        foreach (var v in CoreOperands.ItemsOf(args[0]))
        {
            if (!BooleanValue.True.Equals(v)) return BooleanValue.False;
        }
        return BooleanValue.True;
    }

    private static Value? Any(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        if (args[0] is not ArrayValue and not SetValue) throw BuiltinException.OperandTypes(1, ["array", "set"], args[0]);
        foreach (var v in CoreOperands.ItemsOf(args[0]))
        {
            if (BooleanValue.True.Equals(v)) return BooleanValue.True;
        }
        return BooleanValue.False;
    }
}
