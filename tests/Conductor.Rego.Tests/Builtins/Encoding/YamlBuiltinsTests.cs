using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Encodings.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Encodings;

public class YamlBuiltinsTests
{
    private static string Marshal(string json) => ((StringValue)Invoke("yaml.marshal", J(json))!).Value;

    [Fact]
    public void MarshalUsesGoYamlLayout()
    {
        Assert.Equal("foo:\n- 1\n- 2\n", Marshal("""{"foo": [1, 2]}"""));
        Assert.Equal("a:\n  b: c\n  d:\n  - x: 1\n    \"y\": 2\n  - - 3\n    - 4\n", Marshal("""{"a": {"b": "c", "d": [{"x": 1, "y": 2}, [3, 4]]}}"""));
        Assert.Equal("e: {}\nf: []\n", Marshal("""{"f": [], "e": {}}"""));
        Assert.Equal("a2: 1\na10: 2\n", Marshal("""{"a10": 2, "a2": 1}"""));
        Assert.Equal("\"true\"\n", Marshal("\"true\""));
        Assert.Equal("\"yes\"\n", Marshal("\"yes\""));
        Assert.Equal("\"\"\n", Marshal("\"\""));
        Assert.Equal("\"1.5\"\n", Marshal("\"1.5\""));
        Assert.Equal("'a: b'\n", Marshal("\"a: b\""));
        Assert.Equal("'- x'\n", Marshal("\"- x\""));
        Assert.Equal("hello world\n", Marshal("\"hello world\""));
        Assert.Equal("k: |-\n  line1\n  line2\n", Marshal("""{"k": "line1\nline2"}"""));
        Assert.Equal("null\n", Marshal("null"));
        Assert.Equal("\"a\\tb\"\n", Marshal("\"a\\tb\""));
        Assert.Equal("k: \"line1 \\nline2\"\n", Marshal("""{"k": "line1 \nline2"}"""));
        Assert.Equal("' padded '\n", Marshal("\" padded \""));
        Assert.Equal("1.5\n", Marshal("1.5"));
        Assert.Equal("- 1.2345675e+06\n- 123456.5\n- 1.5e-07\n- 0.0001\n- -2.5e+21\n", Marshal("[1234567.5, 123456.5, 1.5e-7, 0.0001, -2.5e21]"));
        Assert.Equal("- true\n- null\n", Marshal("[true, null]"));
    }

    [Fact]
    public void UnmarshalReadsYamlAsJson()
    {
        Assert.Equal("""{"foo":[{"qux":"bar"},{"baz":2}]}""", Invoke("yaml.unmarshal", S("foo:\n - qux: bar\n - baz: 2"))!.ToJson());
        Assert.Equal("""{"json":"ok"}""", Invoke("yaml.unmarshal", S("""{"json": "ok"}"""))!.ToJson());
        Assert.StartsWith("yaml: line ", BuiltinError("yaml.unmarshal", S("foo:\n - qux: bar\n - baz: {")));
        Assert.Equal("operand 1 must be string but got number", TypeError("yaml.unmarshal", NumberValue.Of(1)));
    }

    [Fact]
    public void UnmarshalResolvesScalarsAsGoYamlV2()
    {
        Assert.Equal("""{"a":true,"b":false,"c":true,"d":false,"e":"yes","f":15,"g":5,"h":1000,"i":31,"j":1.5,"k":null,"l":"2024-01-01","m":"1:20","o":0.5}""",
            Invoke("yaml.unmarshal", S("a: yes\nb: off\nc: Y\nd: n\ne: 'yes'\nf: 017\ng: 0b101\nh: 1_000\ni: 0x1F\nj: 1.5\nk: ~\nl: 2024-01-01\nm: 1:20\no: .5\n"))!.ToJson());
        Assert.Equal("""{"1":"int key","null":"null key","true":"bool key"}""",
            Invoke("yaml.unmarshal", S("1: int key\ntrue: bool key\n~: null key\n"))!.ToJson());
        Assert.Equal("""{"base":{"x":1,"z":2},"derived":{"x":1,"z":3}}""",
            Invoke("yaml.unmarshal", S("base: &b {x: 1, z: 2}\nderived:\n  <<: *b\n  z: 3\n"))!.ToJson());
        // YAML 1.1: the keys y and n are booleans, so they become "true" and "false" (as with OPA).
        Assert.Equal("""{"false":2,"true":1}""", Invoke("yaml.unmarshal", S("y: 1\nn: 2\n"))!.ToJson());
        Assert.Equal("null", Invoke("yaml.unmarshal", S(""))!.ToJson());
        Assert.Equal("""{"a":1}""", Invoke("yaml.unmarshal", S("a: 1\n---\nb: 2\n"))!.ToJson());
        Assert.StartsWith("yaml: line 1: json: unsupported value: +Inf", BuiltinError("yaml.unmarshal", S("a: .inf")));
        Assert.Equal(BooleanValue.True, Invoke("yaml.is_valid", S("a: .inf")));
        Assert.StartsWith("yaml: line 1: ", BuiltinError("yaml.unmarshal", S("a: *missing")));
    }

    [Fact]
    public void IsValid()
    {
        Assert.Equal(BooleanValue.True, Invoke("yaml.is_valid", S("foo:\n - qux: bar\n - baz: 2")));
        Assert.Equal(BooleanValue.False, Invoke("yaml.is_valid", S("foo:\n - qux: bar\n - baz: {")));
        Assert.Equal(BooleanValue.False, Invoke("yaml.is_valid", NumberValue.Of(1)));
    }

    [Fact]
    public void RoundTrip()
    {
        var doc = J("""{"a": {"b": ["x", "true", "", "multi\nline\n", 1, 2.5, null, false]}, "c": "'quoted'"}""");
        var yaml = (StringValue)Invoke("yaml.marshal", doc)!;
        Assert.Equal(doc, Invoke("yaml.unmarshal", yaml));
    }
}
