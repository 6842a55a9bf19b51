using System.Text;

namespace Conductor.Rego.Values;

/// <summary>An immutable Rego set. Enumeration is in OPA's sorted order.</summary>
public sealed class SetValue : Value
{
    public static readonly SetValue Empty = new(new HashSet<Value>());

    private readonly HashSet<Value> _items;
    private Value[]? _sorted;

    /// <summary>Wraps <paramref name="items"/> without copying: the caller must not change it afterwards.</summary>
    public SetValue(HashSet<Value> items) : base(ValueKind.Set) => _items = items;

    public SetValue(IEnumerable<Value> items) : base(ValueKind.Set) => _items = new HashSet<Value>(items);


    public int Count => _items.Count;

    public bool Contains(Value v) => _items.Contains(v);

    /// <summary>The elements in sorted order.</summary>
    public ReadOnlySpan<Value> Sorted => _sorted ??= SortItems();

    private Value[] SortItems()
    {
        var a = new Value[_items.Count];
        _items.CopyTo(a);
        Array.Sort(a);
        return a;
    }

    /// <summary>The backing hash set, for read-only use by builtins (union, intersection).</summary>
    public IReadOnlySet<Value> Items => _items;

    protected override int ComputeHash()
    {
        // Order-independent.
        var h = 0x53;
        foreach (var v in _items) h += v.GetHashCode() * 31 + 7;
        return h;
    }

    protected override bool EqualsSameKind(Value other)
    {
        var o = ((SetValue)other)._items;
        if (o.Count != _items.Count) return false;
        foreach (var v in _items)
        {
            if (!o.Contains(v)) return false;
        }
        return true;
    }

    protected override int CompareSameKind(Value other)
    {
        var a = Sorted;
        var b = ((SetValue)other).Sorted;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    public override void WriteJson(StringBuilder sb)
    {
        sb.Append('[');
        var first = true;
        foreach (var v in Sorted)
        {
            if (!first) sb.Append(',');
            first = false;
            v.WriteJson(sb);
        }
        sb.Append(']');
    }

    public override void WriteRego(StringBuilder sb)
    {
        if (_items.Count == 0)
        {
            sb.Append("set()");
            return;
        }
        sb.Append('{');
        var first = true;
        foreach (var v in Sorted)
        {
            if (!first) sb.Append(", ");
            first = false;
            v.WriteRego(sb);
        }
        sb.Append('}');
    }
}
