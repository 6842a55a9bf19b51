namespace Conductor.Rego.Syntax;

/// <summary>One expression (literal) of a body, possibly negated with <c>not</c> and carrying <c>with</c> modifiers.</summary>
public abstract class Expr
{
    protected Expr(bool negated, IReadOnlyList<WithModifier> with, SourceLocation location, string text)
    {
        Negated = negated;
        With = with;
        Location = location;
        Text = text;
    }

    public bool Negated { get; }
    public IReadOnlyList<WithModifier> With { get; }
    public SourceLocation Location { get; }

    /// <summary>The source text of the expression (OPA reports it as <c>text</c> in eval output).</summary>
    public string Text { get; }
}

/// <summary>A term used as an expression: true unless undefined or <c>false</c>. Calls, unification and assignment are <see cref="CallTerm"/>s here.</summary>
public sealed class TermExpr(Term term, bool negated, IReadOnlyList<WithModifier> with, SourceLocation location, string text)
    : Expr(negated, with, location, text)
{
    public Term Term { get; } = term;
}

/// <summary><c>some x, y</c>: declares local variables.</summary>
public sealed class SomeDeclExpr(IReadOnlyList<VarTerm> vars, SourceLocation location, string text)
    : Expr(false, [], location, text)
{
    public IReadOnlyList<VarTerm> Vars { get; } = vars;
}

/// <summary><c>some v in xs</c> or <c>some k, v in xs</c>; <see cref="Key"/> is null in the one-variable form. Key and value may be any term (patterns).</summary>
public sealed class SomeInExpr(Term? key, Term value, Term collection, IReadOnlyList<WithModifier> with, SourceLocation location, string text)
    : Expr(false, with, location, text)
{
    public Term? Key { get; } = key;
    public Term Value { get; } = value;
    public Term Collection { get; } = collection;
}

/// <summary><c>every v in xs { body }</c> or <c>every k, v in xs { body }</c>.</summary>
public sealed class EveryExpr(VarTerm? key, VarTerm value, Term domain, Body body, IReadOnlyList<WithModifier> with, SourceLocation location, string text)
    : Expr(false, with, location, text)
{
    public VarTerm? Key { get; } = key;
    public VarTerm Value { get; } = value;
    public Term Domain { get; } = domain;
    public Body Body { get; } = body;
}

/// <summary><c>with target as value</c>; the target is a ref (<c>input.x</c>, <c>data.a.b</c>) or a function/builtin name.</summary>
public sealed class WithModifier(Term target, Term value, SourceLocation location)
{
    public Term Target { get; } = target;
    public Term Value { get; } = value;
    public SourceLocation Location { get; } = location;
}
