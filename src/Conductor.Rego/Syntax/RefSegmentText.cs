using Conductor.Rego.Values;

namespace Conductor.Rego.Syntax;

/// <summary>How OPA prints one string segment of a ref: <c>.name</c> for an identifier, <c>["any text"]</c> otherwise.</summary>
internal static class RefSegmentText
{
    /// <summary>An ASCII identifier: a letter or underscore, then letters, digits and underscores.</summary>
    public static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary><c>.name</c> or <c>["text"]</c> (the string as a JSON literal).</summary>
    public static string Of(string segment) =>
        IsIdentifier(segment) ? "." + segment : "[" + new StringValue(segment).ToJson() + "]";
}
