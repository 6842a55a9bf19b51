using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Encodings.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Encodings;

public class EncodingBuiltinsTests
{
    private static string Str(string name, string arg) => ((StringValue)Invoke(name, S(arg))!).Value;

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg==")]
    [InlineData("fo", "Zm8=")]
    [InlineData("foo", "Zm9v")]
    [InlineData("héllo wörld?>", "aMOpbGxvIHfDtnJsZD8+")]
    public void Base64EncodesUtf8WithPadding(string input, string expected)
    {
        Assert.Equal(expected, Str("base64.encode", input));
        Assert.Equal(input, Str("base64.decode", expected));
    }

    [Fact]
    public void Base64UrlUsesUrlAlphabetAndOptionalPadding()
    {
        Assert.Equal("aMOpbGxvIHfDtnJsZD8-", Str("base64url.encode", "héllo wörld?>"));
        Assert.Equal("Zm8=", Str("base64url.encode", "fo"));
        Assert.Equal("Zm8", Str("base64url.encode_no_pad", "fo"));
        Assert.Equal("fo", Str("base64url.decode", "Zm8"));
        Assert.Equal("fo", Str("base64url.decode", "Zm8="));
        Assert.Equal("héllo wörld?>", Str("base64url.decode", "aMOpbGxvIHfDtnJsZD8-"));
    }

    [Fact]
    public void Base64ErrorsAreGos()
    {
        Assert.Equal("illegal base64 data at input byte 4", BuiltinError("base64.decode", S("Zm9vY")));
        Assert.Equal("illegal base64 data at input byte 2", BuiltinError("base64.decode", S("Zm*v")));
        Assert.Equal("illegal base64url string: Zm9vY", BuiltinError("base64url.decode", S("Zm9vY")));
        Assert.Equal("operand 1 must be string but got number", TypeError("base64.decode", NumberValue.Of(1)));
    }

    [Fact]
    public void Base64DecodeSkipsNewlines()
    {
        Assert.Equal("foo", Str("base64.decode", "Zm\r\n9v"));
    }

    [Theory]
    [InlineData("Zm9v", true)]
    [InlineData("Zm8=", true)]
    [InlineData("Zm8", false)]
    [InlineData("Zm9v!", false)]
    [InlineData("", true)]
    public void Base64IsValid(string input, bool expected)
    {
        Assert.Equal(BooleanValue.Of(expected), Invoke("base64.is_valid", S(input)));
    }

    [Fact]
    public void HexEncodesAndDecodes()
    {
        Assert.Equal("68656c6c6fc3a9", Str("hex.encode", "helloé"));
        Assert.Equal("helloé", Str("hex.decode", "68656C6C6FC3A9"));
        Assert.Equal("encoding/hex: invalid byte: U+0067 'g'", BuiltinError("hex.decode", S("6g")));
        Assert.Equal("encoding/hex: odd length hex string", BuiltinError("hex.decode", S("686")));
        Assert.Equal("encoding/hex: invalid byte: U+007A 'z'", BuiltinError("hex.decode", S("68z")));
    }

    [Fact]
    public void UrlQueryEscapesLikeGo()
    {
        Assert.Equal("a%3Db%2B1", Str("urlquery.encode", "a=b+1"));
        Assert.Equal("x+y%2Fz~-_.%C3%A9%26", Str("urlquery.encode", "x y/z~-_.é&"));
        Assert.Equal("x y/zé&", Str("urlquery.decode", "x+y%2Fz%C3%A9%26"));
        Assert.Equal("invalid URL escape \"%zz\"", BuiltinError("urlquery.decode", S("a%zz")));
        Assert.Equal("invalid URL escape \"%4\"", BuiltinError("urlquery.decode", S("a%4")));
        // Go quotes the three bytes, so a cut UTF-8 character shows as \x escapes.
        Assert.Equal("invalid URL escape \"%z\\xc3\"", BuiltinError("urlquery.decode", S("a%zé")));
        Assert.Equal("invalid URL escape \"%\\\"a\"", BuiltinError("urlquery.decode", S("%\"a")));
    }

    [Fact]
    public void UrlQueryEncodeObjectSortsKeys()
    {
        Assert.Equal("\"\"", Json("urlquery.encode_object", "{}"));
        Assert.Equal("\"a=c%3Db%2B1\"", Json("urlquery.encode_object", """{"a": "c=b+1"}"""));
        Assert.Equal("a=1&a=2&b=x+y", ((StringValue)Invoke("urlquery.encode_object", J("""{"b": "x y", "a": ["1", "2"]}"""))!).Value);
        var set = ObjectValue.FromPairs([new KeyValuePair<string, Value>("s", new SetValue([S("y"), S("x")]))]);
        Assert.Equal("s=x&s=y", ((StringValue)Invoke("urlquery.encode_object", set)!).Value);
        Assert.Equal("operand 1 values must be string, array[string], or set[string]", TypeError("urlquery.encode_object", J("""{"a": [1]}""")));
        Assert.Equal("operand 1 values must be string, array[string], or set[string]", TypeError("urlquery.encode_object", J("""{"a": 1}""")));
    }

    [Fact]
    public void UrlQueryDecodeObjectGroupsValues()
    {
        Assert.Equal("""{"a":["value_a1","value_a2"],"b":["value_b"]}""", Json("urlquery.decode_object", "\"a=value_a1&b=value_b&a=value_a2\""));
        Assert.Equal("""{"a":["value_a1"],"b":[""]}""", Json("urlquery.decode_object", "\"a=value_a1&b\""));
        Assert.Equal("{}", Json("urlquery.decode_object", "\"\""));
        Assert.Equal("invalid semicolon separator in query", BuiltinError("urlquery.decode_object", S("a=1;b=2")));
    }
}
