using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

/// <summary>The core builtins' signatures, as OPA's capabilities declare them (written in RegoType's short form).</summary>
public class CoreSignatureTests
{
    private const string ArrayOrSet = "any<array[any], set[any]>";
    private const string Collection = "any<array[any], object[any: any], set[any]>";

    [Theory]
    [InlineData("abs", "(number) => number")]
    [InlineData("all", "(" + ArrayOrSet + ") => boolean")]
    [InlineData("and", "(set[any], set[any]) => set[any]")]
    [InlineData("any", "(" + ArrayOrSet + ") => boolean")]
    [InlineData("array.concat", "(array[any], array[any]) => array[any]")]
    [InlineData("array.flatten", "(array[any]) => array[any]")]
    [InlineData("array.reverse", "(array[any]) => array[any]")]
    [InlineData("array.slice", "(array[any], number, number) => array[any]")]
    [InlineData("bits.and", "(number, number) => number")]
    [InlineData("bits.lsh", "(number, number) => number")]
    [InlineData("bits.negate", "(number) => number")]
    [InlineData("bits.or", "(number, number) => number")]
    [InlineData("bits.rsh", "(number, number) => number")]
    [InlineData("bits.xor", "(number, number) => number")]
    [InlineData("cast_array", "(any) => array[any]")]
    [InlineData("cast_boolean", "(any) => boolean")]
    [InlineData("cast_null", "(any) => null")]
    [InlineData("cast_object", "(any) => object[any: any]")]
    [InlineData("cast_set", "(any) => set[any]")]
    [InlineData("cast_string", "(any) => string")]
    [InlineData("ceil", "(number) => number")]
    [InlineData("count", "(any<string, array[any], object[any: any], set[any]>) => number")]
    [InlineData("div", "(number, number) => number")]
    [InlineData("equal", "(any, any) => boolean")]
    [InlineData("floor", "(number) => number")]
    [InlineData("graph.reachable", "(object[any: " + ArrayOrSet + "], " + ArrayOrSet + ") => set[any]")]
    [InlineData("graph.reachable_paths", "(object[any: " + ArrayOrSet + "], " + ArrayOrSet + ") => set[array[any]]")]
    [InlineData("gt", "(any, any) => boolean")]
    [InlineData("gte", "(any, any) => boolean")]
    [InlineData("intersection", "(set[set[any]]) => set[any]")]
    [InlineData("is_array", "(any) => boolean")]
    [InlineData("is_boolean", "(any) => boolean")]
    [InlineData("is_null", "(any) => boolean")]
    [InlineData("is_number", "(any) => boolean")]
    [InlineData("is_object", "(any) => boolean")]
    [InlineData("is_set", "(any) => boolean")]
    [InlineData("is_string", "(any) => boolean")]
    [InlineData("lt", "(any, any) => boolean")]
    [InlineData("lte", "(any, any) => boolean")]
    [InlineData("max", "(" + ArrayOrSet + ") => any")]
    [InlineData("min", "(" + ArrayOrSet + ") => any")]
    [InlineData("minus", "(any<number, set[any]>, any<number, set[any]>) => any<number, set[any]>")]
    [InlineData("mul", "(number, number) => number")]
    [InlineData("neq", "(any, any) => boolean")]
    [InlineData("numbers.range", "(number, number) => array[number]")]
    [InlineData("numbers.range_step", "(number, number, number) => array[number]")]
    [InlineData("object.filter", "(object[any: any], " + Collection + ") => object[any: any]")]
    [InlineData("object.get", "(object[any: any], any, any) => any")]
    [InlineData("object.keys", "(object[any: any]) => set[any]")]
    [InlineData("object.remove", "(object[any: any], " + Collection + ") => object[any: any]")]
    [InlineData("object.subset", "(" + Collection + ", " + Collection + ") => boolean")]
    [InlineData("object.union", "(object[any: any], object[any: any]) => object[any: any]")]
    [InlineData("object.union_n", "(array[object[any: any]]) => object[any: any]")]
    [InlineData("or", "(set[any], set[any]) => set[any]")]
    [InlineData("plus", "(number, number) => number")]
    [InlineData("product", "(any<array[number], set[number]>) => number")]
    [InlineData("rand.intn", "(string, number) => number")]
    [InlineData("rem", "(number, number) => number")]
    [InlineData("round", "(number) => number")]
    [InlineData("set_diff", "(set[any], set[any]) => set[any]")]
    [InlineData("sort", "(" + ArrayOrSet + ") => array[any]")]
    [InlineData("sum", "(any<array[number], set[number]>) => number")]
    [InlineData("to_number", "(any<null, boolean, number, string>) => number")]
    [InlineData("type_name", "(any) => string")]
    [InlineData("union", "(set[set[any]]) => set[any]")]
    [InlineData("walk", "(any) => array<array[any], any>")]
    public void Matches_OPA_capabilities(string name, string expected) =>
        Assert.Equal(expected, ComparisonBuiltinsTests.Signature(name));

    [Fact]
    public void Only_the_deprecated_ones_are_marked()
    {
        string[] deprecated = ["all", "any", "cast_array", "cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string", "set_diff"];
        foreach (var name in new[] { "count", "sum", "sort", "object.get", "walk", "to_number", "minus", "union" })
            Assert.False(Definition(name).Deprecated, name);
        foreach (var name in deprecated) Assert.True(Definition(name).Deprecated, name);
        Assert.True(Definition("rand.intn").Nondeterministic);
        Assert.False(Definition("plus").Nondeterministic);
    }
}
