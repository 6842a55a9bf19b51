namespace Conductor.Rego.Syntax.Parsing;

/// <summary>How a rule was written; the v1 syntax checks run on these after the whole module has parsed.</summary>
internal readonly record struct RuleFlags(
    SourceLocation Location,
    bool IsFunction,
    bool IsPartialSet,
    bool IsDefault,
    bool HasIf,
    bool UsesContains,
    bool GeneratedBody,
    bool GeneratedValue);
