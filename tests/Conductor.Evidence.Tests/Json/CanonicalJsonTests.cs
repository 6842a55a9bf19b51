using System.Text;
using Conductor.Evidence.Json;

namespace Conductor.Evidence.Tests.Json;

/// <summary>RFC 8785 canonicalisation, with the examples of RFC 8785 and ECMAScript number formatting.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(4.50, "4.5")]
    [InlineData(0.002, "0.002")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(-1.2345e-20, "-1.2345e-20")]
    public void NumbersAreFormattedAsEcmaScriptDoes(double value, string expected)
    {
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));
    }

    [Fact]
    public void TheRfc8785ExampleCanonicalises()
    {
        var input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        var expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void KeysSortByUtf16CodeUnits()
    {
        // From RFC 8785 §3.2.3: sorting is on UTF-16 code units, so U+1F600 (a surrogate pair) sorts before U+FB33.
        var input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        var keys = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Assert.Equal(keys, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void TheSameValueAlwaysGivesTheSameBytes()
    {
        var a = CanonicalJson.Canonicalize("{\"b\": 1, \"a\": [1.0, \"x\"]}"u8);
        var b = CanonicalJson.Canonicalize("{ \"a\" : [ 1 , \"x\" ] , \"b\" : 1.00 }"u8);
        Assert.Equal(a, b);
        Assert.Equal("{\"a\":[1,\"x\"],\"b\":1}", Encoding.UTF8.GetString(a));
    }
}
