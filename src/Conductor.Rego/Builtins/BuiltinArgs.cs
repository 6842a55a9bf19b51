using System.Numerics;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins;

/// <summary>Typed access to builtin operands, raising OPA's operand type errors (positions are 1-based in messages).</summary>
public static class BuiltinArgs
{
    public static string String(ReadOnlySpan<Value> args, int index) =>
        args[index] is StringValue s ? s.Value : throw BuiltinException.OperandType(index + 1, "string", args[index]);

    public static NumberValue Number(ReadOnlySpan<Value> args, int index) =>
        args[index] as NumberValue ?? throw BuiltinException.OperandType(index + 1, "number", args[index]);

    /// <summary>An integer operand that fits in 64 bits ("operand N must be integer number but got floating-point number" otherwise).</summary>
    public static long Integer(ReadOnlySpan<Value> args, int index)
    {
        var n = Number(args, index);
        if (n.TryGetInt64(out var l)) return l;
        if (!n.IsInteger) throw new BuiltinException(RegoErrorCodes.EvalTypeError, $"operand {index + 1} must be integer number but got floating-point number");
        throw BuiltinException.Error($"operand {index + 1} is too large");
    }

    public static BigInteger BigInteger(ReadOnlySpan<Value> args, int index)
    {
        var n = Number(args, index);
        if (!n.IsInteger) throw new BuiltinException(RegoErrorCodes.EvalTypeError, $"operand {index + 1} must be integer number but got floating-point number");
        return n.ToBigInteger();
    }

    public static bool Boolean(ReadOnlySpan<Value> args, int index) =>
        args[index] is BooleanValue b ? b.Value : throw BuiltinException.OperandType(index + 1, "boolean", args[index]);

    public static ArrayValue Array(ReadOnlySpan<Value> args, int index) =>
        args[index] as ArrayValue ?? throw BuiltinException.OperandType(index + 1, "array", args[index]);

    public static SetValue Set(ReadOnlySpan<Value> args, int index) =>
        args[index] as SetValue ?? throw BuiltinException.OperandType(index + 1, "set", args[index]);

    public static ObjectValue Object(ReadOnlySpan<Value> args, int index) =>
        args[index] as ObjectValue ?? throw BuiltinException.OperandType(index + 1, "object", args[index]);

    /// <summary>The elements of an array or set operand (sets in sorted order).</summary>
    public static ReadOnlySpan<Value> ArrayOrSetItems(ReadOnlySpan<Value> args, int index) => args[index] switch
    {
        ArrayValue a => a.Items,
        SetValue s => s.Sorted,
        _ => throw BuiltinException.OperandTypes(index + 1, ["array", "set"], args[index]),
    };
}
