namespace Conductor.Rego.Syntax.Parsing;

/// <summary>
/// One token. <see cref="Text"/> is the identifier, the number literal, the decoded string value, or the error
/// message of an <see cref="TokenKind.Illegal"/> token. <see cref="NewlineBefore"/> makes newlines separate
/// expressions in bodies; <see cref="SpaceBefore"/> makes <c>a [1]</c> two terms while <c>a[1]</c> is a ref.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, int Row, int Col, bool NewlineBefore, bool SpaceBefore, string? Text);
