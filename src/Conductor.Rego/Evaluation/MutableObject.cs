using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>An object under construction from rules that each add a key path (<c>p.q[x].r := v</c>).</summary>
internal sealed class MutableObject
{
    public Dictionary<Value, object> Entries { get; } = [];

    public void Set(Value[] path, Value value, SourceLocation location)
    {
        var node = this;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (!node.Entries.TryGetValue(path[i], out var next))
            {
                var child = new MutableObject();
                node.Entries[path[i]] = child;
                node = child;
                continue;
            }
            if (next is MutableObject mo)
            {
                node = mo;
                continue;
            }
            if (next is ObjectValue ov)
            {
                var child = new MutableObject();
                for (var j = 0; j < ov.Count; j++) child.Entries[ov.KeyAt(j)] = ov.ValueAt(j);
                node.Entries[path[i]] = child;
                node = child;
                continue;
            }
            throw new RegoException(RegoErrorCodes.ConflictError, "object keys must be unique", location);
        }
        var last = path[^1];
        if (node.Entries.TryGetValue(last, out var existing))
        {
            var existingValue = existing as Value ?? ((MutableObject)existing).ToValue();
            if (!existingValue.Equals(value)) throw new RegoException(RegoErrorCodes.ConflictError, "object keys must be unique", location);
            return;
        }
        node.Entries[last] = value;
    }

    public ObjectValue ToValue()
    {
        var b = new ObjectBuilder(Entries.Count);
        foreach (var (k, v) in Entries) b.Set(k, v as Value ?? ((MutableObject)v).ToValue());
        return b.Build();
    }
}
