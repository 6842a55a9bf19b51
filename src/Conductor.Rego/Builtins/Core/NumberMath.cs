using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Core;

/// <summary>
/// Arithmetic with OPA's results (v1/topdown/arithmetic.go and aggregates.go). Integers are exact at any size.
/// Anything else is computed as OPA does with Go's math/big.Float: each operand read at 64 mantissa bits (an integer
/// of more bits is rounded), the exact result rounded once to nearest-even, and the number written as big.Float's
/// shortest text: 'f' for integers (which become integer numbers), 'g' otherwise, so 1 / 3 is 0.33333333333333333334
/// and 0 / -5 is -0.
/// </summary>
internal static class NumberMath
{
    private const int Bits = GoBigFloat.DefaultPrecision;

    /// <summary>Go's big.NewFloat(0.5), which round adds before truncating.</summary>
    private static readonly GoBigFloat Half = GoBigFloat.Quo(GoBigFloat.FromInteger(1, 53), GoBigFloat.FromInteger(2, 53), 53);

    public static NumberValue Add(NumberValue a, NumberValue b) =>
        a.IsInteger && b.IsInteger ? NumberValue.Add(a, b)! : NumberValue.FromBigFloat(GoBigFloat.Add(Operand(a), Operand(b), Bits));

    public static NumberValue Subtract(NumberValue a, NumberValue b) =>
        a.IsInteger && b.IsInteger ? NumberValue.Subtract(a, b)! : NumberValue.FromBigFloat(GoBigFloat.Sub(Operand(a), Operand(b), Bits));

    public static NumberValue Multiply(NumberValue a, NumberValue b) =>
        a.IsInteger && b.IsInteger ? NumberValue.Multiply(a, b)! : NumberValue.FromBigFloat(GoBigFloat.Mul(Operand(a), Operand(b), Bits));

    /// <summary>
    /// Division; the caller has ruled out a zero divisor. Integers give an integer only when the divisor divides a
    /// non-zero dividend; every other quotient is a big.Float one (so 0 / -5 is -0 and 7 / 2 is 3.5).
    /// </summary>
    public static NumberValue Divide(NumberValue a, NumberValue b)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y) && x != 0 && y != 0 && !(x == long.MinValue && y == -1))
        {
            var q = Math.DivRem(x, y, out var r);
            if (r == 0) return NumberValue.Of(q);
        }
        return NumberValue.FromBigFloat(GoBigFloat.Quo(Operand(a), Operand(b), Bits));
    }

    /// <summary>abs: 64-bit integers exactly (OPA's small-integer path, exact for these too), anything else as big.Float.Abs.</summary>
    public static NumberValue Abs(NumberValue x)
    {
        if (x.TryGetInt64(out var l)) return l > 0 ? x : l == 0 ? NumberValue.Zero : NumberValue.Negate(x);
        return NumberValue.FromBigFloat(Operand(x).Abs());
    }

    /// <summary>round: x ± 0.5 (at 64 bits) truncated toward zero.</summary>
    public static NumberValue Round(NumberValue x)
    {
        if (x.TryGetInt64(out var l)) return l == 0 ? NumberValue.Zero : x;
        var a = Operand(x);
        var shifted = a.IsNegative ? GoBigFloat.Sub(a, Half, Bits) : GoBigFloat.Add(a, Half, Bits);
        return NumberValue.Of(shifted.Truncate());
    }

    /// <summary>
    /// ceil: the truncated integer, plus one for a positive value with a fraction. OPA decides by the sign of the
    /// truncated integer instead, so for values between -1 and 0 it answers 1 (ceil(-0.5) = 1); Conductor answers
    /// 0 there, the mathematical ceiling, and agrees with OPA everywhere else.
    /// </summary>
    public static NumberValue Ceil(NumberValue x)
    {
        if (x.TryGetInt64(out var l)) return l == 0 ? NumberValue.Zero : x;
        var a = Operand(x);
        var i = a.Truncate();
        return NumberValue.Of(a.IsNegative || a.IsInt ? i : i + 1);
    }

    /// <summary>
    /// floor: the truncated integer, minus one for a negative value with a fraction. OPA decides by the sign of the
    /// truncated integer instead, so for values between -1 and 0 it answers 0 (floor(-0.5) = 0); Conductor answers
    /// -1 there, the mathematical floor, and agrees with OPA everywhere else.
    /// </summary>
    public static NumberValue Floor(NumberValue x)
    {
        if (x.TryGetInt64(out var l)) return l == 0 ? NumberValue.Zero : x;
        var a = Operand(x);
        var i = a.Truncate();
        return NumberValue.Of(!a.IsNegative || a.IsInt ? i : i - 1);
    }

    /// <summary>Sum of numbers: exact for integers; otherwise OPA's big.Float accumulator (64 bits) over every element.</summary>
    public static NumberValue Sum(ReadOnlySpan<Value> items)
    {
        if (AllIntegers(items))
        {
            // One 64-bit accumulator while it does not overflow, then exact big integers.
            long sum = 0;
            var i = 0;
            for (; i < items.Length; i++)
            {
                if (!((NumberValue)items[i]).TryGetInt64(out var l)) break;
                var next = unchecked(sum + l);
                if (((sum ^ next) & (l ^ next)) < 0) break;
                sum = next;
            }
            if (i == items.Length) return NumberValue.Of(sum);
            var big = (System.Numerics.BigInteger)sum;
            for (; i < items.Length; i++) big += ((NumberValue)items[i]).ToBigInteger();
            return NumberValue.Of(big);
        }
        // new(big.Float) has precision 0, which the first addition raises to the operands' 64 bits.
        var acc = GoBigFloat.Zero(false, Bits);
        foreach (var v in items) acc = GoBigFloat.Add(acc, Operand((NumberValue)v), Bits);
        return NumberValue.FromBigFloat(acc);
    }

    /// <summary>
    /// Product of numbers: exact for integers; otherwise OPA's accumulator, big.NewFloat(1), multiplied in place, so
    /// every partial product is rounded to that Float's 53 bits and printed at 53 bits.
    /// </summary>
    public static NumberValue Product(ReadOnlySpan<Value> items)
    {
        if (AllIntegers(items))
        {
            var acc = NumberValue.One;
            foreach (var v in items) acc = NumberValue.Multiply(acc, (NumberValue)v)!;
            return acc;
        }
        var product = GoBigFloat.FromInteger(1, 53);
        foreach (var v in items) product = GoBigFloat.Mul(product, Operand((NumberValue)v), 53);
        return NumberValue.FromBigFloat(product);
    }

    private static bool AllIntegers(ReadOnlySpan<Value> items)
    {
        foreach (var v in items)
        {
            if (!((NumberValue)v).IsInteger) return false;
        }
        return true;
    }

    /// <summary>The number as OPA's builtins.NumberToFloat reads it: big.Float.SetString at 64 bits.</summary>
    public static GoBigFloat Operand(NumberValue n) =>
        n.TryToBigFloat(out var f) ? f : throw BuiltinException.Error("number is out of range");
}
