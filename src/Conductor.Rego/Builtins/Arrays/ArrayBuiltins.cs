using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Arrays;

/// <summary>array.concat, array.flatten (one level), array.slice (indices clamped as OPA does) and array.reverse.</summary>
public sealed class ArrayBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("array.concat", BuiltinSignature.Of(RegoType.AnyArray, RegoType.AnyArray, RegoType.AnyArray), Concat);
        registry.Register("array.flatten", BuiltinSignature.Of(RegoType.AnyArray, RegoType.AnyArray), Flatten);
        registry.Register("array.slice", BuiltinSignature.Of(RegoType.AnyArray, RegoType.AnyArray, RegoType.Number, RegoType.Number), Slice);
        registry.Register("array.reverse", BuiltinSignature.Of(RegoType.AnyArray, RegoType.AnyArray), Reverse);
    }

    private static Value? Concat(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var a = BuiltinArgs.Array(args, 0);
        var b = BuiltinArgs.Array(args, 1);
        if (b.Count == 0) return a;
        if (a.Count == 0) return b;
        var items = new Value[a.Count + b.Count];
        a.Items.CopyTo(items);
        b.Items.CopyTo(items.AsSpan(a.Count));
        return new ArrayValue(items);
    }

    /// <summary>Items that are arrays are unpacked into the result (one level only); other items are kept as they are.</summary>
    private static Value? Flatten(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var array = BuiltinArgs.Array(args, 0);
        var result = new List<Value>(array.Count);
        foreach (var item in array.Items)
        {
            if (item is ArrayValue inner) result.AddRange(inner.Items);
            else result.Add(item);
        }
        return new ArrayValue(result.ToArray());
    }

    private static Value? Slice(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var array = BuiltinArgs.Array(args, 0);
        var start = Index(args, 1);
        var stop = Index(args, 2);
        // Clamp stop into [0, length], then start into [0, stop], so out-of-range indices give a shorter (or empty) slice.
        stop = Math.Clamp(stop, 0, array.Count);
        start = Math.Clamp(start, 0, stop);
        if (start == 0 && stop == array.Count) return array;
        return new ArrayValue(array.Items[(int)start..(int)stop].ToArray());
    }

    /// <summary>An integer index; integers beyond 64 bits are clamped, since any such index is out of range.</summary>
    private static long Index(ReadOnlySpan<Value> args, int index)
    {
        var n = BuiltinArgs.Number(args, index);
        if (n.TryGetInt64(out var l)) return l;
        if (!n.IsInteger) throw Core.CoreOperands.FloatingPoint(index);
        return n.Sign < 0 ? long.MinValue : long.MaxValue;
    }

    private static Value? Reverse(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var array = BuiltinArgs.Array(args, 0);
        if (array.Count < 2) return array;
        var items = array.Items.ToArray();
        Array.Reverse(items);
        return new ArrayValue(items);
    }
}
