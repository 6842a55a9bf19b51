namespace Conductor.Rego;

/// <summary>Raised for parse, compile and evaluation errors; carries one or more <see cref="RegoError"/>s.</summary>
public sealed class RegoException : Exception
{
    public RegoException(IReadOnlyList<RegoError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} errors occurred:\n" + string.Join("\n", errors))
    {
        Errors = errors;
    }

    public RegoException(string code, string message, SourceLocation? location = null)
        : this([new RegoError(code, message, location)])
    {
    }

    public IReadOnlyList<RegoError> Errors { get; }

    /// <summary>The code of the first error.</summary>
    public string Code => Errors[0].Code;
}
