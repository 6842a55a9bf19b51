namespace Conductor.Rego.Syntax;

/// <summary><c>package a.b["c-d"]</c>: the path below <c>data</c>, as strings (["a", "b", "c-d"]).</summary>
public sealed class Package(IReadOnlyList<string> path, SourceLocation location)
{
    public IReadOnlyList<string> Path { get; } = path;
    public SourceLocation Location { get; } = location;

    /// <summary>The path as OPA prints it: <c>data.a.b</c>.</summary>
    public override string ToString() => "data." + string.Join('.', Path);
}
