using System.Text;

namespace Conductor.Rego.Values;

/// <summary>
/// An immutable Rego object. Keys may be any value. Lookups are by hash; enumeration (<see cref="Entries"/>)
/// is in OPA's sorted key order. Build one with <see cref="ObjectBuilder"/> or <see cref="FromPairs"/>.
/// </summary>
public sealed class ObjectValue : Value
{
    public static readonly ObjectValue Empty = new([], []);

    private readonly Value[] _keys;
    private readonly Value[] _values;
    private Dictionary<Value, int>? _index;
    private int[]? _sortedOrder;

    /// <summary>Wraps parallel key and value arrays (keys distinct) without copying.</summary>
    internal ObjectValue(Value[] keys, Value[] values)
        : base(ValueKind.Object)
    {
        _keys = keys;
        _values = values;
        if (keys.Length > 8) _index = BuildIndex(keys);
    }

    private static Dictionary<Value, int> BuildIndex(Value[] keys)
    {
        var d = new Dictionary<Value, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++) d[keys[i]] = i;
        return d;
    }

    /// <summary>An object from pairs; a later pair with the same key replaces an earlier one.</summary>
    public static ObjectValue FromPairs(IEnumerable<KeyValuePair<Value, Value>> pairs)
    {
        var b = new ObjectBuilder();
        foreach (var p in pairs) b.Set(p.Key, p.Value);
        return b.Build();
    }

    /// <summary>An object with string keys.</summary>
    public static ObjectValue FromPairs(IEnumerable<KeyValuePair<string, Value>> pairs)
    {
        var b = new ObjectBuilder();
        foreach (var p in pairs) b.Set(new StringValue(p.Key), p.Value);
        return b.Build();
    }


    public int Count => _keys.Length;

    public bool TryGetValue(Value key, out Value value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = NullValue.Instance;
            return false;
        }
        value = _values[i];
        return true;
    }

    /// <summary>The value at <paramref name="key"/>, or null when absent.</summary>
    public Value? Get(Value key)
    {
        var i = IndexOf(key);
        return i < 0 ? null : _values[i];
    }

    /// <summary>The value at a string key, or null when absent.</summary>
    public Value? Get(string key)
    {
        if (_index is null)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] is StringValue s && s.Value == key) return _values[i];
            }
            return null;
        }
        return Get(new StringValue(key));
    }

    public bool ContainsKey(Value key) => IndexOf(key) >= 0;

    private int IndexOf(Value key)
    {
        if (_index is not null) return _index.TryGetValue(key, out var i) ? i : -1;
        // Keys are usually interned: a pass comparing references finds them without touching their text.
        for (var j = 0; j < _keys.Length; j++)
        {
            if (ReferenceEquals(_keys[j], key)) return j;
        }
        for (var j = 0; j < _keys.Length; j++)
        {
            if (_keys[j].Equals(key)) return j;
        }
        return -1;
    }

    private int[] SortedOrder
    {
        get
        {
            if (_sortedOrder is { } o) return o;
            var order = new int[_keys.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            var keys = _keys;
            Array.Sort(order, (x, y) => keys[x].CompareTo(keys[y]));
            _sortedOrder = order;
            return order;
        }
    }

    /// <summary>The key at position <paramref name="i"/> in sorted key order.</summary>
    public Value KeyAt(int i) => _keys[SortedOrder[i]];

    /// <summary>The value at position <paramref name="i"/> in sorted key order.</summary>
    public Value ValueAt(int i) => _values[SortedOrder[i]];

    /// <summary>Entries in sorted key order.</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Entries
    {
        get
        {
            var order = SortedOrder;
            for (var i = 0; i < order.Length; i++) yield return new(_keys[order[i]], _values[order[i]]);
        }
    }

    /// <summary>Keys in sorted order.</summary>
    public IEnumerable<Value> Keys
    {
        get
        {
            var order = SortedOrder;
            for (var i = 0; i < order.Length; i++) yield return _keys[order[i]];
        }
    }

    protected override int ComputeHash()
    {
        var h = 0x4f;
        for (var i = 0; i < _keys.Length; i++) h += HashCode.Combine(_keys[i].GetHashCode(), _values[i].GetHashCode());
        return h;
    }

    protected override bool EqualsSameKind(Value other)
    {
        var o = (ObjectValue)other;
        if (o.Count != Count) return false;
        for (var i = 0; i < _keys.Length; i++)
        {
            var v = o.Get(_keys[i]);
            if (v is null || !v.Equals(_values[i])) return false;
        }
        return true;
    }

    protected override int CompareSameKind(Value other)
    {
        var o = (ObjectValue)other;
        var n = Math.Min(Count, o.Count);
        for (var i = 0; i < n; i++)
        {
            var c = KeyAt(i).CompareTo(o.KeyAt(i));
            if (c != 0) return c;
            c = ValueAt(i).CompareTo(o.ValueAt(i));
            if (c != 0) return c;
        }
        return Count.CompareTo(o.Count);
    }

    public override void WriteJson(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < Count; i++)
        {
            if (i > 0) sb.Append(',');
            var k = KeyAt(i);
            if (k is StringValue s) JsonText.WriteString(sb, s.Value);
            else JsonText.WriteString(sb, k.ToJson());
            sb.Append(':');
            ValueAt(i).WriteJson(sb);
        }
        sb.Append('}');
    }

    public override void WriteRego(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < Count; i++)
        {
            if (i > 0) sb.Append(", ");
            KeyAt(i).WriteRego(sb);
            sb.Append(": ");
            ValueAt(i).WriteRego(sb);
        }
        sb.Append('}');
    }
}
