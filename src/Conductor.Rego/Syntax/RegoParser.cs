using Conductor.Rego.Syntax.Parsing;

namespace Conductor.Rego.Syntax;

/// <summary>Parses Rego source (v1 by default, v0 on request). Errors raise <see cref="RegoException"/> with code <c>rego_parse_error</c> and file:row:col.</summary>
/// <remarks>
/// Follows OPA 1.x's parser and messages. Deliberate differences: <c>-x</c> on a non-literal is <c>minus(0, x)</c>
/// (OPA rejects it; rego-cpp accepts it); a query may end with <c>;</c>; an else rule's <see cref="Rule.Text"/> is its
/// own clause (OPA's runs to the end of the chain); wildcards stay <c>_</c> and generated rule bodies are empty.
/// A syntax error stops the parse (one error); the v1 rule checks (<c>if</c>/<c>contains</c> required) report every
/// rule at once. Columns count UTF-16 code units.
/// </remarks>
public static class RegoParser
{
    /// <summary>Parses a module: a package, imports and rules.</summary>
    /// <param name="file">The file name used in locations.</param>
    /// <param name="source">The Rego text.</param>
    /// <param name="options">Version, annotation and nesting options; <see cref="RegoParseOptions.Default"/> when null.</param>
    /// <exception cref="RegoException">The source is not valid Rego (code <c>rego_parse_error</c>).</exception>
    public static Module ParseModule(string file, string source, RegoParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(source);
        return Run(file, () =>
        {
            using var parser = new RegoSyntaxParser(file, source, options ?? RegoParseOptions.Default);
            return parser.ParseModule();
        });
    }

    /// <summary>Parses a query: one or more expressions separated by newlines or semicolons.</summary>
    /// <exception cref="RegoException">The source is not a valid query (code <c>rego_parse_error</c>).</exception>
    public static Body ParseQuery(string source, RegoParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Run("", () =>
        {
            using var parser = new RegoSyntaxParser("", source, options ?? RegoParseOptions.Default);
            return parser.ParseQuery();
        });
    }

    private static T Run<T>(string file, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ParseAbort abort)
        {
            throw new RegoException([abort.Error]);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new RegoException(RegoErrorCodes.ParseError, "max parsing recursion depth exceeded", new SourceLocation(file, 1, 1));
        }
    }
}
