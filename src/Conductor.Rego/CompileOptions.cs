using Conductor.Rego.Builtins;

namespace Conductor.Rego;

/// <summary>Options for <see cref="CompiledPolicy.Compile"/>.</summary>
public sealed record CompileOptions
{
    public BuiltinRegistry Builtins { get; init; } = BuiltinRegistry.Default;

    /// <summary>OPA's strict mode: unused local variables and imports, deprecated builtins are errors.</summary>
    public bool Strict { get; init; }

    public static readonly CompileOptions Default = new();
}
