namespace Conductor.Rego.Syntax;

/// <summary>
/// A template string (OPA 1.x): <c>$"Hello {input.name}!"</c> or the raw form <c>$`...{x}...`</c>. The value is the
/// concatenation of the parts; an embedded expression contributes its value (OPA prints non-strings as JSON and an
/// undefined expression as <c>&lt;undefined&gt;</c>). <c>\{</c> writes a literal brace. Empty literal parts are omitted.
/// </summary>
public sealed class TemplateStringTerm(IReadOnlyList<TemplateStringPart> parts, bool raw, SourceLocation location) : Term(location)
{
    public IReadOnlyList<TemplateStringPart> Parts { get; } = parts;

    /// <summary>True for the raw (backquoted, multi-line) form.</summary>
    public bool Raw { get; } = raw;
}
