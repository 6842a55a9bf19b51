using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Json;

/// <summary>
/// Paths into documents as OPA's json.filter, json.remove and json.patch take them: a JSON-pointer-like string
/// ("a/b", leading slashes ignored, ~1 and ~0 unescaped) or an array of path segments of any type.
/// </summary>
internal static class JsonPath
{
    public static Value[] Parse(Value path) => path switch
    {
        StringValue s => ParseString(s.Value),
        ArrayValue a => a.Items.ToArray(),
        _ => throw new BuiltinException(RegoErrorCodes.EvalTypeError,
            $"operand 2 must be one of {{set, array}} containing string paths or array of path segments but got {path.TypeName}"),
    };

    private static Value[] ParseString(string p)
    {
        if (p.Length == 0) return [];
        var parts = p.TrimStart('/').Split('/');
        var segments = new Value[parts.Length];
        for (var i = 0; i < parts.Length; i++) segments[i] = new StringValue(parts[i].Replace("~1", "/").Replace("~0", "~"));
        return segments;
    }

    /// <summary>The paths of a json.filter / json.remove operand (an array or set of paths).</summary>
    public static List<Value[]> ParseMany(Value operand)
    {
        var items = operand switch
        {
            ArrayValue a => a.Items,
            SetValue s => s.Sorted,
            _ => throw BuiltinException.OperandTypes(2, ["set", "array"], operand),
        };
        var paths = new List<Value[]>(items.Length);
        foreach (var item in items) paths.Add(Parse(item));
        return paths;
    }

    /// <summary>
    /// A tree of the paths as nested objects whose leaves are null (OPA's pathsToObject): a path that is a prefix
    /// of another keeps the whole subtree. Empty paths are ignored.
    /// </summary>
    public static PathTree ToTree(List<Value[]> paths)
    {
        var root = new PathTree();
        foreach (var path in paths)
        {
            if (path.Length == 0) continue;
            var node = root;
            var done = false;
            for (var i = 0; i < path.Length - 1 && !done; i++)
            {
                if (!node.Children.TryGetValue(path[i], out var child))
                {
                    child = new PathTree();
                    node.Children[path[i]] = child;
                    node = child;
                    continue;
                }
                if (child is null) done = true;
                else node = child;
            }
            if (!done) node.Children[path[^1]] = null;
        }
        return root;
    }

    /// <summary>
    /// Parses an array index segment as OPA's edit tree does (strconv.ParseInt, then no leading zeros unless the
    /// segment is "0"), or takes an integer number.
    /// </summary>
    public static bool TryIndex(Value segment, out int index)
    {
        index = -1;
        switch (segment)
        {
            case StringValue s:
                var t = s.Value;
                if (t.Length == 0) return false;
                if (t.Length > 1 && t[0] == '0') return false;
                var start = t[0] is '+' or '-' ? 1 : 0;
                if (start == t.Length) return false;
                for (var i = start; i < t.Length; i++)
                {
                    if (t[i] is < '0' or > '9') return false;
                }
                return int.TryParse(t, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out index);
            case NumberValue n:
                return n.TryGetInt32(out index);
            default:
                return false;
        }
    }
}

/// <summary>A node of a path tree: a null child means "the whole subtree from here".</summary>
internal sealed class PathTree
{
    public Dictionary<Value, PathTree?> Children { get; } = new();
}
