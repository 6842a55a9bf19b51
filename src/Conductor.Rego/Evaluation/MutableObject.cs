using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>
/// An object under construction from rules that each add a key path (<c>p.q[x].r := v</c>, <c>p[q] contains x</c>)
/// and from child documents. Two rules giving different values at one path are a conflict.
/// Entries hold a <see cref="Value"/>, a nested <see cref="MutableObject"/> or a set under construction.
/// </summary>
internal sealed class MutableObject
{
    public Dictionary<Value, object> Entries { get; } = [];

    private static RegoException Conflict(SourceLocation location) =>
        new(RegoErrorCodes.ConflictError, "object keys must be unique", location);

    private MutableObject Descend(Value[] path, SourceLocation location)
    {
        var node = this;
        for (var i = 0; i < path.Length - 1; i++) node = node.Child(path[i], location);
        return node;
    }

    private MutableObject Child(Value key, SourceLocation location)
    {
        if (!Entries.TryGetValue(key, out var next))
        {
            var child = new MutableObject();
            Entries[key] = child;
            return child;
        }
        if (next is MutableObject mo) return mo;
        // A value another rule produced whole cannot be extended by a deeper rule.
        throw Conflict(location);
    }

    /// <summary>Lays base data over the object: base values win at the leaves, objects merge.</summary>
    public void MergeBase(Value key, Value value)
    {
        Entries.TryGetValue(key, out var existing);
        if (value is ObjectValue ov && existing is MutableObject or ObjectValue)
        {
            var mo = existing as MutableObject;
            if (mo is null)
            {
                mo = new MutableObject();
                var eo = (ObjectValue)existing!;
                for (var i = 0; i < eo.Count; i++) mo.Entries[eo.KeyAt(i)] = eo.ValueAt(i);
                Entries[key] = mo;
            }
            for (var i = 0; i < ov.Count; i++) mo.MergeBase(ov.KeyAt(i), ov.ValueAt(i));
            return;
        }
        Entries[key] = value;
    }

    public void Set(Value[] path, Value value, SourceLocation location) => Descend(path, location).Merge(path[^1], value, location);

    public void AddToSet(Value[] path, Value element, SourceLocation location)
    {
        var node = Descend(path, location);
        var key = path[^1];
        if (!node.Entries.TryGetValue(key, out var existing))
        {
            node.Entries[key] = new HashSet<Value> { element };
            return;
        }
        if (existing is HashSet<Value> set)
        {
            set.Add(element);
            return;
        }
        throw Conflict(location);
    }

    /// <summary>Puts a value at a key; objects merge key by key, sets unite, equal values agree, anything else conflicts.</summary>
    public void Merge(Value key, Value value, SourceLocation location)
    {
        if (!Entries.TryGetValue(key, out var existing))
        {
            Entries[key] = value;
            return;
        }
        switch (existing)
        {
            case MutableObject mo when value is ObjectValue ov:
                for (var i = 0; i < ov.Count; i++) mo.Merge(ov.KeyAt(i), ov.ValueAt(i), location);
                return;
            case HashSet<Value> set when value is SetValue sv:
                foreach (var x in sv.Sorted) set.Add(x);
                return;
            case Value v when v.Equals(value):
                return;
            default:
                throw Conflict(location);
        }
    }

    public ObjectValue ToValue()
    {
        var b = new ObjectBuilder(Entries.Count);
        foreach (var (k, v) in Entries)
        {
            b.Set(k, v switch
            {
                Value value => value,
                MutableObject mo => mo.ToValue(),
                HashSet<Value> set => new SetValue(set),
                _ => throw new InvalidOperationException(),
            });
        }
        return b.Build();
    }
}
