using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Core.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Core;

public class GraphBuiltinsTests
{
    private static List<string> Walk(Value v)
    {
        var def = Definition("walk");
        Assert.Null(def.Function);
        return def.Relation!(new BuiltinContext(new EvaluationOptions()), [v]).Select(r => r.ToString()).ToList();
    }

    [Fact]
    public void Walk_visits_in_pre_order_with_sorted_keys()
    {
        Assert.Equal(
            [
                "[[], {\"a\": [1, {\"c\": true}], \"b\": null}]",
                "[[\"a\"], [1, {\"c\": true}]]",
                "[[\"a\", 0], 1]",
                "[[\"a\", 1], {\"c\": true}]",
                "[[\"a\", 1, \"c\"], true]",
                "[[\"b\"], null]",
            ],
            Walk(J("{\"b\": null, \"a\": [1, {\"c\": true}]}")));
    }

    [Fact]
    public void Walk_scalars_and_sets()
    {
        Assert.Equal(["[[], 42]"], Walk(N(42)));
        Assert.Equal(["[[], {\"x\", [1]}]", "[[\"x\"], \"x\"]", "[[[1]], [1]]", "[[[1], 0], 1]"], Walk(Set(Arr(N(1)), S("x"))));
    }

    [Fact]
    public void Walk_handles_deep_documents()
    {
        Value v = N(0);
        for (var i = 0; i < 5000; i++) v = Arr(v);
        var results = Definition("walk").Relation!(new BuiltinContext(new EvaluationOptions()), [v]).ToList();
        Assert.Equal(5001, results.Count);
        var deepest = (ArrayValue)results[^1];
        Assert.Equal(5000, ((ArrayValue)deepest[0]).Count);
        Assert.Equal("0", deepest[1].ToString());
    }

    [Fact]
    public void Walk_signature() =>
        Assert.Equal("(any) => array<array[any], any>", ComparisonBuiltinsTests.Signature("walk"));

    [Fact]
    public void Reachable()
    {
        var graph = J("{\"a\":[\"b\"],\"b\":[\"c\"],\"c\":[\"a\"],\"d\":[\"e\"],\"e\":[],\"f\":[\"zz\"]}");
        Assert.Equal("{\"a\", \"b\", \"c\"}", Show("graph.reachable", graph, J("[\"b\"]")));
        Assert.Equal("{\"d\", \"e\"}", Show("graph.reachable", graph, Set(S("d"))));
        // Nodes missing from the graph are not reached, even when named as initial nodes.
        Assert.Equal("{\"f\"}", Show("graph.reachable", graph, J("[\"f\", \"q\"]")));
        Assert.Equal("set()", Show("graph.reachable", graph, J("[]")));
        Assert.Equal("operand 2 must be {array, set} but got string", Error("graph.reachable", graph, S("a")).Message);
        Assert.Equal("operand 1 must be object but got array", Error("graph.reachable", J("[]"), J("[]")).Message);
    }

    [Fact]
    public void Reachable_paths()
    {
        var graph = J("{\"a\":[\"b\",\"c\"],\"b\":[\"d\"],\"c\":[\"d\"],\"d\":[],\"e\":[\"a\"],\"x\":[\"missing\"]}");
        Assert.Equal("{[\"a\", \"b\", \"d\"], [\"a\", \"c\", \"d\"]}", Show("graph.reachable_paths", graph, J("[\"a\"]")));
        Assert.Equal("{[\"d\"]}", Show("graph.reachable_paths", graph, Set(S("d"))));
        Assert.Equal("{[\"x\"]}", Show("graph.reachable_paths", graph, Set(S("x"))));
        Assert.Equal("set()", Show("graph.reachable_paths", graph, Set(S("nope"))));
        var cycle = J("{\"a\":[\"b\"],\"b\":[\"a\"]}");
        Assert.Equal("{[\"a\", \"b\"]}", Show("graph.reachable_paths", cycle, J("[\"a\"]")));
    }

    [Fact]
    public void Reachable_paths_follow_every_route_to_a_node()
    {
        // Below "top", "mid" is reached both directly and through "side": each route is its own path, as in
        // OPA 1.x, where only the nodes on the path being built count as visited.
        var graph = J("{\"top\":[\"root\"],\"root\":[\"mid\",\"side\"],\"side\":[\"mid\"],\"mid\":[\"leaf\"],\"leaf\":[]}");
        Assert.Equal(
            "{[\"top\", \"root\", \"mid\", \"leaf\"], [\"top\", \"root\", \"side\", \"mid\", \"leaf\"]}",
            Show("graph.reachable_paths", graph, Set(S("top"))));
    }

    [Fact]
    public void Reachable_paths_end_a_cycle_only_at_a_node_on_the_path()
    {
        // a -> u -> v -> w -> v closes a cycle at v; the branch a -> u -> w -> v -> w closes one at w.
        var graph = J("{\"a\":[\"u\"],\"u\":[\"v\",\"w\"],\"v\":[\"w\"],\"w\":[\"v\"]}");
        Assert.Equal(
            "{[\"a\", \"u\", \"v\", \"w\"], [\"a\", \"u\", \"w\", \"v\"]}",
            Show("graph.reachable_paths", graph, J("[\"a\"]")));
        // A self-loop on the initial node ends at its second visit.
        Assert.Equal("{[\"s\", \"s\"]}", Show("graph.reachable_paths", J("{\"s\":[\"s\"]}"), J("[\"s\"]")));
    }

    [Fact]
    public void Reachable_paths_on_a_long_chain()
    {
        var b = new ObjectBuilder();
        for (var i = 0; i < 50000; i++) b.Set(N(i), Arr(N(i + 1)));
        var result = (SetValue)Call("graph.reachable_paths", b.Build(), Arr(N(0)))!;
        Assert.Equal(50000, ((ArrayValue)Assert.Single(result.Sorted.ToArray())).Count);
    }
}
