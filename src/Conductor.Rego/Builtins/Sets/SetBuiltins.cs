using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Sets;

/// <summary>and (&amp;), or (|), intersection and union of sets of sets.</summary>
public sealed class SetBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        var binary = BuiltinSignature.Of(RegoType.AnySet, RegoType.AnySet, RegoType.AnySet);
        registry.Register(new BuiltinDefinition("and", binary, (_, a) => Intersect(BuiltinArgs.Set(a, 0), BuiltinArgs.Set(a, 1))) { Infix = "&" });
        registry.Register(new BuiltinDefinition("or", binary, (_, a) => Union(BuiltinArgs.Set(a, 0), BuiltinArgs.Set(a, 1))) { Infix = "|" });
        var ofSets = BuiltinSignature.Of(RegoType.AnySet, CoreTypes.SetOfSets);
        registry.Register("intersection", ofSets, IntersectionOfSets);
        registry.Register("union", ofSets, UnionOfSets);
    }

    internal static SetValue Intersect(SetValue s, SetValue t)
    {
        if (s.Count > t.Count) (s, t) = (t, s);
        var result = new HashSet<Value>();
        foreach (var v in s.Items)
        {
            if (t.Contains(v)) result.Add(v);
        }
        return result.Count == 0 ? SetValue.Empty : new SetValue(result);
    }

    internal static SetValue Union(SetValue s, SetValue t)
    {
        if (t.Count == 0) return s;
        if (s.Count == 0) return t;
        var result = new HashSet<Value>(s.Items);
        result.UnionWith(t.Items);
        return new SetValue(result);
    }

    private static Value? IntersectionOfSets(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var outer = BuiltinArgs.Set(args, 0);
        SetValue? result = null;
        foreach (var element in outer.Sorted)
        {
            var s = element as SetValue ?? throw BuiltinException.OperandType(1, "set", element);
            result = result is null ? s : Intersect(result, s);
        }
        return result ?? SetValue.Empty;
    }

    private static Value? UnionOfSets(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var outer = BuiltinArgs.Set(args, 0);
        var result = new HashSet<Value>();
        foreach (var element in outer.Sorted)
        {
            var s = element as SetValue ?? throw BuiltinException.OperandType(1, "set", element);
            result.UnionWith(s.Items);
        }
        return result.Count == 0 ? SetValue.Empty : new SetValue(result);
    }
}
