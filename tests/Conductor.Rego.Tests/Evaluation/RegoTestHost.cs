using Conductor.Rego;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>Compiles modules and runs queries for the evaluator tests.</summary>
internal static class RegoTestHost
{
    public static CompiledPolicy Compile(params string[] modules) =>
        CompiledPolicy.Compile(modules.Select((m, i) => RegoParser.ParseModule($"m{i}.rego", m)).ToList());

    public static QueryResult Eval(string query, string? input = null, string? data = null, params string[] modules) =>
        Compile(modules).Prepare(query).Evaluate(new EvaluationOptions
        {
            Input = input is null ? null : JsonValueReader.Parse(input),
            Data = data is null ? null : JsonValueReader.Parse(data),
        });

    /// <summary>The value of the first expression of the only result, as JSON, or "undefined".</summary>
    public static string Value(string query, string? input = null, string? data = null, params string[] modules)
    {
        var r = Eval(query, input, data, modules);
        return r.IsUndefined ? "undefined" : r.Rows[0].Expressions[0].ToJson();
    }

    /// <summary>All bindings of one variable, as JSON values in result order.</summary>
    public static string[] Bindings(string query, string variable, string? input = null, string? data = null, params string[] modules) =>
        Eval(query, input, data, modules).Rows.Select(r => r.Bindings[variable].ToJson()).ToArray();
}
