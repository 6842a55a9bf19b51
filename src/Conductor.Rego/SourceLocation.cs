namespace Conductor.Rego;

/// <summary>A position in a source file (1-based row and column), as OPA reports it.</summary>
public sealed record SourceLocation(string File, int Row, int Col)
{
    public override string ToString() => File.Length == 0 ? $"{Row}:{Col}" : $"{File}:{Row}:{Col}";
}
