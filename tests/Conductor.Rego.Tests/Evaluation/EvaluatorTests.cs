using Conductor.Rego;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>Evaluator semantics on small policies, with exact results.</summary>
public sealed class EvaluatorTests
{
    [Fact]
    public void CompleteRuleWithDefault()
    {
        const string m = "package p\n\ndefault allow := false\n\nallow if input.user == \"alice\"\n";
        Assert.Equal("true", Value("data.p.allow", """{"user":"alice"}""", null, m));
        Assert.Equal("false", Value("data.p.allow", """{"user":"bob"}""", null, m));
        Assert.Equal("false", Value("data.p.allow", null, null, m));
    }

    [Fact]
    public void PartialSetAndObjectRules()
    {
        const string m = """
            package p

            names contains u.name if {
              some u in input.users
              u.active
            }

            by_name[u.name] := u.age if {
              some u in input.users
            }

            deep.q[u.name].age := u.age if {
              some u in input.users
            }
            """;
        const string input = """{"users":[{"name":"b","age":2,"active":true},{"name":"a","age":1,"active":true},{"name":"c","age":3,"active":false}]}""";
        Assert.Equal("""["a","b"]""", Value("data.p.names", input, null, m));
        Assert.Equal("""{"a":1,"b":2,"c":3}""", Value("data.p.by_name", input, null, m));
        Assert.Equal("""{"q":{"a":{"age":1},"b":{"age":2},"c":{"age":3}}}""", Value("data.p.deep", input, null, m));
        Assert.Equal("2", Value("data.p.by_name.b", input, null, m));
        Assert.Equal(["\"a\"", "\"b\"", "\"c\""], Bindings("data.p.by_name[k]", "k", input, null, m));
    }

    [Fact]
    public void ConflictingCompleteRulesRaiseConflictError()
    {
        const string m = "package p\n\nx = 1 if input.a\n\nx = 2 if input.b\n";
        Assert.Equal("1", Value("data.p.x", """{"a":true}""", null, m));
        var e = Assert.Throws<RegoException>(() => Value("data.p.x", """{"a":true,"b":true}""", null, m));
        Assert.Equal(RegoErrorCodes.ConflictError, e.Code);
        Assert.Equal("complete rules must not produce multiple outputs", e.Errors[0].Message);
    }

    [Fact]
    public void ElseChainsAndFunctions()
    {
        const string m = """
            package p

            grade(n) := "high" if {
              n >= 10
            } else := "mid" if {
              n >= 5
            } else := "low"

            results := [grade(12), grade(7), grade(1)]

            f(1) := "one"
            f(x) := "other" if x != 1
            """;
        Assert.Equal("""["high","mid","low"]""", Value("data.p.results", null, null, m));
        Assert.Equal("\"one\"", Value("data.p.f(1)", null, null, m));
        Assert.Equal("\"other\"", Value("data.p.f(2)", null, null, m));
    }

    [Fact]
    public void WithReplacesInputDataAndFunctions()
    {
        const string m = """
            package p

            allow if input.role == data.roles.admin

            double(x) := x * 2

            four := double(2)
            """;
        Assert.Equal("true", Value("""data.p.allow with input as {"role": "root"} with data.roles.admin as "root" """, null, null, m));
        Assert.Equal("undefined", Value("""data.p.allow with input as {"role": "root"}""", null, null, m));
        Assert.Equal("7", Value("data.p.four with data.p.double as 7", null, null, m));
    }

    [Fact]
    public void EveryNotAndComprehensions()
    {
        const string m = """
            package p

            all_positive if {
              every x in input.xs {
                x > 0
              }
            }

            none_negative if not any_negative

            any_negative if {
              some x in input.xs
              x < 0
            }

            squares := {x: y | some x in input.xs; y := x * x}
            """;
        Assert.Equal("true", Value("data.p.all_positive", """{"xs":[1,2,3]}""", null, m));
        Assert.Equal("undefined", Value("data.p.all_positive", """{"xs":[1,-2,3]}""", null, m));
        Assert.Equal("true", Value("data.p.none_negative", """{"xs":[1,2]}""", null, m));
        Assert.Equal("""{"1":1,"2":4,"3":9}""", Value("data.p.squares", """{"xs":[1,2,3]}""", null, m));
    }

    [Fact]
    public void BodiesAreReorderedForSafety()
    {
        const string m = "package p\n\nq contains y if {\n  y > 1\n  y = x + 1\n  x = input.xs[_]\n}\n";
        Assert.Equal("[2,3]", Value("data.p.q", """{"xs":[1,2]}""", null, m));
    }

