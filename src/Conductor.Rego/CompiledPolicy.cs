using Conductor.Rego.Syntax;

namespace Conductor.Rego;

/// <summary>
/// A set of modules, compiled once (names resolved, safety checked, rules indexed) and shared read-only
/// between any number of concurrent evaluations.
/// </summary>
public sealed class CompiledPolicy
{
    private CompiledPolicy(IReadOnlyList<Module> modules, CompileOptions options)
    {
        Modules = modules;
        Options = options;
    }

    public IReadOnlyList<Module> Modules { get; }

    public CompileOptions Options { get; }

    /// <summary>Compiles modules; raises <see cref="RegoException"/> listing every compile error.</summary>
    public static CompiledPolicy Compile(IReadOnlyList<Module> modules, CompileOptions? options = null) =>
        throw new NotImplementedException("compiler pending");

    /// <summary>Parses and compiles a query against this policy.</summary>
    public PreparedQuery Prepare(string query, RegoParseOptions? parseOptions = null) =>
        Prepare(RegoParser.ParseQuery(query, parseOptions));

    public PreparedQuery Prepare(Body query) => throw new NotImplementedException("compiler pending");
}
