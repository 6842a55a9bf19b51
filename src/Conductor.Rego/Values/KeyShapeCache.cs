using System.Runtime.CompilerServices;

namespace Conductor.Rego.Values;

/// <summary>
/// Shares one key array among the objects of a document that have the same keys in the same order (the
/// records of a JSON array usually do), so scanning many objects keeps one key array in cache instead of one
/// per object. Keys must be interned (compared by reference). One cache serves one parse.
/// </summary>
internal sealed class KeyShapeCache
{
    private readonly Dictionary<Shape, Value[]> _shapes = new();

    public Value[] Share(List<Value> keys)
    {
        var probe = new Shape(keys);
        if (_shapes.TryGetValue(probe, out var shared)) return shared;
        var array = keys.ToArray();
        if (_shapes.Count < 4096) _shapes[new Shape(array)] = array;
        return array;
    }

    private readonly struct Shape : IEquatable<Shape>
    {
        private readonly IReadOnlyList<Value> _keys;
        private readonly int _hash;

        public Shape(IReadOnlyList<Value> keys)
        {
            _keys = keys;
            var h = keys.Count;
            for (var i = 0; i < keys.Count; i++) h = h * 31 + RuntimeHelpers.GetHashCode(keys[i]);
            _hash = h;
        }

        public bool Equals(Shape other)
        {
            if (other._hash != _hash || other._keys.Count != _keys.Count) return false;
            for (var i = 0; i < _keys.Count; i++)
            {
                if (!ReferenceEquals(_keys[i], other._keys[i])) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is Shape s && Equals(s);

        public override int GetHashCode() => _hash;
    }
}
