using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Encodings.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Encodings;

public class JsonBuiltinsTests
{
    private static string Text(Value? v) => ((StringValue)v!).Value;

    [Fact]
    public void MarshalIsCompactSortedAndHtmlSafe()
    {
        var set = new SetValue([S("b"), S("a")]);
        var obj = ObjectValue.FromPairs([
            new KeyValuePair<string, Value>("z", NumberValue.Of(1)),
            new KeyValuePair<string, Value>("a", set),
            new KeyValuePair<string, Value>("h", S("<&>")),
        ]);
        Assert.Equal("""{"a":["a","b"],"h":"\u003c\u0026\u003e","z":1}""", Text(Invoke("json.marshal", obj)));
        // JSON input keeps each number as written (as OPA's json.Number does); computed numbers print canonically.
        Assert.Equal("[1234567890,2e6,1e9,1.50]", Text(Invoke("json.marshal", J("[1234567890, 2e6, 1e9, 1.50]"))));
    }

    [Fact]
    public void MarshalWithOptionsFollowsMarshalIndent()
    {
        var doc = J("""{"a": [1, {"b": []}], "c": {}}""");
        Assert.Equal("{\n\t\"a\": [\n\t\t1,\n\t\t{\n\t\t\t\"b\": []\n\t\t}\n\t],\n\t\"c\": {}\n}",
            Text(Invoke("json.marshal_with_options", doc, J("""{"pretty": true}"""))));
        Assert.Equal("--{\n--  \"c\": {}\n--}", Text(Invoke("json.marshal_with_options", J("""{"c": {}}"""), J("""{"prefix": "--", "indent": "  "}"""))));
        Assert.Equal("""{"c":{}}""", Text(Invoke("json.marshal_with_options", J("""{"c": {}}"""), J("""{"indent": "  ", "pretty": false}"""))));
        Assert.Equal("""{"c":{}}""", Text(Invoke("json.marshal_with_options", J("""{"c": {}}"""), J("{}"))));
        Assert.Equal("operand 2 object contained unknown key foo", TypeError("json.marshal_with_options", J("1"), J("""{"foo": 1}""")));
        Assert.Equal("operand 2 key pretty failed cast to bool",
            TypeError("json.marshal_with_options", J("1"), J("""{"pretty": "yes"}""")));
    }

    [Theory]
    [InlineData("json.filter", "(object[any: any], any<array[any<string, array[any]>], set[any<string, array[any]>]>) => object[any: any]")]
    [InlineData("json.remove", "(object[any: any], any<array[any<string, array[any]>], set[any<string, array[any]>]>) => object[any: any]")]
    [InlineData("json.marshal_with_options", "(any, object<indent: string, prefix: string, pretty: boolean>[string: any]) => string")]
    [InlineData("json.patch", "(any, array[object<op: string, path: any>[any: any]]) => any")]
    [InlineData("json.match_schema",
        "(any<string, object[any: any]>, any<string, object[any: any]>) => array<boolean, array[object<desc: string, error: string, field: string, type: string>]>")]
    public void SignaturesMatchOpasInItsShortForm(string name, string expected) =>
        Assert.Equal(expected, Conductor.Rego.Tests.Builtins.Core.ComparisonBuiltinsTests.Signature(name));

    [Fact]
    public void UnmarshalAndIsValid()
    {
        Assert.Equal("""[{"foo":[1,2,3]}]""", Invoke("json.unmarshal", S("""[{"foo":[1,2,3]}]"""))!.ToJson());
        Assert.Equal("operand 1 must be string but got number", TypeError("json.unmarshal", NumberValue.Of(1)));
        Assert.Equal("unexpected EOF", BuiltinError("json.unmarshal", S("{")));
        Assert.Equal("EOF", BuiltinError("json.unmarshal", S(" ")));
        Assert.Equal("invalid character 'p' looking for beginning of value", BuiltinError("json.unmarshal", S("plainstring")));
        Assert.Equal("invalid character '}' looking for beginning of object key string", BuiltinError("json.unmarshal", S("{\"a\":1,}")));
        Assert.Equal("invalid character 'x' after object key:value pair", BuiltinError("json.unmarshal", S("{\"a\":1 x")));
        Assert.Equal("invalid character ']' after object key", BuiltinError("json.unmarshal", S("{\"a\"]")));
        Assert.Equal("invalid character 'x' after array element", BuiltinError("json.unmarshal", S("[1 x]")));
        Assert.Equal("invalid character 'a' in literal true (expecting 'r')", BuiltinError("json.unmarshal", S("ta")));
        Assert.Equal("invalid character '\\n' in string literal", BuiltinError("json.unmarshal", S("\"a\nb\"")));
        Assert.Equal("invalid character 'x' in numeric literal", BuiltinError("json.unmarshal", S("-x")));
        Assert.Equal("error: invalid character '{' after top-level value", BuiltinError("json.unmarshal", S("{} {}")));
        Assert.Equal("error: invalid character '2' after top-level value", BuiltinError("json.unmarshal", S("1 2")));
        Assert.Equal("invalid character 'x' looking for beginning of value", BuiltinError("json.unmarshal", S("1 x")));
        Assert.Equal("{}", Invoke("json.unmarshal", S("{} null"))!.ToJson());
        Assert.Equal(BooleanValue.True, Invoke("json.is_valid", S(new string('[', 5000) + new string(']', 5000))));
        Assert.Equal(BooleanValue.False, Invoke("json.is_valid", S("plainstring")));
        Assert.Equal(BooleanValue.False, Invoke("json.is_valid", S("{")));
        Assert.Equal(BooleanValue.False, Invoke("json.is_valid", S("{} {}")));
        Assert.Equal(BooleanValue.True, Invoke("json.is_valid", S("""{"json": "ok"}""")));
        Assert.Equal(BooleanValue.False, Invoke("json.is_valid", NumberValue.Of(1)));
    }

