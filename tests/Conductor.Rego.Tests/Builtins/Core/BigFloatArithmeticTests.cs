using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Builtins.Core;

/// <summary>
/// Non-integer arithmetic as OPA 1.x does it (v1/topdown/arithmetic.go, aggregates.go): Go's math/big.Float with each
/// operand read at 64 mantissa bits, the exact result rounded once to nearest-even, printed with big.Float.Text(-1):
/// the fewest digits that read back to the same 64-bit value, 'f' for integers, 'g' (exponent when the decimal
/// exponent is below -4 or at least 6) otherwise. Expected texts were worked out from those rules; the comments give
/// the rounded mantissa (hexadecimal, times a power of two) and the shortest digits.
/// </summary>
public class BigFloatArithmeticTests
{
    private static string Eval(string expression) => Value("data.t.x", null, null, "package t\n\nx := " + expression + "\n");

    [Theory]
    // 1/3 = 0xAAAAAAAAAAAAAAAB × 2^-65 = 0.333333333333333333342…; half an ulp is 1.4e-20, so 19 digits (…3333, 4.2e-20
    // away) are too few and 20 digits give 0.33333333333333333334.
    [InlineData("1 / 3", "0.33333333333333333334")]
    // 2/3 = 0xAAAAAAAAAAAAAAAB × 2^-64 = 0.66666666666666666668…; half an ulp is 2.7e-20, so 19 digits suffice.
    [InlineData("2 / 3", "0.6666666666666666667")]
    [InlineData("10 / 4", "2.5")]
    // 0x95B6DB6DB6DB6DB7 × 2^-60 = 9.3571428571428571430…
    [InlineData("-524 / -56", "9.357142857142857143")]
    // 0xCB73555555555555 × 2^-42 = 3333333.33333333333325…: 20 digits, decimal exponent 6, so 'g' uses the e-form.
    [InlineData("10000000 / 3", "3.3333333333333333333e+06")]
    // 0.1 and 0.2 at 64 bits are 0xCCCCCCCCCCCCCCCD × 2^-67 and × 2^-66; their sum rounds to 0x999999999999999A × 2^-65,
    // whose interval holds 0.3.
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("0.1 * 3", "0.3")]
    // 1.1 = 0x8CCCCCCCCCCCCCCD × 2^-63; times 3 rounds to 0xD333333333333333 × 2^-62 = 3.3000000000000000001734…
    [InlineData("1.1 * 3", "3.3000000000000000002")]
    // 12345678901234567890 fits 64 bits; the quotient 0xC3CE78A10CB5C339 × 2^-3 = 1763668414462081127.125, not an
    // integer, so 'g': 20 digits, e+18.
    [InlineData("12345678901234567890 / 7", "1.7636684144620811271e+18")]
    // A zero dividend is a big.Float quotient: 0 / -5 is negative zero, printed as Go prints it.
    [InlineData("0 / -5", "-0")]
    [InlineData("0 / 5", "0")]
    [InlineData("-0.5 * 0", "-0")]
    [InlineData("7 / 7", "1")]
    // 5 exactly: an integer, printed with 'f'.
    [InlineData("2.5 * 2", "5")]
    [InlineData("1 / 100000", "1e-05")]
    [InlineData("1 / 10000", "0.0001")]
    // (1/3) * 3 reads "0.33333333333333333334" back at 64 bits; the product rounds to exactly 1.
    [InlineData("(1 / 3) * 3", "1")]
    [InlineData("0.3333333333333333333 * 3", "0.9999999999999999999")]
    public void Operators_give_OPAs_text(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    // 0.5 - 1e-20 is 0.37 ulp below 0.5 at 64 bits, so it reads as 0.5 and rounds up; with 19 nines it reads as
    // 0xFFFFFFFFFFFFFFFC × 2^-65, and adding 0.5 stays below 1.
    [InlineData("round(0.49999999999999999999)", "1")]
    [InlineData("round(0.4999999999999999999)", "0")]
    // 1.0000000000000000001 reads as 0x8000000000000001 × 2^-63 (1 + 2^-63), not an integer.
    [InlineData("ceil(1.0000000000000000001)", "2")]
    [InlineData("floor(-1.0000000000000000001)", "-2")]
    [InlineData("ceil(-1.5)", "-1")]
    [InlineData("floor(-1.5)", "-2")]
    // OPA tests the sign of the truncated integer, which is +0 between -1 and 0, and so answers ceil(-0.5) = 1 and
    // floor(-0.5) = 0; Conductor deliberately returns the mathematical values there (see NumberMath.Ceil/Floor).
    [InlineData("ceil(-0.5)", "0")]
    [InlineData("floor(-0.5)", "-1")]
    [InlineData("ceil(0.5)", "1")]
    [InlineData("floor(0.5)", "0")]
    [InlineData("abs(-0.5)", "0.5")]
    // Integers beyond the int32 window take the big.Float path: 0xA750AD939D9C5091 × 2^10, shortest digits
    // 1234567890123456789 padded with zeros.
    [InlineData("abs(-12345678901234567890123)", "12345678901234567890000")]
    [InlineData("abs(-9223372036854775808)", "9223372036854775808")]
    public void Rounding_and_abs_give_OPAs_text(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    // sum accumulates at 64 bits: 0.1, then 0x999999999999999A × 2^-65 (0.3), then 0x999999999999999A × 2^-64 (0.6).
    [InlineData("sum([0.1, 0.2, 0.3])", "0.6")]
    [InlineData("sum([1, 0.5])", "1.5")]
    // product's accumulator is big.NewFloat(1), a 53-bit Float: 0.1 becomes 0x1999999999999A × 2^-56, the product
    // 0x147AE147AE147B × 2^-59, whose shortest 53-bit text is 0.01.
    [InlineData("product([0.1, 0.1])", "0.01")]
    // 1.1 rounded to 53 bits times 3 is 0x1A666666666667 × 2^-51 (a double's 3.3000000000000003), unlike 1.1 * 3.
    [InlineData("product([1.1, 3])", "3.3000000000000003")]
    [InlineData("product([2, 3])", "6")]
    public void Aggregates_give_OPAs_text(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    // OPA compares numbers as exact rationals of their texts (ast.NumberCompare), so digits beyond a double count.
    [InlineData("0.3333333333333333333 == 0.3333333333333333", "false")]
    [InlineData("0.3333333333333333 < (1 / 3)", "true")]
    [InlineData("(1 / 3) == 0.33333333333333333334", "true")]
    [InlineData("1.0000000000000000001 == 1", "false")]
    [InlineData("1.0000000000000000001 > 1", "true")]
    [InlineData("(0.1 + 0.2) == 0.3", "true")]
    [InlineData("(0 / -5) == 0", "true")]
    [InlineData("count({0.3333333333333333333, 0.3333333333333333})", "2")]
    // NumberCompare's shortcut: two texts that end in zeros after the point compare on their doubles.
    [InlineData("0.33333333333333333330 == 0.33333333333333330", "true")]
    public void Comparisons_are_exact_as_in_OPA(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Large_integers_print_every_digit()
    {
        // Integers multiply exactly (10^309); big.Float's 'f' text of an integer has no exponent either.
        Assert.Equal("1" + new string('0', 309), Eval("1e308 * 10"));
        // Through big.Float (10.5 is not an integer): 1e308 reads as 0x8E679C2F5E44FF8F × 2^960, the product's shortest
        // digits are 105.
        Assert.Equal("105" + new string('0', 307), Eval("1e308 * 10.5"));
    }

    [Fact]
    public void Results_feed_further_arithmetic_as_their_text()
    {
        // OPA keeps only the text of a result; the next operation reads it back at 64 bits.
        Assert.Equal("0", Eval("(0 / -5) % 2"));
        Assert.Equal("-0", Eval("(0 / -5) / 3"));
        Assert.Equal("0.6666666666666666667", Eval("(1 / 3) * 2"));
    }
}
