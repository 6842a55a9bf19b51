namespace Conductor.Rego.Values;

/// <summary>Accumulates key/value pairs into an <see cref="ObjectValue"/>; a later <see cref="Set"/> of a key replaces it.</summary>
public sealed class ObjectBuilder
{
    private readonly List<Value> _keys;
    private readonly List<Value> _values;
    private readonly Dictionary<Value, int> _index;

    public ObjectBuilder(int capacity = 4)
    {
        _keys = new List<Value>(capacity);
        _values = new List<Value>(capacity);
        _index = new Dictionary<Value, int>(capacity);
    }

    public int Count => _keys.Count;

    public void Set(Value key, Value value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            _values[i] = value;
            return;
        }
        _index[key] = _keys.Count;
        _keys.Add(key);
        _values.Add(value);
    }

    public void Set(string key, Value value) => Set(StringValue.Intern(key), value);

    public bool TryGetValue(Value key, out Value value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _values[i];
            return true;
        }
        value = NullValue.Instance;
        return false;
    }

    public ObjectValue Build() => _keys.Count == 0 ? ObjectValue.Empty : new ObjectValue(_keys.ToArray(), _values.ToArray());

    /// <summary>Builds with a key array shared through <paramref name="shapes"/> (for documents with many same-shaped objects).</summary>
    internal ObjectValue Build(KeyShapeCache shapes) =>
        _keys.Count == 0 ? ObjectValue.Empty : new ObjectValue(shapes.Share(_keys), _values.ToArray());
}
