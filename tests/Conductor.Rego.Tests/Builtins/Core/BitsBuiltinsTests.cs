using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class BitsBuiltinsTests
{
    [Theory]
    [InlineData("bits.and", "12", "10", "8")]
    [InlineData("bits.or", "12", "10", "14")]
    [InlineData("bits.xor", "12", "10", "6")]
    [InlineData("bits.and", "-1", "255", "255")]
    [InlineData("bits.or", "-8", "3", "-5")]
    [InlineData("bits.lsh", "1", "3", "8")]
    [InlineData("bits.lsh", "1", "100", "1267650600228229401496703205376")]
    [InlineData("bits.lsh", "-3", "2", "-12")]
    [InlineData("bits.rsh", "1267650600228229401496703205376", "99", "2")]
    [InlineData("bits.rsh", "-9", "1", "-5")]
    [InlineData("bits.rsh", "-9", "1000", "-1")]
    [InlineData("bits.rsh", "9", "1000", "0")]
    [InlineData("bits.xor", "340282366920938463463374607431768211455", "1", "340282366920938463463374607431768211454")]
    public void Binary(string name, string a, string b, string expected) =>
        Assert.Equal(expected, Call(name, Num(a), Num(b))!.ToJson());

    [Theory]
    [InlineData("0", "-1")]
    [InlineData("5", "-6")]
    [InlineData("-6", "5")]
    [InlineData("18446744073709551616", "-18446744073709551617")]
    public void Negate(string a, string expected) => Assert.Equal(expected, Call("bits.negate", Num(a))!.ToJson());

    [Fact]
    public void Errors()
    {
        Assert.Equal("operand 1 must be integer number but got floating-point number", Error("bits.and", Num("1.5"), N(1)).Message);
        Assert.Equal("operand 2 must be integer but got string", Error("bits.or", N(1), S("1")).Message);
        Assert.Equal("operand 2 must be unsigned integer number but got negative integer", Error("bits.lsh", N(1), N(-1)).Message);
        Assert.Equal("operand 2 must be number but got string", Error("bits.rsh", N(1), S("x")).Message);
        Assert.Equal("eval_builtin_error", Error("bits.lsh", N(1), Num("100000000000")).Code);
    }
}
