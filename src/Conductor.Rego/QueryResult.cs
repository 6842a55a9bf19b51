namespace Conductor.Rego;

/// <summary>All solutions of a query, in evaluation order; none means the query is undefined.</summary>
public sealed class QueryResult(IReadOnlyList<QueryResultRow> rows)
{
    public IReadOnlyList<QueryResultRow> Rows { get; } = rows;

    public bool IsUndefined => Rows.Count == 0;
}
