using System.Text;

namespace Conductor.Rego.Values;

/// <summary>
/// An immutable Rego value. Equality and ordering follow OPA: numbers compare by value (1 == 1.0),
/// kinds are ordered null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set.
/// Hash codes are cached, so values can key sets and objects cheaply.
/// </summary>
public abstract class Value : IEquatable<Value>, IComparable<Value>
{
    private int _hash;
    private bool _hashed;

    protected Value(ValueKind kind) => Kind = kind;

    /// <summary>The kind; a field rather than a virtual property, since equality and ordering test it constantly.</summary>
    public ValueKind Kind { get; }

    /// <summary>OPA's type name: "null", "boolean", "number", "string", "array", "object", "set".</summary>
    public string TypeName => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.Array => "array",
        ValueKind.Object => "object",
        _ => "set",
    };

    protected abstract int ComputeHash();

    /// <summary>Compares two values of the same kind.</summary>
    protected abstract int CompareSameKind(Value other);

    protected abstract bool EqualsSameKind(Value other);

    public sealed override int GetHashCode()
    {
        if (!_hashed)
        {
            _hash = ComputeHash();
            _hashed = true;
        }
        return _hash;
    }

    public bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Kind != Kind) return false;
        if (_hashed && other._hashed && _hash != other._hash) return false;
        return EqualsSameKind(other);
    }

    public sealed override bool Equals(object? obj) => obj is Value v && Equals(v);

    public int CompareTo(Value? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        var k = Kind.CompareTo(other.Kind);
        return k != 0 ? k : CompareSameKind(other);
    }

    public static bool operator ==(Value? a, Value? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Value? a, Value? b) => !(a == b);

    /// <summary>Appends this value as JSON (sets as arrays, non-string object keys as their JSON text).</summary>
    public abstract void WriteJson(StringBuilder sb);

    /// <summary>Appends this value in Rego syntax (sets as {…}, set() when empty).</summary>
    public abstract void WriteRego(StringBuilder sb);

    /// <summary>Compact JSON text of this value.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        WriteJson(sb);
        return sb.ToString();
    }

    /// <summary>Rego text of this value.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteRego(sb);
        return sb.ToString();
    }
}
