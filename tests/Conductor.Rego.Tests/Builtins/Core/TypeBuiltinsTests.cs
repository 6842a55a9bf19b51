using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class TypeBuiltinsTests
{
    [Fact]
    public void Predicates_return_false_for_other_kinds()
    {
        Value[] samples = [NullValue.Instance, BooleanValue.True, N(1), S("s"), J("[]"), J("{}"), Set()];
        string[] names = ["is_null", "is_boolean", "is_number", "is_string", "is_array", "is_object", "is_set"];
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = 0; j < samples.Length; j++)
                Assert.Equal(i == j ? "true" : "false", Show(names[i], samples[j]));
        }
    }

    [Fact]
    public void Type_name()
    {
        Assert.Equal("\"null\"", Show("type_name", NullValue.Instance));
        Assert.Equal("\"boolean\"", Show("type_name", BooleanValue.False));
        Assert.Equal("\"number\"", Show("type_name", Num("1.5")));
        Assert.Equal("\"string\"", Show("type_name", S("")));
        Assert.Equal("\"array\"", Show("type_name", J("[]")));
        Assert.Equal("\"object\"", Show("type_name", J("{}")));
        Assert.Equal("\"set\"", Show("type_name", Set()));
    }

    [Theory]
    [InlineData("\"10\"", "10")]
    [InlineData("\"-10\"", "-10")]
    [InlineData("\"+10\"", "10")]
    [InlineData("\"0010\"", "10")]
    [InlineData("\"1.5\"", "1.5")]
    [InlineData("\"-.5\"", "-0.5")]
    [InlineData("\"5.\"", "5")]
    [InlineData("\"1e3\"", "1000")]
    [InlineData("\"1E-2\"", "0.01")]
    [InlineData("\"1_000\"", "1000")]
    [InlineData("\"0x10p0\"", "16")]
    [InlineData("\"0x1p-2\"", "0.25")]
    [InlineData("\"123456789012345678901234567890\"", "123456789012345678901234567890")]
    [InlineData("true", "1")]
    [InlineData("false", "0")]
    [InlineData("null", "0")]
    [InlineData("3.25", "3.25")]
    public void To_number(string operand, string expected) => Assert.Equal(expected, Show("to_number", J(operand)));

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1e")]
    [InlineData("0x10")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData(" 1")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    public void To_number_rejects_invalid_syntax(string text)
    {
        var e = Error("to_number", S(text));
        Assert.Equal("eval_builtin_error", e.Code);
        Assert.Equal($"strconv.ParseFloat: parsing \"{text}\": invalid syntax", e.Message);
    }

    [Fact]
    public void To_number_errors()
    {
        Assert.Equal("operand 1 must be valid number string but got string", Error("to_number", S("-Inf")).Message);
        Assert.Equal("operand 1 must be valid number string but got string", Error("to_number", S("NaN")).Message);
        Assert.Equal("strconv.ParseFloat: parsing \"1e400\": value out of range", Error("to_number", S("1e400")).Message);
        Assert.Equal("operand 1 must be one of {null, boolean, number, string} but got array", Error("to_number", J("[]")).Message);
    }

    [Fact]
    public void Deprecated_casts()
    {
        foreach (var name in new[] { "cast_array", "cast_set", "cast_string", "cast_boolean", "cast_null", "cast_object", "set_diff" })
            Assert.True(Definition(name).Deprecated, name);
        Assert.Equal("[1, 2]", Show("cast_array", Set(N(2), N(1))));
        Assert.Equal("[2, 1]", Show("cast_array", J("[2,1]")));
        Assert.Equal("{1, 2}", Show("cast_set", J("[2,1,2]")));
        Assert.Equal("\"x\"", Show("cast_string", S("x")));
        Assert.Equal("true", Show("cast_boolean", BooleanValue.True));
        Assert.Equal("null", Show("cast_null", NullValue.Instance));
        Assert.Equal("{}", Show("cast_object", J("{}")));
        Assert.Equal("{1}", Show("set_diff", Set(N(1), N(2)), Set(N(2))));
        Assert.Equal("operand 1 must be one of {array, set} but got string", Error("cast_array", S("x")).Message);
        Assert.Equal("operand 1 must be string but got number", Error("cast_string", N(1)).Message);
        Assert.Equal("operand 1 must be boolean but got string", Error("cast_boolean", S("true")).Message);
        Assert.Equal("operand 1 must be null but got number", Error("cast_null", N(0)).Message);
        Assert.Equal("operand 1 must be object but got array", Error("cast_object", J("[]")).Message);
        Assert.Equal("operand 2 must be set but got array", Error("set_diff", Set(), J("[]")).Message);
    }
}
