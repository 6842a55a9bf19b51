using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class SetBuiltinsTests
{
    [Fact]
    public void And_or()
    {
        Assert.Equal("{2, 3}", Show("and", Set(N(1), N(2), N(3)), Set(N(2), N(3), N(4))));
        Assert.Equal("set()", Show("and", Set(N(1)), Set(N(2))));
        Assert.Equal("{1, 2, 3, \"a\"}", Show("or", Set(N(1), N(2)), Set(N(3), S("a"), N(1))));
        Assert.Equal("&", Definition("and").Infix);
        Assert.Equal("|", Definition("or").Infix);
        Assert.Equal("operand 2 must be set but got array", Error("and", Set(), Arr()).Message);
        Assert.Equal("operand 1 must be set but got object", Error("or", J("{}"), Set()).Message);
    }

    [Fact]
    public void Intersection_and_union_of_sets()
    {
        var a = Set(N(1), N(2), N(3), N(4));
        var b = Set(N(3), N(4), N(5));
        var c = Set(N(4), N(5), N(6));
        Assert.Equal("{4}", Show("intersection", Set(a, b, c)));
        Assert.Equal("{1, 2, 3, 4, 5, 6}", Show("union", Set(a, b, c)));
        Assert.Equal("set()", Show("intersection", Set()));
        Assert.Equal("set()", Show("union", Set()));
        Assert.Equal("operand 1 must be set but got number", Error("union", Set(a, N(1))).Message);
        Assert.Equal("operand 1 must be set but got array", Error("intersection", Arr(a)).Message);
        Assert.Equal("(set[set[any]]) => set[any]", ComparisonBuiltinsTests.Signature("union"));
    }
}
