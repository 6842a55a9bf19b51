using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>Every module and query of the shared conformance cases parses, except cases that expect a parse error.</summary>
public sealed class ConformanceParseTests
{
    /// <summary>Cases that cannot parse under v1 rules, with the reason (see the report of the parser work).</summary>
    private static readonly Dictionary<string, string> KnownFailures = new(StringComparer.Ordinal)
    {
        ["opa/v1/all/test-all-0027.yaml#all/empty set"] = V0Syntax,
        ["opa/v1/all/test-all-0029.yaml#all/set success"] = V0Syntax,
        ["opa/v1/all/test-all-0030.yaml#all/array success"] = V0Syntax,
        ["opa/v1/all/test-all-0032.yaml#all/array fail"] = V0Syntax,
        ["opa/v1/all/test-all-0033.yaml#all/other types"] = V0Syntax,
        ["opa/v1/any/test-any-0034.yaml#any/empty set"] = V0Syntax,
        ["opa/v1/any/test-any-0036.yaml#any/set success"] = V0Syntax,
        ["opa/v1/any/test-any-0037.yaml#any/array success"] = V0Syntax,
        ["opa/v1/any/test-any-0039.yaml#any/array fail"] = V0Syntax,
        ["opa/v1/any/test-any-0040.yaml#any/other types"] = V0Syntax,
        ["opa/v1/regexmatch/test-regexmatch-0855.yaml#regexmatch/re_match"] = V0Syntax,
        ["opa/v1/regexmatch/test-regexmatch-0857.yaml#regexmatch/re_match: bad pattern err"] = V0Syntax,
        ["opa/v1/regexmatch/test-regexmatch-0859.yaml#regexmatch/re_match: raw"] = V0Syntax,
    };

    private const string V0Syntax = "older OPA snapshot in a v1 folder: v0 rule bodies without `if` (deprecated builtins all/any/re_match)";

    [Fact]
    public void EveryConformanceModuleAndQueryParses()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var c in ConformanceCorpus.Load())
        {
            count++;
            var key = $"{c.File}#{c.Note}";
            var expectParseError = c.WantErrorCode == RegoErrorCodes.ParseError;
            string? error = null;
            try
            {
                for (var i = 0; i < c.Modules.Count; i++) RegoParser.ParseModule($"mod{i}.rego", c.Modules[i]);
                if (c.Query is not null) RegoParser.ParseQuery(c.Query);
            }
            catch (RegoException e)
            {
                error = e.Message;
                Assert.Equal(RegoErrorCodes.ParseError, e.Code);
            }
            var failed = expectParseError ? error is null : error is not null;
            if (failed && !KnownFailures.ContainsKey(key)) failures.Add($"{key}: {error ?? "parsed but a parse error was expected"}");
            if (!failed && KnownFailures.ContainsKey(key)) failures.Add($"{key}: listed as a known failure but passes now");
        }
        Assert.True(count > 500, $"only {count} cases found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} cases failed:\n" + string.Join("\n", failures));
    }
}