    [Fact]
    public void UnsafeVariablesAreCompileErrors()
    {
        var e = Assert.Throws<RegoException>(() => Compile("package p\n\nallow if {\n  x > 1\n}\n"));
        Assert.Equal(RegoErrorCodes.UnsafeVarError, e.Code);
        Assert.Equal("var x is unsafe", e.Errors[0].Message);
        Assert.Equal(4, e.Errors[0].Location!.Row);
    }

    [Fact]
    public void BaseDataAndRulesMerge()
    {
        const string m = "package a.b\n\nc := 1\n";
        Assert.Equal("""{"b":{"c":1,"d":2}}""", Value("data.a", null, """{"a":{"b":{"d":2}}}""", m));
    }

    [Fact]
    public void ArbitraryPrecisionIntegers()
    {
        Assert.Equal(["246913578024691357802469135780"], Bindings("x := 123456789012345678901234567890 * 2", "x", null, null, "package p\n"));
    }

    [Fact]
    public void IndexSelectsMatchingRulesAmongMany()
    {
        var m = "package p\n\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"allow = {i} if input.action == \"a{i}\""));
        Assert.Equal("137", Value("data.p.allow", """{"action":"a137"}""", null, m));
        Assert.Equal("undefined", Value("data.p.allow", """{"action":"zzz"}""", null, m));
    }

    [Fact]
    public void RegoMetadataRuleReturnsTheRulesAnnotations()
    {
        const string m = """
            package meta

            # METADATA
            # title: Allow rule
            # description: checks the user
            allow if {
              m := rego.metadata.rule()
              m.title == "Allow rule"
            }

            title_of_plain := t if {
              t := object.get(rego.metadata.rule(), "title", "none")
            }
            """;
        Assert.Equal("true", Value("data.meta.allow", null, null, m));
        Assert.Equal("\"none\"", Value("data.meta.title_of_plain", null, null, m));
        Assert.Equal("{}", Value("rego.metadata.rule()", null, null, m));
    }

    [Fact]
    public void InputLookupsFollowWithScopes()
    {
        const string m = """
            package p

            q := [input.x, v, input.x] if {
              v := input.x with input as {"x": 5}
            }

            r := [w, input.x] if {
              w := input.x with input.x as 7
            }
            """;
        Assert.Equal("[1,5,1]", Value("data.p.q", """{"x":1}""", null, m));
        Assert.Equal("[7,1]", Value("data.p.r", """{"x":1}""", null, m));
        Assert.Equal("[7,3]", Value("data.p.r with input as {\"x\": 3}", """{"x":1}""", null, m));
    }
    [Fact]
    public void BuiltinsNamedAsWithReplacements()
    {
        // A builtin (plain or dotted name) may replace a builtin or a function; its name is no unsafe variable.
        const string m = """
            package p

            double(n) := n * 2

            total := t if t := sum([10, 20]) with sum as count
            merged := o if o := count([{"k": 1}, {"j": 2}]) with count as object.union_n
            twice := d if d := double([1, 2, 3]) with double as count
            local := v if {
              count := 5
              v := sum([1]) with sum as count
            }
            """;
        Assert.Equal("2", Value("data.p.total", null, null, m));
        Assert.Equal("""{"j":2,"k":1}""", Value("data.p.merged", null, null, m));
        Assert.Equal("3", Value("data.p.twice", null, null, m));
        // A local variable named like a builtin stays a value replacement.
        Assert.Equal("5", Value("data.p.local", null, null, m));
    }

    [Fact]
    public void NoMockAppliesInsideAMock()
    {
        // While a replacement function runs, every mock of the enclosing with is off (as in OPA):
        // inner_sum's call to max reaches the real max, not the outer mock that would fail.
        const string m = """
            package p

            boom(_) := x if x := {k: 1 | some k in ["a", "b"]}["c"]

            inner_sum(xs) := max(xs) + 100

            r if sum([1, 2]) == 102

            q if r with sum as inner_sum

            p := true if q with max as boom

            mocked_then_real := [a, b] if {
              a := sum([1, 2]) with sum as inner_sum with max as boom
              b := sum([1, 2])
            }
            """;
        Assert.Equal("true", Value("data.p.p", null, null, m));
        Assert.Equal("[102,3]", Value("data.p.mocked_then_real", null, null, m));
    }
}
