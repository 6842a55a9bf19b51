using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class ArrayBuiltinsTests
{
    [Fact]
    public void Concat() {
        Assert.Equal("[1, 2, 3, 4]", Show("array.concat", J("[1,2]"), J("[3,4]")));
        Assert.Equal("[1]", Show("array.concat", J("[]"), J("[1]")));
        Assert.Equal("operand 2 must be array but got set", Error("array.concat", J("[]"), Set()).Message);
    }

    [Theory]
    [InlineData("1", "3", "[2, 3]")]
    [InlineData("-2", "2", "[1, 2]")]
    [InlineData("1", "100", "[2, 3, 4, 5]")]
    [InlineData("-100", "100", "[1, 2, 3, 4, 5]")]
    [InlineData("3", "1", "[]")]
    [InlineData("7", "9", "[]")]
    [InlineData("0", "-1", "[]")]
    [InlineData("0", "100000000000000000000000", "[1, 2, 3, 4, 5]")]
    public void Slice_clamps_indices(string start, string stop, string expected) =>
        Assert.Equal(expected, Show("array.slice", J("[1,2,3,4,5]"), Num(start), Num(stop)));

    [Fact]
    public void Slice_errors()
    {
        Assert.Equal("operand 2 must be integer number but got floating-point number", Error("array.slice", J("[1]"), Num("0.5"), N(1)).Message);
        Assert.Equal("operand 3 must be number but got string", Error("array.slice", J("[1]"), N(0), S("1")).Message);
        Assert.Equal("operand 1 must be array but got string", Error("array.slice", S("abc"), N(0), N(1)).Message);
    }

    [Fact]
    public void Flatten_unpacks_one_level()
    {
        Assert.Equal("[1, 2, 3, [4], \"x\", {\"a\": [5]}]", Show("array.flatten", J("[[1, 2], 3, [[4]], \"x\", {\"a\": [5]}]")));
        Assert.Equal("[]", Show("array.flatten", J("[[], []]")));
        Assert.Equal("operand 1 must be array but got object", Error("array.flatten", J("{}")).Message);
    }

    [Fact]
    public void Reverse()
    {
        Assert.Equal("[3, 2, 1]", Show("array.reverse", J("[1,2,3]")));
        Assert.Equal("[]", Show("array.reverse", J("[]")));
        Assert.Equal("operand 1 must be array but got set", Error("array.reverse", Set()).Message);
    }
}
