namespace Conductor.Rego.Testing;

/// <summary>
/// One case of a parameterized test (<c>test_x[name] if …</c>), or a level of nested cases
/// (<c>test_x[group][name] if …</c>). A leaf fails when its value is not <c>true</c> or when the case was entered
/// but produced no value; a level fails when any case below it fails.
/// </summary>
/// <param name="Name">The case key as text: a string as is, other values as compact JSON.</param>
/// <param name="Failed">True when this case, or one below it, failed.</param>
/// <param name="Cases">Nested cases in key order; empty for a leaf.</param>
public sealed record TestSubResult(string Name, bool Failed, IReadOnlyList<TestSubResult> Cases)
{
    /// <summary>This result and every nested one, depth first in key order, each with its depth (1 for top-level cases).</summary>
    public IEnumerable<(TestSubResult Case, int Depth)> Walk(int depth = 1)
    {
        yield return (this, depth);
        foreach (var c in Cases)
        {
            foreach (var nested in c.Walk(depth + 1)) yield return nested;
        }
    }
}
