using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Membership;

/// <summary>The <c>in</c> operator: <c>x in xs</c> is internal.member_2, <c>k, v in xs</c> is internal.member_3.</summary>
public sealed class MembershipBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register(new BuiltinDefinition("internal.member_2",
            BuiltinSignature.Of(RegoType.Boolean, RegoType.Any, RegoType.Any), Member2) { Infix = "in" });
        registry.Register(new BuiltinDefinition("internal.member_3",
            BuiltinSignature.Of(RegoType.Boolean, RegoType.Any, RegoType.Any, RegoType.Any), Member3) { Infix = "in" });
    }

    private static Value? Member2(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var x = args[0];
        switch (args[1])
        {
            case ArrayValue a:
                foreach (var v in a.Items)
                {
                    if (v.Equals(x)) return BooleanValue.True;
                }
                return BooleanValue.False;
            case SetValue s:
                return BooleanValue.Of(s.Contains(x));
            case ObjectValue o:
                for (var i = 0; i < o.Count; i++)
                {
                    if (o.ValueAt(i).Equals(x)) return BooleanValue.True;
                }
                return BooleanValue.False;
            default:
                return BooleanValue.False;
        }
    }

    private static Value? Member3(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var key = args[0];
        var x = args[1];
        switch (args[2])
        {
            case ArrayValue a:
                if (key is NumberValue n && n.TryGetInt32(out var i) && i >= 0 && i < a.Count) return BooleanValue.Of(a[i].Equals(x));
                return BooleanValue.False;
            case ObjectValue o:
                var v = o.Get(key);
                return BooleanValue.Of(v is not null && v.Equals(x));
            case SetValue s:
                return BooleanValue.Of(key.Equals(x) && s.Contains(x));
            default:
                return BooleanValue.False;
        }
    }
}