    [Fact]
    public void UnmarshalReadsLoneSurrogatesAsReplacementCharacters()
    {
        Assert.Equal(new StringValue("a\uFFFDb"), Invoke("json.unmarshal", S("\"a\\ud800b\"")));
        Assert.Equal(new StringValue("\U0001F600 \uFFFD"), Invoke("json.unmarshal", S("\"\\ud83d\\ude00 \\udc00\"")));
        Assert.Equal(BooleanValue.True, Invoke("json.is_valid", S("[\"\\ud800\"]")));
    }

    [Theory]
    [InlineData("""{"a": {"foo": 1}}""", """[{"op": "add", "path": "/a/bar", "value": 2}]""", """{"a":{"bar":2,"foo":1}}""")]
    [InlineData("""{"a": [1, 2]}""", """[{"op": "add", "path": "/a/1", "value": 9}]""", """{"a":[1,9,2]}""")]
    [InlineData("""{"a": [1, 2]}""", """[{"op": "add", "path": "/a/-", "value": 9}]""", """{"a":[1,2,9]}""")]
    [InlineData("""{"a": [1, 2]}""", """[{"op": "remove", "path": "a/0"}]""", """{"a":[2]}""")]
    [InlineData("""{"a": 1}""", """[{"op": "replace", "path": "/a", "value": 5}]""", """{"a":5}""")]
    [InlineData("""{"a": 1, "b": {}}""", """[{"op": "move", "from": "/a", "path": "/b/c"}]""", """{"b":{"c":1}}""")]
    [InlineData("""{"a": 1}""", """[{"op": "copy", "from": "/a", "path": "/b"}]""", """{"a":1,"b":1}""")]
    [InlineData("""{"a": 1}""", """[{"op": "test", "path": "/a", "value": 1}]""", """{"a":1}""")]
    [InlineData("""{"a/b": 1}""", """[{"op": "remove", "path": "/a~1b"}]""", """{}""")]
    [InlineData("""{"a": 1}""", """[{"op": "add", "path": ["x", "y"], "value": 1}, {"op": "remove", "path": "/a"}]""", null)]
    [InlineData("""{"a": 1}""", """[{"op": "replace", "path": "", "value": [1]}]""", "[1]")]
    public void PatchAppliesRfc6902(string doc, string patch, string? expected)
    {
        if (expected is null)
        {
            BuiltinError("json.patch", J(doc), J(patch));
            return;
        }
        Assert.Equal(expected, Invoke("json.patch", J(doc), J(patch))!.ToJson());
    }

    [Fact]
    public void PatchAddressesSetsByElement()
    {
        var doc = ObjectValue.FromPairs([new KeyValuePair<string, Value>("foo", new SetValue([S("a"), S("b"), S("c")]))]);
        Assert.Equal("""{"foo":["a","c"]}""", Invoke("json.patch", doc, J("""[{"op": "remove", "path": "foo/b"}]"""))!.ToJson());
        Assert.Equal("""{"foo":["a","b","c","d"]}""", Invoke("json.patch", doc, J("""[{"op": "add", "path": "foo/d", "value": "d"}]"""))!.ToJson());
        BuiltinError("json.patch", doc, J("""[{"op": "add", "path": "foo/d", "value": "e"}]"""));
        var nested = new SetValue([J("[1]")]);
        var result = Invoke("json.patch", nested, J("""[{"op": "add", "path": [[1], 1], "value": 2}]"""));
        Assert.Equal(new SetValue([J("[1, 2]")]), result);
        Assert.Equal("missing required attribute 'path'", BuiltinError("json.patch", J("{}"), J("""[{"op": "add"}]""")));
        Assert.Equal("unrecognized op: 'frob'", BuiltinError("json.patch", J("{}"), J("""[{"op": "frob", "path": "/a"}]""")));
        BuiltinError("json.patch", J("[1, 2, 3]"), J("""[{"op": "add", "path": "1.2", "value": "foo"}]"""));
    }

