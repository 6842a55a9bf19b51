using Conductor.Rego.Compilation;
using Conductor.Rego.Syntax;

namespace Conductor.Rego;

/// <summary>
/// A set of modules, compiled once (names resolved, safety checked, rules indexed) and shared read-only
/// between any number of concurrent evaluations.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly PolicyCompiler _compiler;
    private readonly object _prepareLock = new();

    private CompiledPolicy(IReadOnlyList<Module> modules, CompileOptions options, PolicyCompiler compiler)
    {
        Modules = modules;
        Options = options;
        _compiler = compiler;
    }

    public IReadOnlyList<Module> Modules { get; }

    public CompileOptions Options { get; }

    internal RuleNode Root => _compiler.Root;

    internal int InputCacheSlots => _compiler.InputCacheSlots;

    /// <summary>METADATA annotations of the modules, for rego.metadata.rule() and rego.metadata.chain().</summary>
    internal Annotations.AnnotationIndex Annotations { get; private init; } = null!;

    /// <summary>Compiles modules; raises <see cref="RegoException"/> listing every compile error.</summary>
    public static CompiledPolicy Compile(IReadOnlyList<Module> modules, CompileOptions? options = null)
    {
        options ??= CompileOptions.Default;
        // Rego v1's name checks run in an early OPA compile stage: when they fail, nothing else is reported.
        var v1Errors = StrictChecks.CheckRegoV1Names(modules);
        if (v1Errors.Count > 0) throw new RegoException(v1Errors);
        var compiler = new PolicyCompiler(options);
        compiler.AddModules(modules);
        var errors = compiler.Errors.ToList();
        // Deprecated builtins are OPA's last stage: reported only when everything else compiled.
        if (errors.Count == 0) errors.AddRange(StrictChecks.CheckRegoV1Deprecated(modules, options.Builtins));
        // The compiler already rejects some strict-mode problems (duplicate imports); list each error once.
        if (options.Strict) errors.AddRange(StrictChecks.Check(modules, options.Builtins).Where(e => !errors.Contains(e)).ToList());
        if (errors.Count > 0) throw new RegoException(errors);
        return new CompiledPolicy(modules, options, compiler) { Annotations = Conductor.Rego.Annotations.AnnotationIndex.Build(modules) };
    }

    /// <summary>Parses and compiles a query against this policy.</summary>
    public PreparedQuery Prepare(string query, RegoParseOptions? parseOptions = null) =>
        Prepare(RegoParser.ParseQuery(query, parseOptions));

    /// <summary>Compiles a parsed query against this policy.</summary>
    public PreparedQuery Prepare(Body query)
    {
        lock (_prepareLock)
        {
            var compiled = _compiler.CompileQuery(query);
            var errors = _compiler.TakeErrors();
            if (compiled is null || errors.Count > 0) throw new RegoException(errors.Count > 0 ? errors : [new RegoError(RegoErrorCodes.CompileError, "query could not be compiled")]);
            return new PreparedQuery(query, compiled, this);
        }
    }
}
