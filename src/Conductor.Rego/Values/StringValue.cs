using System.Text;

namespace Conductor.Rego.Values;

/// <summary>A Rego string (UTF-16 in memory; ordering is by Unicode code point, as Go compares UTF-8 bytes).</summary>
public sealed class StringValue : Value
{
    public static readonly StringValue Empty = new("");

    public StringValue(string value) : base(ValueKind.String) => Value = value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StringValue> Interned = new(StringComparer.Ordinal);
    private const int MaxInternedLength = 64;
    private const int MaxInternedCount = 65_536;

    /// <summary>
    /// A shared instance for short strings used as object keys and ref segments: lookups of a policy's constant
    /// key in input or data then compare references, not characters, and keys repeated across thousands of
    /// records share one object. Long strings and overflow beyond a fixed number of entries are not interned.
    /// </summary>
    public static StringValue Intern(string value)
    {
        if (value.Length > MaxInternedLength) return new StringValue(value);
        if (Interned.TryGetValue(value, out var existing)) return existing;
        if (Interned.Count >= MaxInternedCount) return new StringValue(value);
        var created = Interned.GetOrAdd(value, v => new StringValue(v));
        created.GetHashCode();
        return created;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StringValue>.AlternateLookup<ReadOnlySpan<char>> InternedBySpan =
        Interned.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// <see cref="Intern"/> for a short ASCII key given as bytes (as a JSON reader sees it): an existing instance is
    /// found without allocating a string. Null for longer or non-ASCII text, which the caller interns as a string.
    /// </summary>
    internal static StringValue? TryInternUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxInternedLength || !Ascii.IsValid(utf8)) return null;
        Span<char> chars = stackalloc char[utf8.Length];
        Ascii.ToUtf16(utf8, chars, out _);
        if (InternedBySpan.TryGetValue(chars, out var existing)) return existing;
        return Intern(new string(chars));
    }

    public string Value { get; }

    protected override int ComputeHash() => StringComparer.Ordinal.GetHashCode(Value);

    protected override int CompareSameKind(Value other) => CompareCodePoints(Value, ((StringValue)other).Value);

    protected override bool EqualsSameKind(Value other) => string.Equals(Value, ((StringValue)other).Value, StringComparison.Ordinal);

    /// <summary>Orders strings by Unicode code point (surrogate pairs sort above the BMP), as Go's byte order of UTF-8 does.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            var xs = char.IsSurrogate(x);
            var ys = char.IsSurrogate(y);
            if (xs != ys) return xs ? 1 : -1;
            return x < y ? -1 : 1;
        }
        return a.Length.CompareTo(b.Length);
    }

    public override void WriteJson(StringBuilder sb) => JsonText.WriteString(sb, Value);
    public override void WriteRego(StringBuilder sb) => JsonText.WriteString(sb, Value);
}
