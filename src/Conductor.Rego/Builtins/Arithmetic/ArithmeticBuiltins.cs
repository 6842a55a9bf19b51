using System.Numerics;
using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Arithmetic;

/// <summary>
/// plus, minus (also set difference), mul, div, rem, abs, round, ceil, floor, numbers.range,
/// numbers.range_step and rand.intn. As in OPA, plus, minus, mul and rem are exact on integers of any size; division
/// of integers is exact when it divides, and everything else follows OPA's big.Float arithmetic (<see cref="NumberMath"/>).
/// </summary>
public sealed class ArithmeticBuiltins : IBuiltinFamily
{
    /// <summary>Ranges longer than this are refused rather than exhausting memory.</summary>
    public const long MaxRangeLength = 10_000_000;

    public void Register(BuiltinRegistry registry)
    {
        var binary = BuiltinSignature.Of(RegoType.Number, RegoType.Number, RegoType.Number);
        var unary = BuiltinSignature.Of(RegoType.Number, RegoType.Number);
        registry.Register(new BuiltinDefinition("plus", binary, Plus) { Infix = "+" });
        registry.Register(new BuiltinDefinition("minus",
            BuiltinSignature.Of(CoreTypes.NumberOrSet, CoreTypes.NumberOrSet, CoreTypes.NumberOrSet), Minus) { Infix = "-" });
        registry.Register(new BuiltinDefinition("mul", binary, Multiply) { Infix = "*" });
        registry.Register(new BuiltinDefinition("div", binary, Divide) { Infix = "/" });
        registry.Register(new BuiltinDefinition("rem", binary, Remainder) { Infix = "%" });
        registry.Register("abs", unary, Abs);
        registry.Register("round", unary, Round);
        registry.Register("ceil", unary, Ceil);
        registry.Register("floor", unary, Floor);
        registry.Register("numbers.range", BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Number), RegoType.Number, RegoType.Number), Range);
        registry.Register("numbers.range_step",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Number), RegoType.Number, RegoType.Number, RegoType.Number), RangeStep);
        registry.Register(new BuiltinDefinition("rand.intn", BuiltinSignature.Of(RegoType.Number, RegoType.String, RegoType.Number), RandomInt)
        {
            Nondeterministic = true,
        });
    }

    private static Value? Plus(BuiltinContext context, ReadOnlySpan<Value> args) =>
        NumberMath.Add(BuiltinArgs.Number(args, 0), BuiltinArgs.Number(args, 1));

    private static Value? Minus(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        if (args[0] is NumberValue x && args[1] is NumberValue y) return NumberMath.Subtract(x, y);
        if (args[0] is SetValue s && args[1] is SetValue t) return SetDifference(s, t);
        if (args[0] is not NumberValue and not SetValue) throw BuiltinException.OperandTypes(1, ["number", "set"], args[0]);
        // OPA's wording: a number second operand is blamed for not being a set, anything else for not being a number.
        throw BuiltinException.OperandType(2, args[1] is NumberValue ? "set" : "number", args[1]);
    }

    /// <summary>The elements of <paramref name="s"/> that are not in <paramref name="t"/>.</summary>
    internal static SetValue SetDifference(SetValue s, SetValue t)
    {
        if (t.Count == 0) return s;
        var result = new HashSet<Value>();
        foreach (var v in s.Items)
        {
            if (!t.Contains(v)) result.Add(v);
        }
        return result.Count == 0 ? SetValue.Empty : new SetValue(result);
    }

    private static Value? Multiply(BuiltinContext context, ReadOnlySpan<Value> args) =>
        NumberMath.Multiply(BuiltinArgs.Number(args, 0), BuiltinArgs.Number(args, 1));

    private static Value? Divide(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var x = BuiltinArgs.Number(args, 0);
        var y = BuiltinArgs.Number(args, 1);
        if (y.Sign == 0) throw BuiltinException.Error("divide by zero");
        return NumberMath.Divide(x, y);
    }

    private static Value? Remainder(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var x = BuiltinArgs.Number(args, 0);
        var y = BuiltinArgs.Number(args, 1);
        if (!x.IsInteger || !y.IsInteger) throw BuiltinException.Error("modulo on floating-point number");
        if (y.Sign == 0) throw BuiltinException.Error("modulo by zero");
        return NumberValue.Remainder(x, y);
    }

    private static Value? Abs(BuiltinContext context, ReadOnlySpan<Value> args) => NumberMath.Abs(BuiltinArgs.Number(args, 0));

    private static Value? Round(BuiltinContext context, ReadOnlySpan<Value> args) => NumberMath.Round(BuiltinArgs.Number(args, 0));

    private static Value? Ceil(BuiltinContext context, ReadOnlySpan<Value> args) => NumberMath.Ceil(BuiltinArgs.Number(args, 0));

    private static Value? Floor(BuiltinContext context, ReadOnlySpan<Value> args) => NumberMath.Floor(BuiltinArgs.Number(args, 0));

    private static Value? Range(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var from = CoreOperands.Integer(args, 0);
        var to = CoreOperands.Integer(args, 1);
        return MakeRange(context, from, to, BigInteger.One);
    }

    private static Value? RangeStep(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var from = CoreOperands.Integer(args, 0);
        var to = CoreOperands.Integer(args, 1);
        var step = CoreOperands.Integer(args, 2);
        if (step.Sign <= 0) throw BuiltinException.Error("step must be a positive integer");
        return MakeRange(context, from, to, step);
    }

    /// <summary>from, from±step, … up to and including <paramref name="to"/> when a step lands on it; descending when to &lt; from.</summary>
    private static ArrayValue MakeRange(BuiltinContext context, BigInteger from, BigInteger to, BigInteger step)
    {
        var distance = BigInteger.Abs(to - from);
        var length = distance / step + 1;
        if (length > MaxRangeLength) throw BuiltinException.Error($"range of {length} numbers is longer than the limit of {MaxRangeLength}");
        var n = (int)length;
        var items = new Value[n];
        var delta = to >= from ? step : -step;
        if (from >= long.MinValue && from <= long.MaxValue && to >= long.MinValue && to <= long.MaxValue && step <= long.MaxValue)
        {
            // Fast path: every value lies between from and to, so no intermediate overflows.
            var current = (long)from;
            var d = (long)delta;
            for (var i = 0; i < n; i++)
            {
                if ((i & 0xFFFF) == 0xFFFF) context.Cancellation.ThrowIfCancellationRequested();
                items[i] = NumberValue.Of(current);
                if (i + 1 < n) current += d;
            }
        }
        else
        {
            var current = from;
            for (var i = 0; i < n; i++)
            {
                if ((i & 0xFFFF) == 0xFFFF) context.Cancellation.ThrowIfCancellationRequested();
                items[i] = NumberValue.Of(current);
                current += delta;
            }
        }
        return new ArrayValue(items);
    }

    private static Value? RandomInt(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var seed = BuiltinArgs.String(args, 0);
        var n = BuiltinArgs.Integer(args, 1);
        if (n == 0) return NumberValue.Zero;
        if (n < 0) n = n == long.MinValue ? long.MaxValue : -n;
        // The same operands within one query give the same number, as OPA caches rand.intn per query.
        var key = "rand.intn\u0000" + seed + "\u0000" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Cache.TryGetValue(key, out var cached)) return (Value)cached;
        var result = NumberValue.Of(context.Random.NextInt64(n));
        context.Cache[key] = result;
        return result;
    }
}
