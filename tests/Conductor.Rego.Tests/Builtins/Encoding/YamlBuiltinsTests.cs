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
        Assert.Equal("1.5\n", Marshal("1.5"));
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
