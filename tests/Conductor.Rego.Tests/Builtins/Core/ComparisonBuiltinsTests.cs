using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class ComparisonBuiltinsTests
{
    [Theory]
    [InlineData("equal", "1", "1.0", "true")]
    [InlineData("equal", "[1, {\"a\": 2}]", "[1, {\"a\": 2}]", "true")]
    [InlineData("equal", "\"1\"", "1", "false")]
    [InlineData("neq", "\"1\"", "1", "true")]
    [InlineData("neq", "null", "null", "false")]
    [InlineData("lt", "1", "2", "true")]
    [InlineData("lt", "2", "1", "false")]
    [InlineData("lt", "null", "false", "true")]
    [InlineData("lt", "false", "true", "true")]
    [InlineData("lt", "true", "0", "true")]
    [InlineData("lt", "1000000", "\"\"", "true")]
    [InlineData("lt", "\"z\"", "[]", "true")]
    [InlineData("lt", "[1, 2]", "[1, 2, 0]", "true")]
    [InlineData("lt", "[2]", "[1, 2, 0]", "false")]
    [InlineData("lt", "[9]", "{}", "true")]
    [InlineData("lte", "2", "2.0", "true")]
    [InlineData("gt", "{\"b\": 1}", "{\"a\": 9}", "true")]
    [InlineData("gt", "1.5", "1", "true")]
    [InlineData("gte", "1", "1.5", "false")]
    [InlineData("gte", "\"abc\"", "\"abc\"", "true")]
    public void Compares_by_OPA_total_order(string name, string a, string b, string expected) =>
        Assert.Equal(expected, Show(name, J(a), J(b)));

    [Fact]
    public void Objects_sort_below_sets()
    {
        Assert.Equal("true", Show("lt", J("{\"z\": [1]}"), Set()));
        Assert.Equal("true", Show("lt", Set(N(1), N(2)), Set(N(1), N(3))));
        Assert.Equal("true", Show("lt", Set(N(1), N(0)), Set(N(1))));
        Assert.Equal("true", Show("lt", Set(N(1)), Set(N(1), N(2))));
    }

    [Fact]
    public void Big_integers_compare_exactly()
    {
        Assert.Equal("true", Show("lt", Num("123456789012345678901234567890"), Num("123456789012345678901234567891")));
        Assert.Equal("true", Show("equal", Num("1e30"), Num("1000000000000000000000000000000")));
    }

    [Fact]
    public void Registered_with_infix_operators()
    {
        Assert.Equal("==", Definition("equal").Infix);
        Assert.Equal("!=", Definition("neq").Infix);
        Assert.Equal("<", Definition("lt").Infix);
        Assert.Equal("<=", Definition("lte").Infix);
        Assert.Equal(">", Definition("gt").Infix);
        Assert.Equal(">=", Definition("gte").Infix);
        Assert.Equal("(any, any) => boolean", Signature("gte"));
    }

    internal static string Signature(string name)
    {
        var s = Definition(name).Signature;
        return "(" + string.Join(", ", s.Parameters.Select(p => p.ToString())) + ") => " + s.Result;
    }

    [Fact]
    public void Strings_compare_by_code_point() =>
        Assert.Equal("true", Show("lt", S("\uFFFD"), S("\U0001F600")));

    [Fact]
    public void Null_values_compare() => Assert.Equal("true", Show("equal", NullValue.Instance, J("null")));
}
