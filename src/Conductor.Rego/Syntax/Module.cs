namespace Conductor.Rego.Syntax;

/// <summary>A parsed Rego file.</summary>
public sealed class Module(string file, Package package, IReadOnlyList<Import> imports, IReadOnlyList<Rule> rules,
    IReadOnlyList<Comment> comments, RegoVersion version)
{
    public string File { get; } = file;
    public Package Package { get; } = package;
    public IReadOnlyList<Import> Imports { get; } = imports;
    public IReadOnlyList<Rule> Rules { get; } = rules;
    public IReadOnlyList<Comment> Comments { get; } = comments;

    /// <summary>The syntax version the module was parsed with (v0 modules that import rego.v1 report V1).</summary>
    public RegoVersion Version { get; } = version;
}
