using Conductor.Rego.Values;

namespace Conductor.Rego;

/// <summary>One solution of a query: the value of each query expression and the bindings of the query's own variables.</summary>
public sealed class QueryResultRow(IReadOnlyList<Value> expressions, IReadOnlyDictionary<string, Value> bindings)
{
    /// <summary>Value of each expression of the query, in order (true for expressions that are not plain terms).</summary>
    public IReadOnlyList<Value> Expressions { get; } = expressions;

    /// <summary>Bindings of variables the query wrote (not generated ones), by name.</summary>
    public IReadOnlyDictionary<string, Value> Bindings { get; } = bindings;
}
