using System.Globalization;
using System.Numerics;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Core;

/// <summary>
/// Arithmetic with OPA's results: integers are exact at any size; with fractions OPA computes on decimal
/// text with more precision than a double (so 0.1 + 0.2 is 0.3), which decimal arithmetic reproduces for
/// operands in its range before rounding to the nearest double. Outside that range doubles are used.
/// </summary>
internal static class NumberMath
{
    private enum Op { Add, Subtract, Multiply, Divide }

    public static NumberValue Add(NumberValue a, NumberValue b) =>
        a.IsInteger && b.IsInteger ? NumberValue.Add(a, b)! : Fractional(a, b, Op.Add);

    public static NumberValue Subtract(NumberValue a, NumberValue b) =>
        a.IsInteger && b.IsInteger ? NumberValue.Subtract(a, b)! : Fractional(a, b, Op.Subtract);

    public static NumberValue Multiply(NumberValue a, NumberValue b) =>
        a.IsInteger && b.IsInteger ? NumberValue.Multiply(a, b)! : Fractional(a, b, Op.Multiply);

    /// <summary>Division; the caller has ruled out a zero divisor.</summary>
    public static NumberValue Divide(NumberValue a, NumberValue b)
    {
        if (a.IsInteger && b.IsInteger)
        {
            var q = BigInteger.DivRem(a.ToBigInteger(), b.ToBigInteger(), out var rem);
            if (rem.IsZero) return NumberValue.Of(q);
        }
        return Fractional(a, b, Op.Divide);
    }

    /// <summary>Sum of numbers: exact for integers, decimal precision for fractions.</summary>
    public static NumberValue Sum(ReadOnlySpan<Value> items) => Fold(items, NumberValue.Zero, Op.Add);

    /// <summary>Product of numbers: exact for integers, decimal precision for fractions.</summary>
    public static NumberValue Product(ReadOnlySpan<Value> items) => Fold(items, NumberValue.One, Op.Multiply);

    private static NumberValue Fold(ReadOnlySpan<Value> items, NumberValue seed, Op op)
    {
        var allIntegers = true;
        foreach (var v in items)
        {
            if (!((NumberValue)v).IsInteger) { allIntegers = false; break; }
        }
        if (allIntegers && op == Op.Add)
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
        if (allIntegers)
        {
            var acc = seed;
            foreach (var v in items)
                acc = op == Op.Add ? NumberValue.Add(acc, (NumberValue)v)! : NumberValue.Multiply(acc, (NumberValue)v)!;
            return acc;
        }
        TryDecimal(seed, out var dacc);
        var exact = true;
        try
        {
            foreach (var v in items)
            {
                if (!TryDecimal((NumberValue)v, out var d)) { exact = false; break; }
                dacc = op == Op.Add ? dacc + d : dacc * d;
            }
        }
        catch (OverflowException)
        {
            exact = false;
        }
        if (exact) return FromDecimal(dacc);
        var facc = seed.ToDouble();
        foreach (var v in items)
        {
            var d = ((NumberValue)v).ToDouble();
            facc = op == Op.Add ? facc + d : facc * d;
        }
        return FromDouble(facc);
    }

    private static NumberValue Fractional(NumberValue a, NumberValue b, Op op)
    {
        if (TryDecimal(a, out var x) && TryDecimal(b, out var y))
        {
            try
            {
                var r = op switch
                {
                    Op.Add => x + y,
                    Op.Subtract => x - y,
                    Op.Multiply => x * y,
                    _ => x / y,
                };
                // A product or quotient below decimal's resolution has lost its digits: use doubles instead.
                if (r != 0 || op is Op.Add or Op.Subtract) return FromDecimal(r);
            }
            catch (OverflowException)
            {
                // Beyond decimal's range: fall through to doubles.
            }
        }
        var p = a.ToDouble();
        var q = b.ToDouble();
        return FromDouble(op switch
        {
            Op.Add => p + q,
            Op.Subtract => p - q,
            Op.Multiply => p * q,
            _ => p / q,
        });
    }

    private static bool TryDecimal(NumberValue n, out decimal d)
    {
        if (n.TryGetInt64(out var l))
        {
            d = l;
            return true;
        }
        d = 0;
        if (n.IsInteger) return false;
        var abs = Math.Abs(n.ToDouble());
        // Keep every significant digit of the double's shortest text inside decimal's 28 digits.
        if (abs < 1e-7 || abs >= 1e15) return false;
        // The shortest round-trip text of the double is the literal OPA would compute from.
        Span<char> text = stackalloc char[40];
        return n.ToDouble().TryFormat(text, out var written, "R", CultureInfo.InvariantCulture)
            && decimal.TryParse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture, out d);
    }

    private static NumberValue FromDecimal(decimal d)
    {
        if (d == decimal.Truncate(d) && Math.Abs(d) < 1e28m) return NumberValue.Of(new BigInteger(d));
        return FromDouble(double.Parse(d.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>A double result; infinities cannot be Rego numbers.</summary>
    public static NumberValue FromDouble(double d) =>
        NumberValue.Of(d) ?? throw BuiltinException.Error("arithmetic result is out of range");
}
