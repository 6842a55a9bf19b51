using Conductor.Rego.Values;

namespace Conductor.Rego.Loading;

/// <summary>
/// Merges data documents the way OPA's loader does: objects merge key by key, recursively; any other value
/// meeting an existing key (even an equal one) is a conflict.
/// </summary>
internal sealed class DataDocumentBuilder
{
    // A node is either a nested builder (an object still being merged) or a finished Value.
    private readonly Dictionary<string, object> _children = new(StringComparer.Ordinal);

    /// <summary>Merges <paramref name="document"/> at <paramref name="path"/>; false on a conflict (nothing is changed then).</summary>
    public bool TryMerge(IReadOnlyList<string> path, Value document)
    {
        if (path.Count == 0)
        {
            if (document is not ObjectValue obj) throw new InvalidOperationException("root document must be an object");
            if (!CanMerge(this, obj)) return false;
            MergeObject(this, obj);
            return true;
        }
        // Check first so that a failed merge leaves the document as it was.
        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node._children.TryGetValue(path[i], out var next)) { node = null; break; }
            if (next is DataDocumentBuilder b) { node = b; continue; }
            if (next is ObjectValue o)
            {
                node = FromObject(o);
                continue;
            }
            return false;
        }
        if (node is not null && node._children.TryGetValue(path[^1], out var existing))
        {
            if (document is not ObjectValue newObj) return false;
            var target = existing switch
            {
                DataDocumentBuilder b => b,
                ObjectValue o => FromObject(o),
                _ => null,
            };
            if (target is null || !CanMerge(target, newObj)) return false;
        }

        var cur = this;
        for (var i = 0; i < path.Count - 1; i++) cur = cur.ChildBuilder(path[i]);
        var last = path[^1];
        if (cur._children.TryGetValue(last, out var old) && document is ObjectValue doc)
        {
            var b = old as DataDocumentBuilder ?? FromObject((ObjectValue)old);
            cur._children[last] = b;
            MergeObject(b, doc);
        }
        else
        {
            cur._children[last] = document;
        }
        return true;
    }

    private DataDocumentBuilder ChildBuilder(string key)
    {
        if (_children.TryGetValue(key, out var existing))
        {
            if (existing is DataDocumentBuilder b) return b;
            var converted = FromObject((ObjectValue)existing);
            _children[key] = converted;
            return converted;
        }
        var created = new DataDocumentBuilder();
        _children[key] = created;
        return created;
    }

    private static DataDocumentBuilder FromObject(ObjectValue o)
    {
        var b = new DataDocumentBuilder();
        foreach (var kv in o.Entries) b._children[KeyString(kv.Key)] = kv.Value;
        return b;
    }

    private static string KeyString(Value key) => key is StringValue s ? s.Value : key.ToString();

    private static bool CanMerge(DataDocumentBuilder target, ObjectValue source)
    {
        foreach (var kv in source.Entries)
        {
            if (!target._children.TryGetValue(KeyString(kv.Key), out var existing)) continue;
            if (kv.Value is not ObjectValue sub) return false;
            switch (existing)
            {
                case DataDocumentBuilder b when CanMerge(b, sub):
                    continue;
                case ObjectValue o when CanMerge(FromObject(o), sub):
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    private static void MergeObject(DataDocumentBuilder target, ObjectValue source)
    {
        foreach (var kv in source.Entries)
        {
            var key = KeyString(kv.Key);
            if (target._children.TryGetValue(key, out var existing) && kv.Value is ObjectValue sub)
            {
                var b = existing as DataDocumentBuilder ?? FromObject((ObjectValue)existing);
                target._children[key] = b;
                MergeObject(b, sub);
            }
            else
            {
                target._children[key] = kv.Value;
            }
        }
    }

    public ObjectValue Build()
    {
        var o = new ObjectBuilder(_children.Count);
        foreach (var (k, v) in _children) o.Set(k, v is DataDocumentBuilder b ? b.Build() : (Value)v);
        return o.Build();
    }
}
