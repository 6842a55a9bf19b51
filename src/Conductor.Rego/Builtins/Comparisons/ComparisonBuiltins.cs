using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Comparisons;

/// <summary>equal, neq, lt, lte, gt, gte: any two values under OPA's total order
/// (null &lt; booleans &lt; numbers &lt; strings &lt; arrays &lt; objects &lt; sets).</summary>
public sealed class ComparisonBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        var signature = BuiltinSignature.Of(RegoType.Boolean, RegoType.Any, RegoType.Any);
        registry.Register(new BuiltinDefinition("equal", signature, (_, a) => BooleanValue.Of(a[0].Equals(a[1]))) { Infix = "==" });
        registry.Register(new BuiltinDefinition("neq", signature, (_, a) => BooleanValue.Of(!a[0].Equals(a[1]))) { Infix = "!=" });
        registry.Register(new BuiltinDefinition("lt", signature, (_, a) => BooleanValue.Of(a[0].CompareTo(a[1]) < 0)) { Infix = "<" });
        registry.Register(new BuiltinDefinition("lte", signature, (_, a) => BooleanValue.Of(a[0].CompareTo(a[1]) <= 0)) { Infix = "<=" });
        registry.Register(new BuiltinDefinition("gt", signature, (_, a) => BooleanValue.Of(a[0].CompareTo(a[1]) > 0)) { Infix = ">" });
        registry.Register(new BuiltinDefinition("gte", signature, (_, a) => BooleanValue.Of(a[0].CompareTo(a[1]) >= 0)) { Infix = ">=" });
    }
}
