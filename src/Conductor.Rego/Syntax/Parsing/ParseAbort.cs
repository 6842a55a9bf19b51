namespace Conductor.Rego.Syntax.Parsing;

/// <summary>
/// A parse failure that must not be retried by speculative parsing (nesting too deep, backtracking budget spent).
/// Kept apart from <see cref="RegoException"/> so the parser's "try another reading" paths cannot swallow it.
/// </summary>
internal sealed class ParseAbort(RegoError error) : Exception(error.Message)
{
    public RegoError Error { get; } = error;
}
