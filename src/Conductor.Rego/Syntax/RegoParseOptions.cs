namespace Conductor.Rego.Syntax;

/// <summary>Options for <see cref="RegoParser"/>.</summary>
public sealed record RegoParseOptions
{
    /// <summary>The syntax version; v1 unless the caller asks for v0 (<c>--v0-compatible</c>).</summary>
    public RegoVersion Version { get; init; } = RegoVersion.V1;

    /// <summary>Keep comments in the module (needed for METADATA annotations).</summary>
    public bool ProcessAnnotations { get; init; } = true;

    /// <summary>Limit on nesting of terms and bodies, so hostile input gets an error, not a stack overflow.</summary>
    public int MaxNestingDepth { get; init; } = 512;

    public static readonly RegoParseOptions Default = new();
}
