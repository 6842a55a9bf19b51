namespace Conductor.Rego.Syntax;

/// <summary>A <c>#</c> comment: the text after the <c>#</c> (METADATA annotations are read from these).</summary>
public sealed class Comment(string text, SourceLocation location)
{
    public string Text { get; } = text;
    public SourceLocation Location { get; } = location;
}
