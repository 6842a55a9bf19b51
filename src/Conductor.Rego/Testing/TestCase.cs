namespace Conductor.Rego.Testing;

/// <summary>A discovered test rule.</summary>
/// <param name="Package">The package as OPA prints it, <c>data.a.b</c>.</param>
/// <param name="Name">The rule's name relative to the package as OPA prints it: <c>test_x</c>, <c>a.test_b</c>, or
/// <c>test_x#01</c> for the second definition of <c>test_x</c>.</param>
/// <param name="PackagePath">The package path segments, <c>["a", "b"]</c>.</param>
/// <param name="RulePath">The segments from the package to the test name, <c>["a", "test_b"]</c>.</param>
/// <param name="Location">Where the rule is defined.</param>
/// <param name="Skipped">True for <c>todo_test_*</c> rules, which are listed but not run.</param>
/// <param name="Parameterized">True when the head goes on after the test name (<c>test_x[name] if …</c>): the
/// value is an object of cases, each reported on its own.</param>
public sealed record TestCase(
    string Package, string Name, IReadOnlyList<string> PackagePath, IReadOnlyList<string> RulePath, SourceLocation Location,
    bool Skipped, bool Parameterized = false);
