namespace Conductor.Rego.Syntax.Parsing;

/// <summary>The kinds of token the Rego lexer produces.</summary>
internal enum TokenKind : byte
{
    Eof,
    Illegal,
    Ident,
    Number,
    String,

    // Keywords that are always reserved.
    Package,
    Import,
    As,
    Default,
    Else,
    Not,
    Some,
    With,
    Null,
    True,
    False,

    // Future keywords: reserved in v1, and in v0 only after `import future.keywords...` or `import rego.v1`.
    If,
    Contains,
    In,
    Every,

    LBrack,
    RBrack,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    Semicolon,
    Dot,
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Equal,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    Unify,
    Assign,

    /// <summary>Template string text ending at an embedded expression's <c>{</c> (starts at <c>$"</c> or at the previous expression's <c>}</c>).</summary>
    TemplatePart,

    /// <summary>Template string text ending at the closing quote.</summary>
    TemplateEnd,
}
