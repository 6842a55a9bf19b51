namespace Conductor.Rego.Syntax;

/// <summary>What a rule defines.</summary>
public enum RuleKind
{
    /// <summary>One value at the head's ref (<c>p := v</c>, <c>p if …</c>, <c>p.q[x] := v</c>: the ref may have variable parts, building an object).</summary>
    Complete,

    /// <summary>A set of values (<c>p contains x</c>, or v0's <c>p[x] { … }</c>).</summary>
    PartialSet,

    /// <summary>A function (<c>f(x) := y</c>).</summary>
    Function,
}
