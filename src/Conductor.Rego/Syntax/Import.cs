namespace Conductor.Rego.Syntax;

/// <summary><c>import data.x.y as z</c>, <c>import input.a</c>, <c>import rego.v1</c>, <c>import future.keywords.in</c>.</summary>
public sealed class Import(RefTerm path, string? alias, SourceLocation location)
{
    /// <summary>The imported ref; a bare <c>import data</c> or <c>import input</c> is a ref with an empty path.</summary>
    public RefTerm Path { get; } = path;
    public string? Alias { get; } = alias;
    public SourceLocation Location { get; } = location;
}
