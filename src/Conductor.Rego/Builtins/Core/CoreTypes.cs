namespace Conductor.Rego.Builtins.Core;

/// <summary>Signature types shared by the core builtin families, spelled as OPA's capabilities declare them.</summary>
internal static class CoreTypes
{
    public static readonly RegoType ArrayOrSet = RegoType.OneOf(RegoType.AnyArray, RegoType.AnySet);
    public static readonly RegoType NumberArrayOrSet = RegoType.OneOf(RegoType.ArrayOf(RegoType.Number), RegoType.SetOf(RegoType.Number));
    public static readonly RegoType Collection = RegoType.OneOf(RegoType.AnyArray, RegoType.AnyObject, RegoType.AnySet);
    public static readonly RegoType NumberOrSet = RegoType.OneOf(RegoType.Number, RegoType.AnySet);
    public static readonly RegoType SetOfSets = RegoType.SetOf(RegoType.AnySet);
}
