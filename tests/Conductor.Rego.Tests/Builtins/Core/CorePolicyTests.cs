using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Builtins.Core;

/// <summary>Core builtins reached through policies: infix operators, the walk relation, and errors as the evaluator reports them.</summary>
public class CorePolicyTests
{
    [Theory]
    [InlineData("x := 0.1 + 0.2", "0.3")]
    [InlineData("x := 7 % 3 * 2 - 1", "1")]
    [InlineData("x := 7 / 2", "3.5")]
    [InlineData("x := 123456789012345678901234567890 * 10", "1234567890123456789012345678900")]
    [InlineData("x := {1, 2, 3} - {2}", "[1,3]")]
    [InlineData("x := {1, 2} | {3}", "[1,2,3]")]
    [InlineData("x := {1, 2} & {2, 3}", "[2]")]
    [InlineData("x := [1 < 2, \"a\" > 1, null <= false, [1] >= [1], {} != []]", "[true,true,true,true,true]")]
    [InlineData("x := count(\"héllo\")", "5")]
    [InlineData("x := object.get({\"a\": {\"b\": 1}}, [\"a\", \"b\"], 0)", "1")]
    [InlineData("x := numbers.range(3, 1)", "[3,2,1]")]
    [InlineData("x := sort({\"b\", 1, null})", "[null,1,\"b\"]")]
    public void Expressions(string body, string expected) =>
        Assert.Equal(expected, Value("data.t.x", null, null, "package t\n\n" + body + "\n"));

    [Fact]
    public void Walk_with_path_and_value_pattern()
    {
        const string m = """
            package t

            leaves contains [p, v] if {
              walk(input, [p, v])
              not is_object(v)
              not is_array(v)
            }

            names := [v | walk(input, [["people", _, "name"], v])]
            """;
        const string input = """{"people":[{"name":"ann","age":3},{"name":"bo"}]}""";
        Assert.Equal("""[[["people",0,"age"],3],[["people",0,"name"],"ann"],[["people",1,"name"],"bo"]]""", Value("data.t.leaves", input, null, m));
        Assert.Equal("""["ann","bo"]""", Value("data.t.names", input, null, m));
    }

    [Fact]
    public void Builtin_errors_are_undefined_unless_strict()
    {
        const string m = "package t\n\nx := 1 / input.d\n";
        var policy = Compile(m);
        var query = policy.Prepare("data.t.x");
        Assert.True(query.Evaluate(new EvaluationOptions { Input = JsonValueReader.Parse("""{"d":0}""") }).IsUndefined);
        var e = Assert.Throws<RegoException>(() =>
            query.Evaluate(new EvaluationOptions { Input = JsonValueReader.Parse("""{"d":0}"""), StrictBuiltinErrors = true }));
        Assert.Contains("div: divide by zero", e.Message);
    }

    [Fact]
    public void Strict_type_errors_name_the_builtin()
    {
        var query = Compile("package t\n\nx := count(input.n)\n").Prepare("data.t.x");
        var e = Assert.Throws<RegoException>(() =>
            query.Evaluate(new EvaluationOptions { Input = JsonValueReader.Parse("""{"n":5}"""), StrictBuiltinErrors = true }));
        Assert.Contains("count: operand 1 must be one of {array, object, set, string} but got number", e.Message);
    }

    [Fact]
    public void Rand_intn_agrees_within_a_query()
    {
        var query = Compile("package t\n\nx := [rand.intn(\"k\", 1000), rand.intn(\"k\", 1000)]\n").Prepare("data.t.x");
        var row = query.Evaluate(new EvaluationOptions { Random = new Random(3) }).Rows[0];
        var pair = (ArrayValue)row.Expressions[0];
        Assert.Equal(pair[0], pair[1]);
    }
}
