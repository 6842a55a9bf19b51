namespace Conductor.Rego.Builtins.RegularExpressions;

/// <summary>A pattern RE2 would reject; the message is Go's ("error parsing regexp: missing closing ]: `[`").</summary>
internal sealed class Re2SyntaxException(string message) : Exception(message);
