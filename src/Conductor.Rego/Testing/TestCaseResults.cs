using Conductor.Rego.Values;

namespace Conductor.Rego.Testing;

/// <summary>
/// Turns what a parameterized test produced into its case results, as <c>opa test</c> does: every key of the
/// test's object value is a case (a nested object is a level of cases; a leaf passes only when it is <c>true</c>),
/// and every case path the test entered (through <c>internal.test_case</c>) that the value lacks is a failed case.
/// </summary>
internal static class TestCaseResults
{
    public static IReadOnlyList<TestSubResult> Build(Value value, IReadOnlyList<ArrayValue> entered)
    {
        var root = new Node();
        if (value is ObjectValue obj) root.AddValue(obj);
        foreach (var path in entered) root.AddEntered(path, 0);
        return root.Children();
    }

    /// <summary>Case names are strings as they are and other keys as compact JSON (OPA's termToString).</summary>
    internal static string CaseName(Value key) => key is StringValue s ? s.Value : key.ToJson();

    private sealed class Node
    {
        private readonly SortedDictionary<string, Node> _children = new(StringComparer.Ordinal);
        private bool _failed;

        public void AddValue(ObjectValue obj)
        {
            foreach (var (key, v) in obj.Entries)
            {
                var child = Child(CaseName(key), out _);
                if (v is ObjectValue nested) child.AddValue(nested);
                else child._failed = v is not BooleanValue { Value: true };
            }
        }

        // A case first seen here was entered but produced no value: it failed, and so did every level above it.
        public bool AddEntered(ArrayValue path, int index)
        {
            if (index >= path.Count) return false;
            var child = Child(CaseName(path[index]), out var created);
            if (created) child._failed = true;
            if (index == path.Count - 1) return child._failed;
            var failed = child.AddEntered(path, index + 1);
            if (failed) child._failed = true;
            return failed;
        }

        private Node Child(string name, out bool created)
        {
            created = !_children.TryGetValue(name, out var child);
            if (created) _children[name] = child = new Node();
            return child!;
        }

        public IReadOnlyList<TestSubResult> Children() =>
            _children.Select(kv => kv.Value.ToResult(kv.Key)).ToList();

        private TestSubResult ToResult(string name)
        {
            var cases = Children();
            return new TestSubResult(name, _failed || cases.Any(c => c.Failed), cases);
        }
    }
}
