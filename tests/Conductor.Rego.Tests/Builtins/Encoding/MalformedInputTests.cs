using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Encodings.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Encodings;

/// <summary>Bad input to the encoding, JSON, YAML, GraphQL and time builtins is a builtin error (or false), never a crash.</summary>
public class MalformedInputTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "json.unmarshal", "\"\\ud800\"" },
        { "json.unmarshal", "1e400" },
        { "json.unmarshal", new string('[', 20000) },
        { "json.unmarshal", "" },
        { "json.unmarshal", "{\"a\":1,}" },
        { "yaml.unmarshal", "a: *x" },
        { "yaml.unmarshal", "a: [1, 2" },
        { "yaml.unmarshal", "- .inf" },
        { "yaml.unmarshal", new string('[', 20000) },
        { "graphql.parse_query", new string('{', 20000) },
        { "graphql.parse_query", "query { a(x: \"unterminated) }" },
        { "graphql.parse_schema", "type Q { a: [Int }" },
        { "base64.decode", "====" },
        { "base64url.decode", "a" },
        { "hex.decode", "zz" },
        { "urlquery.decode", "%" },
        { "urlquery.decode_object", "a=%zz" },
        { "time.parse_rfc3339_ns", "2024-02-30T00:00:00Z" },
        { "time.parse_rfc3339_ns", "99999-01-01T00:00:00Z" },
        { "time.parse_duration_ns", "1.5.5s" },
        { "time.parse_duration_ns", "-" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsABuiltinError(string name, string text)
    {
        try
        {
            var result = Invoke(name, S(text));
            // Accepting is fine for a few (e.g. a lone surrogate), but the result must be a value.
            Assert.NotNull(result);
        }
        catch (BuiltinException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
        }
    }

    [Fact]
    public void ValidityChecksAnswerFalse()
    {
        Assert.Equal(BooleanValue.False, Invoke("json.is_valid", S(new string('[', 20000))));
        Assert.Equal(BooleanValue.False, Invoke("yaml.is_valid", S("a: [1, 2")));
        Assert.Equal(BooleanValue.False, Invoke("graphql.schema_is_valid", S(new string('{', 20000))));
        Assert.Equal(BooleanValue.False, Invoke("graphql.is_valid", S(new string('{', 20000)), S("type Query { a: Int }")));
    }

    [Fact]
    public void DeeplyNestedGraphQLAstObjectsAreRejected()
    {
        // A hand-made query AST nesting selection sets 400 deep.
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 400; i++) sb.Append("{\"Alias\":\"a\",\"Name\":\"a\",\"SelectionSet\":[");
        sb.Append("{\"Alias\":\"b\",\"Name\":\"b\"}");
        for (var i = 0; i < 400; i++) sb.Append("]}");
        var query = J("{\"Operations\":[{\"Operation\":\"query\",\"SelectionSet\":[" + sb + "]}]}");
        Assert.Equal(BooleanValue.False, Invoke("graphql.is_valid", query, S("type Query { a: Query b: Int }")));
        Assert.Contains("nest too deeply", BuiltinError("graphql.parse", query, S("type Query { a: Query b: Int }")));
    }

    [Fact]
    public void SchemaErrorsAreReported()
    {
        Assert.Equal("[false,\"jsonschema: Reference #/definitions/missing could not be resolved\"]",
            Invoke("json.verify_schema", J("""{"$ref": "#/definitions/missing"}"""))!.ToJson());
        Assert.Equal("[false,\"jsonschema: remote reference http://example.com/s.json is not allowed\"]",
            Invoke("json.verify_schema", J("""{"$ref": "http://example.com/s.json"}"""))!.ToJson());
        // A self-referencing schema terminates.
        var result = Invoke("json.match_schema", J("""{"a": {"a": {"a": 1}}}"""),
            J("""{"type": "object", "properties": {"a": {"$ref": "#"}}}"""))!.ToJson();
        Assert.Equal("""[false,[{"desc":"Invalid type. Expected: object, given: integer","error":"a.a.a: Invalid type. Expected: object, given: integer","field":"a.a.a","type":"invalid_type"}]]""", result);
        Assert.Throws<BuiltinException>(() => Invoke("json.match_schema", J("{}"), J("""{"$ref": "#"}""")));
    }
}
