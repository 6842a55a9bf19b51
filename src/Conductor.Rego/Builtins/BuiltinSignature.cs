namespace Conductor.Rego.Builtins;

/// <summary>Parameter and result types of a builtin; the arity is the number of parameters.</summary>
public sealed record BuiltinSignature(IReadOnlyList<RegoType> Parameters, RegoType Result)
{
    public static BuiltinSignature Of(RegoType result, params RegoType[] parameters) => new(parameters, result);
}
