using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Loading;

/// <summary>What <see cref="PolicyLoader"/> read: the parsed modules (named by their file paths) and one merged data document.</summary>
public sealed class LoadedPolicies(IReadOnlyList<Module> modules, ObjectValue data)
{
    /// <summary>Parsed Rego modules in load order; each module's <see cref="Module.File"/> is the path it was read from.</summary>
    public IReadOnlyList<Module> Modules { get; } = modules;

    /// <summary>The base <c>data</c> document: every data file merged under its directory path.</summary>
    public ObjectValue Data { get; } = data;
}
