using Conductor.Rego.Syntax;

namespace Conductor.Rego;

/// <summary>A compiled query, ready to evaluate many times with different input.</summary>
public sealed class PreparedQuery
{
    internal PreparedQuery(Body query) => Query = query;

    /// <summary>The query as parsed (expression texts and locations for output).</summary>
    public Body Query { get; }

    /// <summary>Evaluates the query; raises <see cref="RegoException"/> on evaluation errors, cancellation or limits.</summary>
    public QueryResult Evaluate(EvaluationOptions options) => throw new NotImplementedException("evaluator pending");
}
