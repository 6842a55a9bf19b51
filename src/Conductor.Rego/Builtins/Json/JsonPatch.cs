using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Json;

/// <summary>
/// RFC 6902 JSON Patch over Rego values, as OPA's json.patch: paths are JSON pointers or arrays of segments,
/// and sets are addressed by their elements (adding to a set needs the path's last segment to equal the value).
/// </summary>
internal static class JsonPatch
{
    public static Value Apply(Value target, Value patches)
    {
        var operations = patches as ArrayValue ?? throw BuiltinException.OperandType(2, "array", patches);
        foreach (var item in operations.Items)
        {
            if (item is not ObjectValue op)
                throw BuiltinException.Error("must be an array of JSON-Patch objects, but at least one element is not an object");
            // OPA checks "path" before "op", and "value"/"from" only for the operations that use them.
            var pathValue = op.Get("path") ?? throw BuiltinException.Error("missing required attribute 'path'");
            var opValue = op.Get("op") ?? throw BuiltinException.Error("missing required attribute 'op'");
            var opName = opValue as StringValue ?? throw BuiltinException.Error("attribute 'op' must be a string but found: " + opValue.TypeName);
            var path = JsonPath.Parse(pathValue);
            switch (opName.Value)
            {
                case "add":
                    target = Add(target, path, Attribute(op, "value"));
                    break;
                case "remove":
                    target = Remove(target, path);
                    break;
                case "replace":
                {
                    // Remove, then add (so the path must exist); an empty path replaces the whole document.
                    var removed = path.Length == 0 ? target : Remove(target, path);
                    target = Add(removed, path, Attribute(op, "value"));
                    break;
                }
                case "move":
                {
                    var from = JsonPath.Parse(Attribute(op, "from"));
                    var value = Get(target, from);
                    target = Add(Remove(target, from), path, value);
                    break;
                }
                case "copy":
                {
                    var from = JsonPath.Parse(Attribute(op, "from"));
                    target = Add(target, path, Get(target, from));
                    break;
                }
                case "test":
                {
                    var actual = Get(target, path);
                    var expected = Attribute(op, "value");
                    if (!actual.Equals(expected))
                        throw BuiltinException.Error($"value from EditTree != patch value.\n\nExpected: {expected}\n\nFound: {actual}");
                    break;
                }
                default:
                    throw BuiltinException.Error($"unrecognized op: '{opName.Value}'");
            }
        }
        return target;
    }

    private static Value Attribute(ObjectValue op, string name) =>
        op.Get(name) ?? throw BuiltinException.Error($"missing required attribute '{name}'");

    private static string Pointer(Value[] path) =>
        "/" + string.Join("/", path.Select(p => p is StringValue s ? s.Value : p.ToJson()));

    private static BuiltinException NotFound(Value[] path) => BuiltinException.Error($"path {Pointer(path)} does not exist");

    private static Value Get(Value doc, Value[] path)
    {
        foreach (var segment in path)
        {
            doc = Child(doc, segment) ?? throw NotFound(path);
        }
        return doc;
    }

    private static Value? Child(Value node, Value segment)
    {
        switch (node)
        {
            case ObjectValue o:
                return o.Get(segment);
            case ArrayValue a:
                return JsonPath.TryIndex(segment, out var i) && i >= 0 && i < a.Count ? a[i] : null;
            case SetValue s:
                return s.Contains(segment) ? segment : null;
            default:
                return null;
        }
    }

    private delegate Value ParentEdit(Value parent, Value key, Value[] path);

    /// <summary>Rebuilds <paramref name="doc"/> with the parent of the path's last segment replaced by <paramref name="edit"/>'s result.</summary>
    private static Value Update(Value doc, Value[] path, int depth, ParentEdit edit)
    {
        if (depth == path.Length - 1) return edit(doc, path[depth], path);
        var child = Child(doc, path[depth]) ?? throw NotFound(path);
        var updated = Update(child, path, depth + 1, edit);
        return Replace(doc, path[depth], child, updated, path);
    }

    private static Value Replace(Value parent, Value key, Value oldChild, Value newChild, Value[] path)
    {
        switch (parent)
        {
            case ObjectValue o:
                return With(o, key, newChild);
            case ArrayValue a:
                JsonPath.TryIndex(key, out var i);
                var items = a.Items.ToArray();
                items[i] = newChild;
                return new ArrayValue(items);
            case SetValue s:
                var set = new HashSet<Value>(s.Items);
                set.Remove(oldChild);
                set.Add(newChild);
                return new SetValue(set);
            default:
                throw NotFound(path);
        }
    }

    private static ObjectValue With(ObjectValue o, Value key, Value value)
    {
        var b = new ObjectBuilder(o.Count + 1);
        foreach (var (k, v) in o.Entries) b.Set(k, v);
        b.Set(key, value);
        return b.Build();
    }

    private static Value Add(Value doc, Value[] path, Value value)
    {
        if (path.Length == 0) return value;
        return Update(doc, path, 0, (parent, key, p) =>
        {
            switch (parent)
            {
                case ObjectValue o:
                    return With(o, key, value);
                case ArrayValue a:
                {
                    int index;
                    if (key is StringValue { Value: "-" }) index = a.Count;
                    else if (!JsonPath.TryIndex(key, out index) || index < 0 || index > a.Count)
                        throw BuiltinException.Error($"invalid array index {(key is StringValue ks ? ks.Value : key.ToJson())} in path {Pointer(p)}");
                    var items = new List<Value>(a.Count + 1);
                    items.AddRange(a.Items);
                    items.Insert(index, value);
                    return new ArrayValue(items.ToArray());
                }
                case SetValue s:
                {
                    if (!key.Equals(value)) throw BuiltinException.Error($"set key {key.ToJson()} does not match the value {value.ToJson()} added at {Pointer(p)}");
                    var set = new HashSet<Value>(s.Items) { value };
                    return new SetValue(set);
                }
                default:
                    throw NotFound(p);
            }
        });
    }

    private static Value Remove(Value doc, Value[] path)
    {
        if (path.Length == 0) throw BuiltinException.Error("cannot remove the document root");
        return Update(doc, path, 0, (parent, key, p) =>
        {
            switch (parent)
            {
                case ObjectValue o:
                {
                    if (!o.ContainsKey(key)) throw NotFound(p);
                    var b = new ObjectBuilder(o.Count);
                    foreach (var (k, v) in o.Entries)
                    {
                        if (!k.Equals(key)) b.Set(k, v);
                    }
                    return b.Build();
                }
                case ArrayValue a:
                {
                    if (!JsonPath.TryIndex(key, out var index) || index < 0 || index >= a.Count) throw NotFound(p);
                    var items = new List<Value>(a.Items.ToArray());
                    items.RemoveAt(index);
                    return new ArrayValue(items.ToArray());
                }
                case SetValue s:
                {
                    if (!s.Contains(key)) throw NotFound(p);
                    var set = new HashSet<Value>(s.Items);
                    set.Remove(key);
                    return new SetValue(set);
                }
                default:
                    throw NotFound(p);
            }
        });
    }
}
