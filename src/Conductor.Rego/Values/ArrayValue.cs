using System.Text;

namespace Conductor.Rego.Values;

/// <summary>An immutable Rego array.</summary>
public sealed class ArrayValue : Value
{
    public static readonly ArrayValue Empty = new([]);

    private readonly Value[] _items;

    /// <summary>Wraps <paramref name="items"/> without copying: the caller must not change the array afterwards.</summary>
    public ArrayValue(Value[] items) : base(ValueKind.Array) => _items = items;

    public ArrayValue(IEnumerable<Value> items) : base(ValueKind.Array) => _items = items.ToArray();


    public int Count => _items.Length;

    public Value this[int index] => _items[index];

    public ReadOnlySpan<Value> Items => _items;

    protected override int ComputeHash()
    {
        var h = new HashCode();
        h.Add(0x41);
        foreach (var v in _items) h.Add(v.GetHashCode());
        return h.ToHashCode();
    }

    protected override bool EqualsSameKind(Value other)
    {
        var o = ((ArrayValue)other)._items;
        if (o.Length != _items.Length) return false;
        for (var i = 0; i < o.Length; i++)
        {
            if (!_items[i].Equals(o[i])) return false;
        }
        return true;
    }

    protected override int CompareSameKind(Value other)
    {
        var o = ((ArrayValue)other)._items;
        var n = Math.Min(o.Length, _items.Length);
        for (var i = 0; i < n; i++)
        {
            var c = _items[i].CompareTo(o[i]);
            if (c != 0) return c;
        }
        return _items.Length.CompareTo(o.Length);
    }

    public override void WriteJson(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0) sb.Append(',');
            _items[i].WriteJson(sb);
        }
        sb.Append(']');
    }

    public override void WriteRego(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            _items[i].WriteRego(sb);
        }
        sb.Append(']');
    }
}
