using Conductor.Rego.Compilation;
using Conductor.Rego.Evaluation;
using Conductor.Rego.Syntax;

namespace Conductor.Rego;

/// <summary>A compiled query, ready to evaluate many times (concurrently, too) with different input.</summary>
public sealed class PreparedQuery
{
    private readonly CompiledQuery _compiled;
    private readonly CompiledPolicy _policy;

    internal PreparedQuery(Body query, CompiledQuery compiled, CompiledPolicy policy)
    {
        Query = query;
        _compiled = compiled;
        _policy = policy;
    }

    /// <summary>The query as parsed (expression texts and locations for output).</summary>
    public Body Query { get; }

    /// <summary>Evaluates the query; raises <see cref="RegoException"/> on evaluation errors, cancellation or limits.</summary>
    public QueryResult Evaluate(EvaluationOptions options)
    {
        var evaluator = new Evaluator(_policy.Root, options, _policy.Annotations, _policy.InputCacheSlots);
        return evaluator.EvaluateQuery(_compiled);
    }
}
