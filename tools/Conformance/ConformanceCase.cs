using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Conformance;

/// <summary>
/// One test case in OPA's conformance format (OPA's <c>test/cases</c> YAML, also used by rego-cpp):
/// modules, data and input to evaluate a query with, and the expected bindings, definedness, print output or error.
/// </summary>
public sealed record ConformanceCase
{
    /// <summary>Path of the YAML file, relative to the base directory the cases were loaded against ('/' separators).</summary>
    public required string File { get; init; }

    /// <summary>The case's note; a repeated note in one file gets " #2", " #3"... so that every case has a distinct key.</summary>
    public required string Note { get; init; }

    public required string Query { get; init; }

    /// <summary>Module sources; the runner names them <c>test-0.rego</c>, <c>test-1.rego</c>... as OPA's runner does.</summary>
    public IReadOnlyList<string> Modules { get; init; } = [];

    public ObjectValue? Data { get; init; }

    public Value? Input { get; init; }

    /// <summary>The input written as a Rego term (evaluated to a value before the query runs).</summary>
    public string? InputTerm { get; init; }

    /// <summary>Expected solutions: one object of variable bindings per result, compared as a set of JSON values.</summary>
    public IReadOnlyList<ObjectValue>? WantResult { get; init; }

    public bool? WantDefined { get; init; }

    /// <summary>Text the error message must contain.</summary>
    public string? WantError { get; init; }

    public string? WantErrorCode { get; init; }

    /// <summary>Sort array values of bindings before comparing (OPA's <c>sort_bindings</c>).</summary>
    public bool SortBindings { get; init; }

    public bool StrictError { get; init; }

    /// <summary>Leave out bindings of variables the engine generated (<c>__localq...</c>, <c>$...</c>).</summary>
    public bool IgnoreGeneratedVars { get; init; }

    /// <summary>Environment for the case, offered to policies as <c>opa.runtime().env</c> (never set on the process).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Expected <c>print</c> output (rego-cpp's extension): the printed lines joined by newlines.</summary>
    public string? WantOutput { get; init; }

    /// <summary>Rego syntax of the modules and query: v1 unless the case says <c>rego_version: 0</c> or <c>v0_compatible: true</c>.</summary>
    public RegoVersion Version { get; init; } = RegoVersion.V1;

    /// <summary>Set when the file could not be read as cases; such a pseudo-case always fails with this reason.</summary>
    public string? LoadError { get; init; }

    /// <summary>"file note", the key known-failure lists use.</summary>
    public string Key => $"{File} {Note}";
}
