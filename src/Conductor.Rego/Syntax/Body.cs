namespace Conductor.Rego.Syntax;

/// <summary>A query or rule body: expressions that must all hold (in order, after the compiler's reordering for safety).</summary>
public sealed class Body(IReadOnlyList<Expr> exprs, SourceLocation location)
{
    public IReadOnlyList<Expr> Exprs { get; } = exprs;
    public SourceLocation Location { get; } = location;
}
