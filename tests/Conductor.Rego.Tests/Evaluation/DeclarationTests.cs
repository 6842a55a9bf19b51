using Conductor.Rego;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Evaluation;

/// <summary>Declaring variables (<c>some</c>, <c>:=</c>, function arguments) and replacing functions with <c>with</c>.</summary>
public sealed class DeclarationTests
{
    private static RegoException CompileFails(string module) =>
        Assert.Throws<RegoException>(() => Compile(module));

    [Theory]
    [InlineData("ok if {\n  some n\n  some n\n  n = 3\n}\n", "var n declared above")]
    [InlineData("ok if {\n  some n\n  n := 3\n}\n", "var n declared above")]
    [InlineData("ok if {\n  n := 3\n  some n\n  n == 3\n}\n", "var n assigned above")]
    [InlineData("ok if {\n  n = 3\n  some n\n  n == 3\n}\n", "var n referenced above")]
    [InlineData("half(n) := h if {\n  n := 4\n  h := n / 2\n}\n\nok := half(2)\n", "arg n redeclared")]
    public void RedeclaringAVariableIsACompileError(string rules, string message)
    {
        var e = CompileFails("package decl\n\n" + rules);
        Assert.Equal(RegoErrorCodes.CompileError, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SomeInANestedComprehensionDeclaresItsOwnVariable()
    {
        const string m = """
            package decl

            pairs := [n | some n; n = "inner"] if {
              some n
              n = "outer"
            }
            """;
        Assert.Equal("""["inner"]""", Value("data.decl.pairs", null, null, m));
    }

    [Fact]
    public void ARepeatedArgumentNameMatchesEqualArgumentsOnly()
    {
        const string m = """
            package decl

            default kind(_, _) := "other"

            kind(a, a) := "pair"

            kind([h, h], _) := "twin-head"

            kinds := [kind("x", "x"), kind("x", "y"), kind(["q", "q"], 1), kind(["q", "r"], 1)]
            """;
        Assert.Equal("""["pair","other","twin-head","other"]""", Value("data.decl.kinds", null, null, m));
    }

    [Theory]
    [InlineData("inc(n) := n + 1\n\nscale(n, k) := n * k\n\nr := v if v := inc(1) with inc as scale\n")]
    [InlineData("r := v if v := count([1]) with count as concat\n")]
    [InlineData("pick(a, b) := a\n\nr := v if v := upper(\"a\") with upper as pick\n")]
    public void AReplacementFunctionOfAnotherArityIsATypeError(string rules)
    {
        var e = CompileFails("package decl\n\n" + rules);
        Assert.Equal(RegoErrorCodes.TypeError, e.Code);
        Assert.Contains("arity mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReplacementFunctionOfTheSameArityOrAValueIsAccepted()
    {
        const string m = """
            package decl

            tag(_, parts) := concat("+", parts)

            r := [v, w] if {
              v := concat("-", ["a", "b"]) with concat as tag
              w := count([1, 2]) with count as 9
            }
            """;
        Assert.Equal("""["a+b",9]""", Value("data.decl.r", null, null, m));
    }
}
