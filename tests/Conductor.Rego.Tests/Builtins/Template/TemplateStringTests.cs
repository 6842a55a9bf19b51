using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Builtins.Template;

/// <summary>
/// Values embedded in <c>$"…"</c> template strings: strings print bare, everything else prints in Rego's own
/// term syntax (as OPA's print does), not as compact JSON.
/// </summary>
public sealed class TemplateStringTests
{
    [Fact]
    public void Scalars_print_bare_or_in_rego_syntax()
    {
        const string m = """
            package t

            name := "bob"
            msg := $"user={name} n={7} f={2.5} ok={false} none={null}"
            """;
        Assert.Equal("\"user=bob n=7 f=2.5 ok=false none=null\"", Value("data.t.msg", null, null, m));
    }

    [Fact]
    public void Arrays_and_objects_print_with_rego_separators()
    {
        const string m = """
            package t

            tags := ["x", 3, true]
            meta := {"k": "v", "n": [1, 2]}
            msg := $"tags {tags}; meta {meta}; empty {[]} {{}}"
            """;
        Assert.Equal("\"tags [\\\"x\\\", 3, true]; meta {\\\"k\\\": \\\"v\\\", \\\"n\\\": [1, 2]}; empty [] {}\"",
            Value("data.t.msg", null, null, m));
    }

    [Fact]
    public void Sets_print_sorted_in_braces_and_empty_set_as_set_call()
    {
        const string m = """
            package t

            roles := {"writer", 10, "admin", null}
            msg := $"roles={roles} none={set()}"
            """;
        Assert.Equal("\"roles={null, 10, \\\"admin\\\", \\\"writer\\\"} none=set()\"", Value("data.t.msg", null, null, m));
    }

    [Fact]
    public void Comprehension_values_use_rego_syntax_too()
    {
        const string m = """
            package t

            xs := ["q", "r"]
            msg := $"{[upper(x) | some x in xs]} / {{k: count(k) | some k in xs}}"
            """;
        Assert.Equal("\"[\\\"Q\\\", \\\"R\\\"] / {\\\"q\\\": 1, \\\"r\\\": 1}\"", Value("data.t.msg", null, null, m));
    }

    [Fact]
    public void An_expression_with_several_distinct_values_is_a_conflict()
    {
        const string m = """
            package t

            msg := $"ids: {input.ids[_]}"
            """;
        Assert.Equal("\"ids: 4\"", Value("data.t.msg", """{"ids":[4, 4]}""", null, m));
        var e = Assert.Throws<RegoException>(() => Value("data.t.msg", """{"ids":[4, 5]}""", null, m));
        Assert.Equal(RegoErrorCodes.ConflictError, e.Code);
        Assert.Equal("template-strings must not produce multiple outputs", e.Errors[0].Message);
    }

    [Fact]
    public void Template_strings_may_form_a_comprehension_head()
    {
        const string m = """
            package t

            labels := {$"({k})": $"{k}={v}" | some k, v in {"a": 1, "b": [2]}}
            names := [$"n{i}" | some i in numbers.range(1, 3)]
            """;
        Assert.Equal("{\"(a)\":\"a=1\",\"(b)\":\"b=[2]\"}", Value("data.t.labels", null, null, m));
        Assert.Equal("[\"n1\",\"n2\",\"n3\"]", Value("data.t.names", null, null, m));
    }

    [Fact]
    public void A_function_argument_may_be_a_template_string_or_a_call_bound_by_the_body()
    {
        const string m = """
            package t

            greet($"{first} {last}") := "matched" if {
            	first := "ada"
            	last := upper("lovelace")
            }

            size(count(xs)) := "same size" if xs := [1, 2, 3]

            a := greet("ada LOVELACE")
            b := greet("ada lovelace")
            c := size(3)
            """;
        Assert.Equal("\"matched\"", Value("data.t.a", null, null, m));
        Assert.Equal("undefined", Value("data.t.b", null, null, m));
        Assert.Equal("\"same size\"", Value("data.t.c", null, null, m));
    }
}

