using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Loading;

/// <summary>Options for <see cref="PolicyLoader"/>.</summary>
public sealed record PolicyLoadOptions
{
    /// <summary>How <c>.rego</c> files are parsed (v1 by default; v0 for <c>--v0-compatible</c>).</summary>
    public RegoParseOptions ParseOptions { get; init; } = RegoParseOptions.Default;

    /// <summary>Nesting limit for JSON and YAML data files, so a hostile file gets an error rather than a stack overflow.</summary>
    public int MaxDataDepth { get; init; } = JsonValueReader.DefaultMaxDepth;

    /// <summary>Limit on directory nesting while walking a path (guards against symbolic-link cycles).</summary>
    public int MaxDirectoryDepth { get; init; } = 128;

    /// <summary>
    /// The syntax version of one <c>.rego</c> file (given its path as loaded), overriding <see cref="ParseOptions"/>;
    /// null keeps the default. Bundle manifests use this for <c>rego_version</c> and <c>file_rego_versions</c>.
    /// </summary>
    public Func<string, RegoVersion?>? FileRegoVersion { get; init; }

    public static readonly PolicyLoadOptions Default = new();
}
