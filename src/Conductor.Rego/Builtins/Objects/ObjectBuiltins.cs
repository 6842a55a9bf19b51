using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Objects;

/// <summary>object.get, object.keys, object.union, object.union_n, object.remove, object.filter and object.subset.</summary>
public sealed class ObjectBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("object.get", BuiltinSignature.Of(RegoType.Any, RegoType.AnyObject, RegoType.Any, RegoType.Any), Get);
        registry.Register("object.keys", BuiltinSignature.Of(RegoType.AnySet, RegoType.AnyObject),
            (_, a) => new SetValue(BuiltinArgs.Object(a, 0).Keys));
        registry.Register("object.union", BuiltinSignature.Of(RegoType.AnyObject, RegoType.AnyObject, RegoType.AnyObject),
            (_, a) => Merge(BuiltinArgs.Object(a, 0), BuiltinArgs.Object(a, 1)));
        registry.Register("object.union_n", BuiltinSignature.Of(RegoType.AnyObject, RegoType.ArrayOf(RegoType.AnyObject)), UnionN);
        registry.Register("object.remove", BuiltinSignature.Of(RegoType.AnyObject, RegoType.AnyObject, CoreTypes.Collection), Remove);
        registry.Register("object.filter", BuiltinSignature.Of(RegoType.AnyObject, RegoType.AnyObject, CoreTypes.Collection), Filter);
        registry.Register("object.subset", BuiltinSignature.Of(RegoType.Boolean, CoreTypes.Collection, CoreTypes.Collection), Subset);
    }

    private static Value? Get(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var obj = BuiltinArgs.Object(args, 0);
        if (args[1] is not ArrayValue path) return obj.Get(args[1]) ?? args[2];
        Value current = obj;
        foreach (var key in path.Items)
        {
            var next = Child(current, key);
            if (next is null) return args[2];
            current = next;
        }
        return current;
    }

    /// <summary>One step of a path: an object's key, an array's index, or a set's member.</summary>
    private static Value? Child(Value container, Value key) => container switch
    {
        ObjectValue o => o.Get(key),
        ArrayValue a when key is NumberValue n && n.TryGetInt64(out var i) && i >= 0 && i < a.Count => a[(int)i],
        SetValue s when s.Contains(key) => key,
        _ => null,
    };

    /// <summary>Keys of <paramref name="b"/> win; where both hold objects under a key they are merged recursively.</summary>
    internal static ObjectValue Merge(ObjectValue a, ObjectValue b)
    {
        if (b.Count == 0) return a;
        if (a.Count == 0) return b;
        var builder = new ObjectBuilder(a.Count + b.Count);
        foreach (var (k, v) in a.Entries) builder.Set(k, v);
        foreach (var (k, v) in b.Entries)
        {
            if (v is ObjectValue vo && builder.TryGetValue(k, out var existing) && existing is ObjectValue eo)
                builder.Set(k, Merge(eo, vo));
            else
                builder.Set(k, v);
        }
        return builder.Build();
    }

    private static Value? UnionN(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var array = BuiltinArgs.Array(args, 0);
        // OPA walks the operand back to front, so the last non-object is the one reported.
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (array[i] is not ObjectValue) throw CoreOperands.Element(1, array, "object", array[i]);
        }
        var result = ObjectValue.Empty;
        foreach (var v in array.Items) result = Merge(result, (ObjectValue)v);
        return result;
    }

    /// <summary>The keys named by object.remove/object.filter's second operand: an array's items, a set's members or an object's keys.</summary>
    private static HashSet<Value> KeysOperand(Value operand) => operand switch
    {
        ArrayValue a => [.. a.Items],
        SetValue s => [.. s.Items],
        ObjectValue o => [.. o.Keys],
        _ => throw BuiltinException.OperandTypes(2, ["object", "set", "array"], operand),
    };

    private static Value? Remove(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var obj = BuiltinArgs.Object(args, 0);
        var keys = KeysOperand(args[1]);
        var builder = new ObjectBuilder(obj.Count);
        foreach (var (k, v) in obj.Entries)
        {
            if (!keys.Contains(k)) builder.Set(k, v);
        }
        return builder.Count == obj.Count ? obj : builder.Build();
    }

    private static Value? Filter(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var obj = BuiltinArgs.Object(args, 0);
        var keys = KeysOperand(args[1]);
        var builder = new ObjectBuilder(Math.Min(obj.Count, keys.Count));
        foreach (var (k, v) in obj.Entries)
        {
            if (keys.Contains(k)) builder.Set(k, v);
        }
        return builder.Count == obj.Count ? obj : builder.Build();
    }

    private static Value? Subset(BuiltinContext context, ReadOnlySpan<Value> args) => (args[0], args[1]) switch
    {
        (ObjectValue super, ObjectValue sub) => BooleanValue.Of(ObjectSubset(super, sub)),
        (SetValue super, SetValue sub) => BooleanValue.Of(SetSubset(super, sub)),
        (ArrayValue super, ArrayValue sub) => BooleanValue.Of(ArraySubset(super, sub)),
        (ArrayValue super, SetValue sub) => BooleanValue.Of(ArraySetSubset(super, sub)),
        _ => throw new BuiltinException(RegoErrorCodes.EvalTypeError, "both arguments object.subset must be of the same type or array and set"),
    };

    /// <summary>Every key of sub is in super with an equal value, or (recursively) a subset where both are objects, sets or arrays.</summary>
    private static bool ObjectSubset(ObjectValue super, ObjectValue sub)
    {
        foreach (var (key, subValue) in sub.Entries)
        {
            var superValue = super.Get(key);
            if (superValue is null) return false;
            if (subValue.Equals(superValue)) continue;
            var ok = (superValue, subValue) switch
            {
                (ObjectValue o1, ObjectValue o2) => ObjectSubset(o1, o2),
                (SetValue s1, SetValue s2) => SetSubset(s1, s2),
                (ArrayValue a1, ArrayValue a2) => ArraySubset(a1, a2),
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool SetSubset(SetValue super, SetValue sub)
    {
        foreach (var v in sub.Items)
        {
            if (!super.Contains(v)) return false;
        }
        return true;
    }

    /// <summary>sub appears in super as a contiguous run.</summary>
    private static bool ArraySubset(ArrayValue super, ArrayValue sub)
    {
        var hay = super.Items;
        var needle = sub.Items;
        if (needle.Length > hay.Length) return false;
        for (var start = 0; start + needle.Length <= hay.Length; start++)
        {
            var match = true;
            for (var j = 0; j < needle.Length; j++)
            {
                if (!hay[start + j].Equals(needle[j])) { match = false; break; }
            }
            if (match) return true;
        }
        return false;
    }

    /// <summary>
    /// OPA's rule, kept for identical results: walk the array counting elements that are members of the set
    /// (repeats count again) and answer true once the count reaches the set's size. So an empty array is
    /// never a superset, not even of the empty set.
    /// </summary>
    private static bool ArraySetSubset(ArrayValue super, SetValue sub)
    {
        var unmatched = sub.Count;
        foreach (var v in super.Items)
        {
            if (sub.Contains(v)) unmatched--;
            if (unmatched <= 0) return true;
        }
        return false;
    }
}
