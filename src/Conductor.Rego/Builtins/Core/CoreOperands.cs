using System.Numerics;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Core;

/// <summary>Operand checks of the core families whose wording differs from <see cref="BuiltinArgs"/> (OPA's BigIntOperand and UintOperand).</summary>
internal static class CoreOperands
{
    /// <summary>An integer of any size: "operand N must be integer but got string", or "... integer number but got floating-point number".</summary>
    public static BigInteger Integer(ReadOnlySpan<Value> args, int index)
    {
        if (args[index] is not NumberValue n) throw BuiltinException.OperandType(index + 1, "integer", args[index]);
        if (!n.IsInteger) throw FloatingPoint(index);
        return n.ToBigInteger();
    }

    /// <summary>A non-negative shift amount, as OPA's UintOperand.</summary>
    public static BigInteger Unsigned(ReadOnlySpan<Value> args, int index)
    {
        var n = BuiltinArgs.Number(args, index);
        if (!n.IsInteger) throw FloatingPoint(index);
        var v = n.ToBigInteger();
        if (v.Sign < 0)
            throw new BuiltinException(RegoErrorCodes.EvalTypeError, $"operand {index + 1} must be unsigned integer number but got negative integer");
        return v;
    }

    public static BuiltinException FloatingPoint(int index) =>
        new(RegoErrorCodes.EvalTypeError, $"operand {index + 1} must be integer number but got floating-point number");

    /// <summary>OPA's element error: "operand 1 must be array of numbers but got array containing string".</summary>
    public static BuiltinException Element(int position, Value composite, string expected, Value element) =>
        new(RegoErrorCodes.EvalTypeError,
            $"operand {position} must be {composite.TypeName} of {expected}s but got {composite.TypeName} containing {element.TypeName}");

    /// <summary>The items of an array (in order) or a set (sorted); null for other kinds.</summary>
    public static ReadOnlySpan<Value> ItemsOf(Value v) => v switch
    {
        ArrayValue a => a.Items,
        SetValue s => s.Sorted,
        _ => default,
    };
}
