namespace Conductor.Rego.Builtins;

/// <summary>
/// A type in a builtin signature, as OPA's capabilities JSON describes them: any, null, boolean, number,
/// string, array (static items or dynamic element), set, object (static properties and/or dynamic key/value),
/// or a union (any of).
/// </summary>
public sealed class RegoType
{
    private RegoType(string name, RegoType? element = null, RegoType? key = null, RegoType[]? anyOf = null, RegoType[]? staticItems = null,
        KeyValuePair<string, RegoType>[]? staticProperties = null)
    {
        Name = name;
        Element = element;
        Key = key;
        AnyOf = anyOf;
        StaticItems = staticItems;
        StaticProperties = staticProperties;
    }

    /// <summary>"any", "null", "boolean", "number", "string", "array", "set", "object", "function".</summary>
    public string Name { get; }

    /// <summary>Element type of arrays and sets, value type of objects (null for an object with static properties only).</summary>
    public RegoType? Element { get; }

    /// <summary>Key type of objects (null for an object with static properties only).</summary>
    public RegoType? Key { get; }

    /// <summary>For "any": the allowed types (null or empty means anything).</summary>
    public RegoType[]? AnyOf { get; }

    /// <summary>For arrays of fixed shape (e.g. [path, value] in walk).</summary>
    public RegoType[]? StaticItems { get; }

    /// <summary>For objects: the known keys and their value types, in key order (OPA sorts them).</summary>
    public KeyValuePair<string, RegoType>[]? StaticProperties { get; }

    public static readonly RegoType Any = new("any");
    public static readonly RegoType Null = new("null");
    public static readonly RegoType Boolean = new("boolean");
    public static readonly RegoType Number = new("number");
    public static readonly RegoType String = new("string");

    public static RegoType ArrayOf(RegoType element) => new("array", element);
    public static RegoType ArrayOf(params RegoType[] items) => new("array", staticItems: items);
    public static RegoType SetOf(RegoType element) => new("set", element);
    public static RegoType ObjectOf(RegoType key, RegoType value) => new("object", value, key);
    public static RegoType OneOf(params RegoType[] types) => new("any", anyOf: types);

    /// <summary>An object with known keys only, like OPA's <c>types.NewObject(static, nil)</c>.</summary>
    public static RegoType ObjectWith(params (string Key, RegoType Value)[] properties) => ObjectWith(properties, null, null);

    /// <summary>An object with known keys and, when <paramref name="key"/> and <paramref name="value"/> are given, other entries of those types.</summary>
    public static RegoType ObjectWith((string Key, RegoType Value)[] properties, RegoType? key, RegoType? value)
    {
        if ((key is null) != (value is null)) throw new ArgumentException("An object's dynamic part needs both a key and a value type.");
        var sorted = properties.Select(p => new KeyValuePair<string, RegoType>(p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        return new("object", value, key, staticProperties: sorted);
    }

    public static readonly RegoType AnyArray = ArrayOf(Any);
    public static readonly RegoType AnySet = SetOf(Any);
    public static readonly RegoType AnyObject = ObjectOf(Any, Any);

    /// <summary>True when a value of the given kind can have this type (used for compile-time checks of constants).</summary>
    public bool Accepts(Values.ValueKind kind) => Name switch
    {
        "any" => AnyOf is null || AnyOf.Length == 0 || AnyOf.Any(t => t.Accepts(kind)),
        "null" => kind == Values.ValueKind.Null,
        "boolean" => kind == Values.ValueKind.Boolean,
        "number" => kind == Values.ValueKind.Number,
        "string" => kind == Values.ValueKind.String,
        "array" => kind == Values.ValueKind.Array,
        "set" => kind == Values.ValueKind.Set,
        "object" => kind == Values.ValueKind.Object,
        _ => true,
    };

    /// <summary>
    /// OPA's short form, as used in type error messages: string, number, array[any], object[string: any],
    /// object&lt;pretty: boolean&gt;[string: any], any&lt;string, number&gt;.
    /// </summary>
    public override string ToString() => Name switch
    {
        "array" when StaticItems is not null => "array<" + string.Join(", ", StaticItems.Select(t => t.ToString())) + ">",
        "array" => $"array[{Element}]",
        "set" => $"set[{Element}]",
        "object" => "object" +
            (StaticProperties is { Length: > 0 } props ? "<" + string.Join(", ", props.Select(p => $"{p.Key}: {p.Value}")) + ">" : "") +
            (Key is not null && Element is not null ? $"[{Key}: {Element}]" : ""),
        "any" when AnyOf is { Length: > 0 } => "any<" + string.Join(", ", AnyOf.Select(t => t.ToString())) + ">",
        _ => Name,
    };
}
