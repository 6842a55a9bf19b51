using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class ArithmeticBuiltinsTests
{
    [Theory]
    [InlineData("plus", "1", "2", "3")]
    [InlineData("plus", "0.1", "0.2", "0.3")]
    [InlineData("plus", "1.5", "1.5", "3")]
    [InlineData("plus", "9223372036854775807", "1", "9223372036854775808")]
    [InlineData("plus", "-418629540260067180078377207117390254795622882372445090659100603254967", "-381278185777539733472236099826121380011258929969995192052562658483536", "-799907726037606913550613306943511634806881812342440282711663261738503")]
    [InlineData("minus", "5", "7", "-2")]
    // OPA reads both at 64 bits: 0.3 - 0.1 = 0xCCCCCCCCCCCCCCCD × 2^-66, shortest 0.20000000000000000002.
    [InlineData("minus", "0.3", "0.1", "0.20000000000000000002")]
    [InlineData("minus", "-9223372036854775808", "1", "-9223372036854775809")]
    [InlineData("mul", "-225237120080758693589000422975048933466910685791041308729390969891805", "106561585073656347339027888214116483710522498511406668160731373141110", "-24001624533231117941683919164558709818485246509332355642872799887269880184167361464994099140950994612721655434312050675055838859697603550")]
    [InlineData("mul", "4294967296", "4294967296", "18446744073709551616")]
    // 1.1 at 64 bits is 0x8CCCCCCCCCCCCCCD × 2^-63; times 3 rounds to 0xD333333333333333 × 2^-62 = 3.30000000000000000017…
    [InlineData("mul", "1.1", "3", "3.3000000000000000002")]
    [InlineData("mul", "0.5", "4", "2")]
    [InlineData("div", "6", "3", "2")]
    [InlineData("div", "1", "4", "0.25")]
    [InlineData("div", "1", "3", "0.33333333333333333334")]
    [InlineData("div", "7", "-2", "-3.5")]
    // Integers beyond the int32 window divide as big.Float: both rounded to 64 bits, the quotient 0x85AC11BF0BE17D41 × 2^164
    // printed with its 20 shortest digits and zeros.
    [InlineData("div", "24001624533231117941683919164558709818485246509332355642872799887269880184167361464994099140950994612721655434312050675055838859697603550", "106561585073656347339027888214116483710522498511406668160731373141110", "225237120080758693590000000000000000000000000000000000000000000000000")]
    [InlineData("rem", "7", "3", "1")]
    [InlineData("rem", "-7", "3", "-1")]
    [InlineData("rem", "424268", "-358", "38")]
    [InlineData("rem", "-429796560109634576884497767143865222096526648187651938889075898176176", "870727633289405965995219916655207", "-13381591403188879081815318778689")]
    [InlineData("rem", "-9223372036854775808", "-1", "0")]
    public void Binary_arithmetic(string name, string a, string b, string expected) =>
        Assert.Equal(expected, Call(name, Num(a), Num(b))!.ToJson());

    [Fact]
    public void Minus_on_sets_is_difference()
    {
        Assert.Equal("{1, 3}", Show("minus", Set(N(1), N(2), N(3)), Set(N(2), N(4))));
        Assert.Equal("set()", Show("minus", Set(N(1)), Set(N(1))));
    }

    [Fact]
    public void Minus_type_errors()
    {
        var e = Error("minus", S("a"), N(1));
        Assert.Equal("eval_type_error", e.Code);
        Assert.Equal("operand 1 must be one of {number, set} but got string", e.Message);
        Assert.Equal("operand 2 must be number but got set", Error("minus", N(1), Set()).Message);
        Assert.Equal("operand 2 must be set but got number", Error("minus", Set(), N(1)).Message);
        Assert.Equal("operand 2 must be number but got string", Error("minus", Set(), S("x")).Message);
    }

    [Fact]
    public void Operand_type_errors()
    {
        Assert.Equal("operand 1 must be number but got string", Error("plus", S("1"), N(1)).Message);
        Assert.Equal("operand 2 must be number but got null", Error("mul", N(1), NullValue.Instance).Message);
        Assert.Equal("operand 1 must be number but got array", Error("abs", J("[]")).Message);
    }

    [Fact]
    public void Division_by_zero()
    {
        var e = Error("div", N(1), N(0));
        Assert.Equal("eval_builtin_error", e.Code);
        Assert.Equal("divide by zero", e.Message);
        Assert.Equal("divide by zero", Error("div", Num("1.5"), Num("0.0")).Message);
    }

    [Fact]
    public void Remainder_errors()
    {
        var e = Error("rem", N(7), N(0));
        Assert.Equal("eval_builtin_error", e.Code);
        Assert.Equal("modulo by zero", e.Message);
        Assert.Equal("modulo on floating-point number", Error("rem", Num("7.5"), N(2)).Message);
    }

    [Theory]
    [InlineData("abs", "-10", "10")]
    [InlineData("abs", "-1.5", "1.5")]
    [InlineData("abs", "-9223372036854775808", "9223372036854775808")]
    [InlineData("round", "1.5", "2")]
    [InlineData("round", "-1.5", "-2")]
    [InlineData("round", "2.5", "3")]
    [InlineData("round", "1.49", "1")]
    [InlineData("round", "7", "7")]
    [InlineData("ceil", "1.01", "2")]
    [InlineData("ceil", "-1.5", "-1")]
    [InlineData("floor", "1.5", "1")]
    [InlineData("floor", "-1.001", "-2")]
    [InlineData("floor", "99.99999", "99")]
    // floor goes through big.Float for integers beyond the int32 window: rounded to 64 bits (0xC77487FB61B9F077 × 2^33).
    [InlineData("floor", "123456789012345678901234567890", "123456789012345678899921813504")]
    public void Unary_arithmetic(string name, string a, string expected) =>
        Assert.Equal(expected, Call(name, Num(a))!.ToJson());

    [Theory]
    [InlineData("1", "5", "[1,2,3,4,5]")]
    [InlineData("5", "1", "[5,4,3,2,1]")]
    [InlineData("-1", "1", "[-1,0,1]")]
    [InlineData("3", "3", "[3]")]
    [InlineData("9223372036854775806", "9223372036854775808", "[9223372036854775806,9223372036854775807,9223372036854775808]")]
    public void Numbers_range_is_inclusive_either_way(string a, string b, string expected) =>
        Assert.Equal(expected, Call("numbers.range", Num(a), Num(b))!.ToJson());

    [Theory]
    [InlineData("1", "10", "3", "[1,4,7,10]")]
    [InlineData("1", "10", "4", "[1,5,9]")]
    [InlineData("10", "1", "3", "[10,7,4,1]")]
    [InlineData("0", "0", "5", "[0]")]
    public void Numbers_range_step(string a, string b, string step, string expected) =>
        Assert.Equal(expected, Call("numbers.range_step", Num(a), Num(b), Num(step))!.ToJson());

    [Fact]
    public void Numbers_range_errors()
    {
        var e = Error("numbers.range", Num("1.5"), N(3));
        Assert.Equal("eval_type_error", e.Code);
        Assert.Equal("operand 1 must be integer number but got floating-point number", e.Message);
        Assert.Equal("operand 2 must be integer but got string", Error("numbers.range", N(1), S("3")).Message);
        var step = Error("numbers.range_step", N(1), N(3), N(0));
        Assert.Equal("eval_builtin_error", step.Code);
        Assert.Equal("step must be a positive integer", step.Message);
        Assert.Equal("step must be a positive integer", Error("numbers.range_step", N(1), N(3), N(-1)).Message);
        Assert.StartsWith("range of 100000000001 numbers is longer than the limit", Error("numbers.range", N(0), Num("100000000000")).Message);
    }

    [Fact]
    public void Rand_intn_is_stable_within_a_query()
    {
        var def = Definition("rand.intn");
        Assert.True(def.Nondeterministic);
        var context = new BuiltinContext(new EvaluationOptions { Random = new Random(42) });
        var first = (NumberValue)def.Function!(context, [S("key"), N(1000)])!;
        for (var i = 0; i < 20; i++) Assert.Equal(first, def.Function!(context, [S("key"), N(1000)]));
        Assert.Equal(first, def.Function!(context, [S("key"), N(-1000)]));
        Assert.True(first.TryGetInt64(out var v) && v is >= 0 and < 1000);
        Assert.Equal("0", def.Function!(context, [S("key"), N(0)])!.ToJson());
        var other = new BuiltinContext(new EvaluationOptions { Random = new Random(42) });
        Assert.Equal(first, def.Function!(other, [S("key"), N(1000)]));
        Assert.Equal("operand 2 must be integer number but got floating-point number",
            Assert.Throws<BuiltinException>(() => def.Function!(context, [S("key"), Num("1.5")])).Message);
    }

    [Fact]
    public void Signatures_and_infix_operators()
    {
        Assert.Equal("+", Definition("plus").Infix);
        Assert.Equal("-", Definition("minus").Infix);
        Assert.Equal("*", Definition("mul").Infix);
        Assert.Equal("/", Definition("div").Infix);
        Assert.Equal("%", Definition("rem").Infix);
        Assert.Equal("(number, number) => number", ComparisonBuiltinsTests.Signature("plus"));
        Assert.Equal("(any<number, set[any]>, any<number, set[any]>) => any<number, set[any]>", ComparisonBuiltinsTests.Signature("minus"));
        Assert.Equal("(number, number, number) => array[number]", ComparisonBuiltinsTests.Signature("numbers.range_step"));
        Assert.Equal("(string, number) => number", ComparisonBuiltinsTests.Signature("rand.intn"));
    }
}
