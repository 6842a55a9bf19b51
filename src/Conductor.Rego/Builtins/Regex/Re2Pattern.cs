namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>A translated RE2 pattern: the .NET pattern text and the RE2 name (or null) of each capture group, in order.</summary>
internal sealed record Re2Pattern(string DotNetPattern, string?[] GroupNames);
