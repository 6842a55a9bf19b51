namespace Conductor.Rego.Builtins;

/// <summary>A builtin: its name, signature and implementation (a function, or a relation yielding several results).</summary>
public sealed class BuiltinDefinition
{
    public BuiltinDefinition(string name, BuiltinSignature signature, BuiltinFunction function)
    {
        Name = name;
        Signature = signature;
        Function = function;
    }

    public BuiltinDefinition(string name, BuiltinSignature signature, BuiltinRelation relation)
    {
        Name = name;
        Signature = signature;
        Relation = relation;
    }

    /// <summary>The dotted name: <c>count</c>, <c>io.jwt.decode</c>.</summary>
    public string Name { get; }

    public BuiltinSignature Signature { get; }

    public BuiltinFunction? Function { get; }

    public BuiltinRelation? Relation { get; }

    public int Arity => Signature.Parameters.Count;

    /// <summary>The infix operator for capabilities output (<c>+</c> for plus), if any.</summary>
    public string? Infix { get; init; }

    /// <summary>True for builtins whose result may differ between calls with the same operands (rand, time.now_ns, http.send).</summary>
    public bool Nondeterministic { get; init; }

    /// <summary>Set for deprecated builtins, which strict mode rejects.</summary>
    public bool Deprecated { get; init; }
}
