using System.Numerics;
using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Bits;

/// <summary>bits.and, bits.or, bits.xor, bits.negate, bits.lsh, bits.rsh on integers of any size (two's complement semantics, as Go's big.Int).</summary>
public sealed class BitsBuiltins : IBuiltinFamily
{
    /// <summary>Left shifts producing more bits than this are refused rather than exhausting memory.</summary>
    public const int MaxResultBits = 1 << 24;

    public void Register(BuiltinRegistry registry)
    {
        var binary = BuiltinSignature.Of(RegoType.Number, RegoType.Number, RegoType.Number);
        registry.Register("bits.and", binary, (_, a) => NumberValue.Of(CoreOperands.Integer(a, 0) & CoreOperands.Integer(a, 1)));
        registry.Register("bits.or", binary, (_, a) => NumberValue.Of(CoreOperands.Integer(a, 0) | CoreOperands.Integer(a, 1)));
        registry.Register("bits.xor", binary, (_, a) => NumberValue.Of(CoreOperands.Integer(a, 0) ^ CoreOperands.Integer(a, 1)));
        registry.Register("bits.negate", BuiltinSignature.Of(RegoType.Number, RegoType.Number), (_, a) => NumberValue.Of(-CoreOperands.Integer(a, 0) - 1));
        registry.Register("bits.lsh", binary, ShiftLeft);
        registry.Register("bits.rsh", binary, ShiftRight);
    }

    private static Value? ShiftLeft(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var x = CoreOperands.Integer(args, 0);
        var shift = CoreOperands.Unsigned(args, 1);
        if (x.IsZero) return NumberValue.Zero;
        if (shift + x.GetBitLength() > MaxResultBits) throw BuiltinException.Error($"operand 2: shift produces more than {MaxResultBits} bits");
        return NumberValue.Of(x << (int)shift);
    }

    private static Value? ShiftRight(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var x = CoreOperands.Integer(args, 0);
        var shift = CoreOperands.Unsigned(args, 1);
        // Shifting past every bit leaves the sign: 0 or -1 (arithmetic shift, as big.Int.Rsh).
        if (shift >= x.GetBitLength() + 1) return x.Sign < 0 ? NumberValue.Of(-1) : NumberValue.Zero;
        return NumberValue.Of(x >> (int)shift);
    }
}
