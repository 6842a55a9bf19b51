namespace Conductor.Rego.Syntax;

/// <summary>Parses Rego source (v1 by default, v0 on request). Errors raise <see cref="RegoException"/> with code <c>rego_parse_error</c> and file:row:col.</summary>
public static class RegoParser
{
    public static Module ParseModule(string file, string source, RegoParseOptions? options = null) =>
        throw new NotImplementedException("parser pending");

    /// <summary>Parses a query: one or more expressions separated by newlines or semicolons.</summary>
    public static Body ParseQuery(string source, RegoParseOptions? options = null) =>
        throw new NotImplementedException("parser pending");
}
