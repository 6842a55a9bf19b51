namespace Conductor.Rego;

/// <summary>One error with OPA's stable code (see <see cref="RegoErrorCodes"/>), a message and, where known, a location.</summary>
public sealed record RegoError(string Code, string Message, SourceLocation? Location = null)
{
    /// <summary>OPA's one-line form: "file:row: code: message".</summary>
    public override string ToString() =>
        Location is null ? $"{Code}: {Message}" : $"{Location.File}:{Location.Row}: {Code}: {Message}";
}
