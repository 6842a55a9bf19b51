namespace Conductor.Rego.Syntax;

/// <summary>
/// A rule: head, body (an empty body always holds), <c>default</c> flag, and an <c>else</c> chain. An else rule has
/// the same ref as its parent; its head value (null = true) is used when the bodies before it are undefined.
/// A rule with several bodies (<c>p { a } { b }</c>) is parsed as several rules with the same head.
/// </summary>
public sealed class Rule(RuleHead head, Body body, bool isDefault, Rule? @else, SourceLocation location, string text)
{
    public RuleHead Head { get; } = head;
    public Body Body { get; } = body;
    public bool IsDefault { get; } = isDefault;
    public Rule? Else { get; } = @else;
    public SourceLocation Location { get; } = location;

    /// <summary>The source text of the whole rule.</summary>
    public string Text { get; } = text;
}
