namespace Conductor.Rego.Testing;

/// <summary>A discovered test rule.</summary>
/// <param name="Package">The package as OPA prints it, <c>data.a.b</c>.</param>
/// <param name="Name">The rule's name.</param>
/// <param name="PackagePath">The package path segments, <c>["a", "b"]</c>.</param>
/// <param name="Location">Where the rule is defined.</param>
/// <param name="Skipped">True for <c>todo_test_*</c> rules, which are listed but not run.</param>
public sealed record TestCase(string Package, string Name, IReadOnlyList<string> PackagePath, SourceLocation Location, bool Skipped);
