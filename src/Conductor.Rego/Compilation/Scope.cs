namespace Conductor.Rego.Compilation;

/// <summary>
/// Variables visible in a body. Comprehension and <c>every</c> bodies get a child scope; names used in the
/// enclosing bodies (<see cref="OuterNames"/>) refer to the enclosing variables (closures), as in OPA.
/// </summary>
internal sealed class Scope(Scope? parent, HashSet<string> bodyNames)
{
    public Scope? Parent { get; } = parent;
    public Dictionary<string, CVar> Vars { get; } = new(StringComparer.Ordinal);

    /// <summary>Names used directly in this scope's body (outside nested comprehensions).</summary>
    public HashSet<string> BodyNames { get; } = bodyNames;

    /// <summary>Names declared with <c>:=</c> or <c>some</c> in this scope.</summary>
    public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

    /// <summary>Names declared with a plain <c>some x</c> in this scope (also in <see cref="Declared"/>).</summary>
    public HashSet<string> SomeDeclared { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of a function's arguments (also in <see cref="Declared"/>).</summary>
    public HashSet<string> ArgDeclared { get; } = new(StringComparer.Ordinal);

    /// <summary>How a name was declared here, for the error on declaring it again.</summary>
    public string Redeclared(string name) =>
        ArgDeclared.Contains(name) ? $"arg {name} redeclared"
        : SomeDeclared.Contains(name) ? $"var {name} declared above"
        : $"var {name} assigned above";

    /// <summary>Names used in this scope before any declaration.</summary>
    public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

    public CVar? Lookup(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.Vars.TryGetValue(name, out var v)) return v;
        }
        return null;
    }

    /// <summary>The outermost scope whose body uses <paramref name="name"/> directly; a new variable belongs there.</summary>
    public Scope OwnerFor(string name)
    {
        var owner = this;
        for (var s = Parent; s is not null; s = s.Parent)
        {
            if (s.BodyNames.Contains(name)) owner = s;
        }
        return owner;
    }
}
