using System.Text;
using Conductor.Rego;
using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Values;

/// <summary>The JSON reader: every value kind, duplicate keys, numbers as written, escapes, limits and located errors.</summary>
public sealed class JsonValueReaderTests
{
    private static string Read(string json) => JsonValueReader.Parse(json, "in.json").ToJson();

    [Theory]
    [InlineData("""{"b": 1, "a": [true, false, null, "x"], "c": {}}""", """{"a":[true,false,null,"x"],"b":1,"c":{}}""")]
    [InlineData("""[[], [[]], {"k": [{"z": 0}]}]""", """[[],[[]],{"k":[{"z":0}]}]""")]
    [InlineData("""  "top"  """, "\"top\"")]
    [InlineData("42", "42")]
    [InlineData("null", "null")]
    public void ReadsEveryKindOfValue(string json, string expected) => Assert.Equal(expected, Read(json));

    [Fact]
    public void ALaterDuplicateKeyReplacesTheEarlierOne()
    {
        Assert.Equal("""{"a":3,"b":2}""", Read("""{"a": 1, "b": 2, "a": 3}"""));
        var many = new StringBuilder("{");
        for (var i = 0; i < 20; i++) many.Append($"\"k{i}\": {i}, ");
        many.Append("\"k7\": \"last\"}");
        var obj = (ObjectValue)JsonValueReader.Parse(many.ToString());
        Assert.Equal(20, obj.Count);
        Assert.Equal("\"last\"", obj.Get("k7")!.ToJson());
        Assert.Equal("19", obj.Get("k19")!.ToJson());
    }

    [Theory]
    [InlineData("[0, -0, 7, -7, 9223372036854775807, -9223372036854775808]", "[0,-0,7,-7,9223372036854775807,-9223372036854775808]")]
    [InlineData("[9223372036854775808, 123456789012345678901234567890]", "[9223372036854775808,123456789012345678901234567890]")]
    [InlineData("[1.5, 1.50, 2.0, 1e3, 1E-2, 0.1]", "[1.5,1.50,2.0,1e3,1E-2,0.1]")]
    public void NumbersKeepTheirValueAndTheirText(string json, string expected) => Assert.Equal(expected, Read(json));

    [Fact]
    public void NumbersCompareByValue()
    {
        var a = (ArrayValue)JsonValueReader.Parse("[2, 2.0, 2e0, -0, 0]");
        Assert.Equal(a[0], a[1]);
        Assert.Equal(a[0], a[2]);
        Assert.Equal(a[3], a[4]);
        Assert.True(a[0] is NumberValue { IsInteger: true });
    }

    [Fact]
    public void StringsAndKeysUnescapeAndLoneSurrogatesBecomeReplacementCharacters()
    {
        var v = (ObjectValue)JsonValueReader.Parse("""{"k\u00e9y": "a\"b\\c\n\u00e9\ud83d\ude00", "lone": "x\ud800y"}""");
        Assert.Equal("a\"b\\c\né😀", ((StringValue)v.Get("kéy")!).Value);
        Assert.Equal("x\uFFFDy", ((StringValue)v.Get("lone")!).Value);
    }

    [Fact]
    public void ObjectsOfTheSameShapeShareTheirKeysAndKeysAreInterned()
    {
        var a = (ArrayValue)JsonValueReader.Parse("""[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]""");
        var first = (ObjectValue)a[0];
        var second = (ObjectValue)a[1];
        Assert.Same(first.KeyAt(0), second.KeyAt(0));
        Assert.Same(StringValue.Intern("name"), first.KeyAt(1));
    }

    [Fact]
    public void AByteOrderMarkIsSkipped() =>
        Assert.Equal("{\"a\":1}", JsonValueReader.Parse([0xEF, 0xBB, 0xBF, .. "{\"a\": 1}"u8]).ToJson());

    [Theory]
    [InlineData("{\"a\": }", 1, 7)]
    [InlineData("[1, 2", 1, 6)]
    [InlineData("{\"a\": 1}\n{", 2, 1)]
    [InlineData("", 1, 1)]
    public void MalformedJsonIsAnInvalidInputErrorWithItsLocation(string json, int row, int col)
    {
        var e = Assert.Throws<RegoException>(() => JsonValueReader.Parse(json, "in.json"));
        Assert.Equal(RegoErrorCodes.InvalidInput, e.Code);
        Assert.Equal(new SourceLocation("in.json", row, col), e.Errors[0].Location);
    }

    [Fact]
    public void NestingBeyondTheLimitIsACleanError()
    {
        var deep = new string('[', 50) + new string(']', 50);
        Assert.Equal(new string('[', 50) + new string(']', 50), JsonValueReader.Parse(deep, "d.json", maxDepth: 50).ToJson());
        var e = Assert.Throws<RegoException>(() => JsonValueReader.Parse("[" + deep + "]", "d.json", maxDepth: 50));
        Assert.Equal(RegoErrorCodes.InvalidInput, e.Code);
        Assert.Contains("nested deeper than the limit of 50", e.Message, StringComparison.Ordinal);
    }
}
