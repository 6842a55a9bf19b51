using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class ObjectBuiltinsTests
{
    private static readonly Value Doc = J("{\"a\": {\"b\": [{\"c\": 1}, 2], \"n\": null}, \"1\": \"str\"}");

    [Theory]
    [InlineData("\"a\"", "{\"b\": [{\"c\": 1}, 2], \"n\": null}")]
    [InlineData("\"zz\"", "\"dflt\"")]
    [InlineData("[]", "{\"1\": \"str\", \"a\": {\"b\": [{\"c\": 1}, 2], \"n\": null}}")]
    [InlineData("[\"a\", \"b\", 0, \"c\"]", "1")]
    [InlineData("[\"a\", \"b\", 1]", "2")]
    [InlineData("[\"a\", \"b\", 2]", "\"dflt\"")]
    [InlineData("[\"a\", \"b\", \"a\"]", "\"dflt\"")]
    [InlineData("[\"a\", \"n\"]", "null")]
    [InlineData("[\"a\", \"n\", \"x\"]", "\"dflt\"")]
    [InlineData("[\"1\"]", "\"str\"")]
    [InlineData("1", "\"dflt\"")]
    public void Get_by_key_or_path(string key, string expected) =>
        Assert.Equal(expected, Show("object.get", Doc, J(key), S("dflt")));

    [Fact]
    public void Get_with_non_string_keys_and_sets()
    {
        var obj = ObjectValue.FromPairs([new KeyValuePair<Value, Value>(N(1), Set(S("x"), S("y")))]);
        Assert.Equal("{\"x\", \"y\"}", Show("object.get", obj, N(1), NullValue.Instance));
        Assert.Equal("\"x\"", Show("object.get", obj, Arr(N(1), S("x")), NullValue.Instance));
        Assert.Equal("null", Show("object.get", obj, Arr(N(1), S("z")), NullValue.Instance));
        var e = Error("object.get", S("object"), Arr(S("a")), N(2));
        Assert.Equal("eval_type_error", e.Code);
        Assert.Equal("operand 1 must be object but got string", e.Message);
    }

    [Fact]
    public void Keys()
    {
        Assert.Equal("{\"1\", \"a\"}", Show("object.keys", Doc));
        Assert.Equal("set()", Show("object.keys", J("{}")));
        Assert.Equal("operand 1 must be object but got array", Error("object.keys", J("[]")).Message);
    }

    [Fact]
    public void Union_merges_recursively_and_right_wins()
    {
        Assert.Equal("{}", Show("object.union", J("{}"), J("{}")));
        Assert.Equal("{\"a\": 2, \"b\": 1, \"c\": 3}", Show("object.union", J("{\"a\":1,\"b\":1}"), J("{\"a\":2,\"c\":3}")));
        Assert.Equal("{\"a\": {\"b\": 1, \"c\": 2, \"d\": {\"e\": 2, \"f\": 1}}}",
            Show("object.union", J("{\"a\":{\"b\":1,\"c\":1,\"d\":{\"f\":1}}}"), J("{\"a\":{\"c\":2,\"d\":{\"e\":2}}}")));
        Assert.Equal("{\"a\": 5}", Show("object.union", J("{\"a\":{\"b\":1}}"), J("{\"a\":5}")));
        Assert.Equal("operand 2 must be object but got array", Error("object.union", J("{}"), J("[]")).Message);
    }

    [Fact]
    public void Union_n()
    {
        Assert.Equal("{}", Show("object.union_n", J("[]")));
        Assert.Equal("{\"a\": {\"b\": 1, \"c\": 3}, \"d\": 4}",
            Show("object.union_n", J("[{\"a\":{\"b\":1}},{\"a\":{\"c\":2}},{\"a\":{\"c\":3},\"d\":4}]")));
        Assert.Equal("{\"a\": {\"c\": 2}}", Show("object.union_n", J("[{\"a\":{\"b\":1}},{\"a\":7},{\"a\":{\"c\":2}}]")));
        Assert.Equal("operand 1 must be array of objects but got array containing number", Error("object.union_n", J("[{},1]")).Message);
        Assert.Equal("operand 1 must be array but got set", Error("object.union_n", Set()).Message);
    }

    [Fact]
    public void Remove_and_filter_take_array_set_or_object_keys()
    {
        var o = J("{\"a\":1,\"b\":2,\"c\":3}");
        Assert.Equal("{\"c\": 3}", Show("object.remove", o, J("[\"a\",\"b\",\"x\"]")));
        Assert.Equal("{\"a\": 1, \"c\": 3}", Show("object.remove", o, Set(S("b"))));
        Assert.Equal("{\"b\": 2}", Show("object.remove", o, J("{\"a\":0,\"c\":0}")));
        Assert.Equal("{\"a\": 1, \"b\": 2}", Show("object.filter", o, J("[\"a\",\"b\",\"x\"]")));
        Assert.Equal("{\"b\": 2}", Show("object.filter", o, Set(S("b"))));
        Assert.Equal("{}", Show("object.filter", o, J("{}")));
        Assert.Equal("operand 2 must be one of {object, set, array} but got string", Error("object.remove", o, S("a")).Message);
        Assert.Equal("operand 1 must be object but got array", Error("object.filter", J("[]"), J("[]")).Message);
    }

    [Fact]
    public void Subset()
    {
        Assert.Equal("true", Show("object.subset", J("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}"), J("{\"b\":{\"d\":3}}")));
        Assert.Equal("false", Show("object.subset", J("{\"a\":1}"), J("{\"a\":2}")));
        Assert.Equal("false", Show("object.subset", J("{\"a\":1}"), J("{\"b\":1}")));
        Assert.Equal("true", Show("object.subset", J("{\"a\":[1,2,3,4]}"), J("{\"a\":[2,3]}")));
        Assert.Equal("false", Show("object.subset", J("{\"a\":[1,2,3,4]}"), J("{\"a\":[2,4]}")));
        Assert.Equal("true", Show("object.subset", Set(N(1), N(2), N(3)), Set(N(1), N(3))));
        Assert.Equal("false", Show("object.subset", Set(N(1)), Set(N(1), N(3))));
        Assert.Equal("true", Show("object.subset", J("[1,2,1,2,3]"), J("[1,2,3]")));
        Assert.Equal("true", Show("object.subset", J("[3,1,2]"), Set(N(1), N(2))));
        Assert.Equal("false", Show("object.subset", J("[3,1]"), Set(N(1), N(2))));
        // OPA's counting rule for an array against a set, reproduced as is.
        Assert.Equal("true", Show("object.subset", J("[1]"), Set()));
        Assert.Equal("false", Show("object.subset", J("[]"), Set()));
        var e = Error("object.subset", Set(), J("[]"));
        Assert.Equal("eval_type_error", e.Code);
        Assert.Equal("both arguments object.subset must be of the same type or array and set", e.Message);
    }
}
