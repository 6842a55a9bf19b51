namespace Conductor.Rego.Syntax;

/// <summary>
/// A rule head. <see cref="Ref"/> is the rule's name as a ref relative to the package: <c>p</c> is head var <c>p</c>
/// with no path; <c>p.q[x].r</c> is head <c>p</c> with path ["q", x, "r"]. For v0 <c>p[k] = v { … }</c> the ref is
/// <c>p[k]</c> (a partial object) and for v0 <c>p[x] { … }</c> the kind is <see cref="RuleKind.PartialSet"/> with key x.
/// </summary>
public sealed class RuleHead(RefTerm @ref, RuleKind kind, IReadOnlyList<Term>? args, Term? key, Term? value, bool assign, SourceLocation location)
{
    public RefTerm Ref { get; } = @ref;
    public RuleKind Kind { get; } = kind;

    /// <summary>Function parameters; null unless <see cref="Kind"/> is <see cref="RuleKind.Function"/>.</summary>
    public IReadOnlyList<Term>? Args { get; } = args;

    /// <summary>The element of a partial set rule; null otherwise.</summary>
    public Term? Key { get; } = key;

    /// <summary>The value; null means the value is <c>true</c> (or the rule is a partial set).</summary>
    public Term? Value { get; } = value;

    /// <summary>True when written with <c>:=</c>.</summary>
    public bool Assign { get; } = assign;

    public SourceLocation Location { get; } = location;

    /// <summary>The first element of the ref: the rule's short name.</summary>
    public string Name => ((VarTerm)Ref.Head).Name;
}
