using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class AggregateBuiltinsTests
{
    [Fact]
    public void Count_of_each_kind()
    {
        Assert.Equal("4", Show("count", J("[1,2,3,4]")));
        Assert.Equal("2", Show("count", J("{\"a\":1,\"b\":2}")));
        Assert.Equal("3", Show("count", Set(N(1), N(2), N(3))));
        Assert.Equal("0", Show("count", S("")));
        // Code points, not UTF-16 units: é (1) and 😀 (1).
        Assert.Equal("3", Show("count", S("aé\U0001F600")));
        var e = Error("count", N(1));
        Assert.Equal("eval_type_error", e.Code);
        Assert.Equal("operand 1 must be one of {array, object, set, string} but got number", e.Message);
    }

    [Fact]
    public void Sum_and_product()
    {
        Assert.Equal("10", Show("sum", J("[1,2,3,4]")));
        Assert.Equal("6", Show("sum", Set(N(1), N(2), N(3))));
        Assert.Equal("0", Show("sum", J("[]")));
        Assert.Equal("0.6", Show("sum", J("[0.1,0.2,0.3]")));
        Assert.Equal("18446744073709551614", Show("sum", J("[9223372036854775807,9223372036854775807]")));
        Assert.Equal("9223372036854775806", Show("sum", J("[9223372036854775807,1,-2]")));
        Assert.Equal("-9223372036854775809", Show("sum", J("[-9223372036854775808,-1]")));
        Assert.Equal("1.5", Show("sum", J("[1e-3,1.499]")));
        Assert.Equal("24", Show("product", J("[1,2,3,4]")));
        Assert.Equal("1", Show("product", J("[]")));
        Assert.Equal("1.5", Show("product", J("[0.5,3]")));
        Assert.Equal("1267650600228229401496703205376", Show("product", new ArrayValue(Enumerable.Repeat(N(2), 100).ToArray())));
        Assert.Equal("operand 1 must be one of {set, array} but got string", Error("sum", S("x")).Message);
        Assert.Equal("operand 1 must be array of numbers but got array containing string", Error("sum", J("[1,\"a\"]")).Message);
        Assert.Equal("operand 1 must be set of numbers but got set containing null", Error("product", Set(N(1), NullValue.Instance)).Message);
    }

    [Fact]
    public void Max_and_min()
    {
        Assert.Equal("3", Show("max", J("[1,3,2]")));
        Assert.Equal("\"a\"", Show("max", J("[1,\"a\",null]")));
        Assert.Equal("{1}", Show("max", Arr(N(1), J("{}"), Set(N(1)))));
        Assert.Equal("null", Show("min", J("[1,\"a\",null]")));
        Assert.Equal("-1.5", Show("min", Set(N(1), Num("-1.5"), N(2))));
        Assert.Equal("undefined", Show("max", J("[]")));
        Assert.Equal("undefined", Show("min", Set()));
        Assert.Equal("operand 1 must be one of {set, array} but got object", Error("max", J("{}")).Message);
    }

    [Fact]
    public void Sort_orders_across_kinds()
    {
        var mixed = Arr(Set(N(1)), J("{\"a\":1}"), J("[1]"), S("b"), S("a"), N(2), Num("1.5"), BooleanValue.True, BooleanValue.False, NullValue.Instance);
        Assert.Equal("[null, false, true, 1.5, 2, \"a\", \"b\", [1], {\"a\": 1}, {1}]", Show("sort", mixed));
        Assert.Equal("[1, 2, 3]", Show("sort", Set(N(3), N(1), N(2))));
        Assert.Equal("[]", Show("sort", J("[]")));
        Assert.Equal("operand 1 must be one of {set, array} but got string", Error("sort", S("cba")).Message);
    }

    [Fact]
    public void All_and_any_are_deprecated()
    {
        Assert.True(Definition("all").Deprecated);
        Assert.True(Definition("any").Deprecated);
        Assert.Equal("true", Show("all", Set()));
        Assert.Equal("true", Show("all", J("[true,true]")));
        Assert.Equal("false", Show("all", J("[{},\"\",true,true,123]")));
        Assert.Equal("false", Show("any", Set()));
        Assert.Equal("true", Show("any", J("[false,true]")));
        Assert.Equal("false", Show("any", J("[{},\"\",false,123]")));
        Assert.Equal("operand 1 must be one of {array, set} but got string", Error("all", S("x")).Message);
    }
}
