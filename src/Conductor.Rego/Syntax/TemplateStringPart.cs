namespace Conductor.Rego.Syntax;

/// <summary>One part of a <see cref="TemplateStringTerm"/>: literal text, or an embedded expression (<c>{input.name}</c>).</summary>
public sealed class TemplateStringPart
{
    private TemplateStringPart(string? text, Expr? expression)
    {
        Text = text;
        Expression = expression;
    }

    /// <summary>The literal text (escapes decoded); null when this part is an expression.</summary>
    public string? Text { get; }

    /// <summary>The embedded expression; null when this part is literal text. Never negated, never <c>=</c>, <c>:=</c>, <c>some</c> or <c>every</c>.</summary>
    public Expr? Expression { get; }

    public static TemplateStringPart Literal(string text) => new(text, null);

    public static TemplateStringPart Embedded(Expr expression) => new(null, expression);
}
