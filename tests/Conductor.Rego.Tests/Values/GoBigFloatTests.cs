using Conductor.Rego.Values;

namespace Conductor.Rego.Tests.Values;

/// <summary>
/// The big.Float model behind OPA's arithmetic: SetString at 64 bits and Text with the shortest digits. Expected
/// texts were computed independently (exact rationals rounded to 64 bits, then the shortest decimal inside the
/// half-ulp interval); the comments give the rounded mantissa.
/// </summary>
public class GoBigFloatTests
{
    [Theory]
    // Exponent form below 1e-4 and from 1e6 on, with at least two exponent digits.
    [InlineData("2.5e-7", "2.5e-07")]
    [InlineData("0.000001", "1e-06")]
    [InlineData("123456.5", "123456.5")]
    [InlineData("1234567.5", "1.2345675e+06")]
    // Far outside a double's range: 0x95FE7E07C91EFAFA × 2^-1392 and 0xFDE4B4FB194FCED9 × 2^-1138.
    [InlineData("1e-400", "1e-400")]
    [InlineData("4.9e-324", "4.9e-324")]
    [InlineData("1.5e-60", "1.5e-60")]
    // 0x8000000000000600 × 2^-10: more digits than a double holds.
    [InlineData("9007199254740993.5", "9.0071992547409935e+15")]
    // Integers print with 'f': 0x9F4F2726179A2245 × 2^136 has the shortest digits "1", then zeros.
    [InlineData("1e60", "1000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("-0", "-0")]
    [InlineData("0.0", "0")]
    public void Parse_then_text(string text, string expected)
    {
        Assert.True(GoBigFloat.TryParse(text, out var f));
        Assert.Equal(expected, f.ToNumberText());
    }

    [Fact]
    public void Rounds_to_nearest_even()
    {
        // Just above 2^64 the 64-bit ulp is 2: 2^64 + 1 ties and goes to the even mantissa (2^64); 2^64 + 3 ties between
        // 2^64 + 2 (mantissa 2^63 + 1, odd) and 2^64 + 4 (even) and goes to 2^64 + 4.
        var twoTo64 = System.Numerics.BigInteger.One << 64;
        Assert.Equal(twoTo64, GoBigFloat.FromInteger(twoTo64 + 1).Truncate());
        Assert.Equal(twoTo64 + 4, GoBigFloat.FromInteger(twoTo64 + 3).Truncate());
        Assert.Equal(twoTo64 + 2, GoBigFloat.FromInteger(twoTo64 + 2).Truncate());
    }

    [Fact]
    public void Rejects_non_numbers()
    {
        Assert.False(GoBigFloat.TryParse("", out _));
        Assert.False(GoBigFloat.TryParse("-", out _));
        Assert.False(GoBigFloat.TryParse("1e", out _));
        Assert.False(GoBigFloat.TryParse("1.2.3", out _));
        Assert.False(GoBigFloat.TryParse("0x10", out _));
    }
}