    [Theory]
    [InlineData("""["p", "q", "r"]""", """[{"op": "test", "path": "/02", "value": "r"}]""")]
    [InlineData("""["p", "q", "r"]""", """[{"op": "remove", "path": "/00"}]""")]
    [InlineData("""{"list": ["p", "q"]}""", """[{"op": "replace", "path": "/list/01", "value": "z"}]""")]
    [InlineData("""{"list": ["p", "q"]}""", """[{"op": "add", "path": "/list/000", "value": "z"}]""")]
    public void PatchRejectsArrayIndexesWithLeadingZeros(string doc, string patch) =>
        BuiltinError("json.patch", J(doc), J(patch));

    [Fact]
    public void PatchAcceptsZeroAndLeadingZeroObjectKeys()
    {
        Assert.Equal("""["z","q"]""", Invoke("json.patch", J("""["p", "q"]"""), J("""[{"op": "replace", "path": "/0", "value": "z"}]"""))!.ToJson());
        // Only array positions are numbers: an object key spelled with a leading zero is an ordinary key.
        Assert.Equal("""{"07":"seven"}""", Invoke("json.patch", J("""{"07": 7}"""), J("""[{"op": "replace", "path": "/07", "value": "seven"}]"""))!.ToJson());
    }

    [Fact]
    public void FilterKeepsNamedPaths()
    {
        Assert.Equal("""{"a":{"b":{"x":1}}}""", Json("json.filter", """{"a": {"b": {"x": 1}, "c": 2}, "d": 3}""", """["a/b"]"""));
        Assert.Equal("""{"a":{"b":{"x":1},"c":2}}""", Json("json.filter", """{"a": {"b": {"x": 1}, "c": 2}, "d": 3}""", """["a/b", "a", "a/c"]"""));
        Assert.Equal("""{"a":[{"x":2}]}""", Json("json.filter", """{"a": [{"x": 1}, {"x": 2, "y": 3}]}""", """[["a", "1", "x"]]"""));
        Assert.Equal("operand 2 must be one of {set, array} but got string", TypeError("json.filter", J("{}"), S("a")));
        Assert.Equal("operand 1 must be object but got array", TypeError("json.filter", J("[]"), J("[]")));
    }

    [Fact]
    public void RemoveDropsNamedPaths()
    {
        Assert.Equal("""{"a":{"c":2},"d":3}""", Json("json.remove", """{"a": {"b": {"x": 1}, "c": 2}, "d": 3}""", """["a/b"]"""));
        Assert.Equal("""{"a":[{"x":1},{"y":3}]}""", Json("json.remove", """{"a": [{"x": 1}, {"x": 2, "y": 3}]}""", """[["a", "1", "x"]]"""));
        Assert.Equal("""{"a":[{"x":1}]}""", Json("json.remove", """{"a": [{"x": 1}, {"x": 2, "y": 3}]}""", """["/a/1"]"""));
        Assert.Equal("operand 2 must be one of {set, array} containing string paths or array of path segments but got number",
            TypeError("json.remove", J("{}"), J("[1]")));
    }

    [Fact]
    public void MatchSchemaReportsGojsonschemaErrors()
    {
        const string schema = """
            {"type": "object", "properties": {"id": {"type": "integer"}, "email": {"type": "string"}, "name": {"type": "string", "minLength": 2},
             "tags": {"type": "array", "items": {"enum": ["a", "b"]}}}, "required": ["id", "email"], "additionalProperties": false}
            """;
        Assert.Equal("[true,[]]", Invoke("json.match_schema", J("""{"id": 5, "email": "x"}"""), S(schema))!.ToJson());
        var result = Invoke("json.match_schema", J("""{"id": "5", "name": "x", "tags": ["a", "c"], "extra": 1}"""), J(schema))!.ToJson();
        Assert.Equal(
            """[false,[{"desc":"email is required","error":"(root): email is required","field":"(root)","type":"required"},""" +
            """{"desc":"Additional property extra is not allowed","error":"(root): Additional property extra is not allowed","field":"(root)","type":"additional_property_not_allowed"},""" +
            """{"desc":"Invalid type. Expected: integer, given: string","error":"id: Invalid type. Expected: integer, given: string","field":"id","type":"invalid_type"},""" +
            """{"desc":"String length must be greater than or equal to 2","error":"name: String length must be greater than or equal to 2","field":"name","type":"string_gte"},""" +
            """{"desc":"tags.1 must be one of the following: \"a\", \"b\"","error":"tags.1: tags.1 must be one of the following: \"a\", \"b\"","field":"tags.1","type":"enum"}]]""",
            result);
        Assert.Equal("invalid JSON string", BuiltinError("json.match_schema", S("{"), S(schema)));
        Assert.Equal("wrong type, expected string or object", BuiltinError("json.match_schema", NumberValue.Of(1), S(schema)));
    }

    [Fact]
    public void VerifySchema()
    {
        Assert.Equal("[true,null]", Invoke("json.verify_schema", J("""{"type": "string"}"""))!.ToJson());
        Assert.Equal("[false,\"jsonschema: invalid JSON string\"]", Invoke("json.verify_schema", S("{"))!.ToJson());
        var bad = Invoke("json.verify_schema", J("""{"type": "foo"}"""))!.ToJson();
        Assert.StartsWith("[false,\"jsonschema: ", bad);
    }
}
