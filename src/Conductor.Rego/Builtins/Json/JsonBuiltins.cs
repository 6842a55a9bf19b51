using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Json;

/// <summary>
/// OPA's <c>json.*</c> builtins: marshal (compact or Go's MarshalIndent layout), unmarshal, is_valid, RFC 6902
/// patch, filter and remove by paths, and JSON Schema validation (match_schema, verify_schema).
/// </summary>
public sealed class JsonBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        var pathsType = RegoType.OneOf(
            RegoType.ArrayOf(RegoType.OneOf(RegoType.String, RegoType.AnyArray)),
            RegoType.SetOf(RegoType.OneOf(RegoType.String, RegoType.AnyArray)));
        var schemaType = RegoType.OneOf(RegoType.String, RegoType.AnyObject);
        var schemaError = RegoType.ObjectWith(("desc", RegoType.String), ("error", RegoType.String), ("field", RegoType.String), ("type", RegoType.String));
        var marshalOptions = RegoType.ObjectWith([("indent", RegoType.String), ("prefix", RegoType.String), ("pretty", RegoType.Boolean)], RegoType.String, RegoType.Any);
        var patchOperation = RegoType.ObjectWith([("op", RegoType.String), ("path", RegoType.Any)], RegoType.Any, RegoType.Any);

        registry.Register("json.marshal", BuiltinSignature.Of(RegoType.String, RegoType.Any), (_, a) => new StringValue(GoJsonWriter.Marshal(a[0])));
        registry.Register("json.marshal_with_options",
            BuiltinSignature.Of(RegoType.String, RegoType.Any, marshalOptions),
            (_, a) => new StringValue(MarshalWithOptions(a[0], a[1])));
        registry.Register("json.unmarshal", BuiltinSignature.Of(RegoType.Any, RegoType.String), (_, a) => Unmarshal(BuiltinArgs.String(a, 0)));
        registry.Register("json.is_valid", BuiltinSignature.Of(RegoType.Boolean, RegoType.String), (_, a) => BooleanValue.Of(a[0] is StringValue s && IsValid(s.Value)));
        registry.Register("json.patch",
            BuiltinSignature.Of(RegoType.Any, RegoType.Any, RegoType.ArrayOf(patchOperation)),
            (_, a) => JsonPatch.Apply(a[0], a[1]));
        registry.Register("json.filter", BuiltinSignature.Of(RegoType.AnyObject, RegoType.AnyObject, pathsType), (_, a) =>
        {
            var obj = BuiltinArgs.Object(a, 0);
            return Filter(obj, JsonPath.ToTree(JsonPath.ParseMany(a[1])));
        });
        registry.Register("json.remove", BuiltinSignature.Of(RegoType.AnyObject, RegoType.AnyObject, pathsType), (_, a) =>
        {
            var obj = BuiltinArgs.Object(a, 0);
            return Remove(obj, JsonPath.ToTree(JsonPath.ParseMany(a[1])));
        });
        registry.Register("json.match_schema",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Boolean, RegoType.ArrayOf(schemaError)), schemaType, schemaType),
            (c, a) => JsonSchemaBuiltins.Match(c, a[0], a[1]));
        registry.Register("json.verify_schema",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Boolean, RegoType.OneOf(RegoType.Null, RegoType.String)), schemaType),
            (_, a) => JsonSchemaBuiltins.Verify(a[0]));
    }

    /// <summary>Parses JSON text as OPA does; malformed text is a builtin error.</summary>
    internal static Value Unmarshal(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var syntaxError = GoJsonSyntax.CheckDocument(bytes, out var end);
        if (syntaxError is not null) throw BuiltinException.Error(syntaxError);
        try
        {
            // Only the first value counts (Go's decoder lets a trailing null through).
            return Parse(end == bytes.Length ? text : System.Text.Encoding.UTF8.GetString(bytes, 0, end));
        }
        catch (RegoException e)
        {
            throw BuiltinException.Error(e.Errors[0].Message);
        }
    }

    private static Value Parse(string text)
    {
        try
        {
            return JsonValueReader.Parse(text);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses escaped lone surrogates ("\ud800"); Go reads them as U+FFFD.
            return JsonValueReader.Parse(ReplaceLoneSurrogateEscapes(text));
        }
    }

    /// <summary>Rewrites \uD800-\uDFFF escapes that are not part of a surrogate pair to \uFFFD, inside JSON strings.</summary>
    private static string ReplaceLoneSurrogateEscapes(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!inString)
            {
                if (c == '"') inString = true;
                sb.Append(c);
                continue;
            }
            if (c == '"')
            {
                inString = false;
                sb.Append(c);
                continue;
            }
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }
            if (text[i + 1] != 'u' || !TryHex4(text, i + 2, out var unit))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (unit is >= 0xD800 and <= 0xDBFF && i + 12 <= text.Length && text[i + 6] == '\\' && text[i + 7] == 'u' &&
                TryHex4(text, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
            {
                sb.Append(text, i, 12);
                i += 11;
                continue;
            }
            sb.Append(unit is >= 0xD800 and <= 0xDFFF ? "\\ufffd" : text.Substring(i, 6));
            i += 5;
        }
        return sb.ToString();
    }

    private static bool TryHex4(string text, int start, out int value)
    {
        value = 0;
        if (start + 4 > text.Length) return false;
        return int.TryParse(text.AsSpan(start, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Go's json.Valid (a byte order mark is not JSON).</summary>
    internal static bool IsValid(string text) => GoJsonSyntax.Valid(System.Text.Encoding.UTF8.GetBytes(text));

    private static string MarshalWithOptions(Value value, Value options)
    {
        if (options is not ObjectValue opts) throw BuiltinException.OperandType(2, "object", options);
        var indent = "\t";
        var prefix = "";
        var implicitPretty = false;
        bool? explicitPretty = null;
        var index = 0;
        foreach (var (k, v) in opts.Entries)
        {
            if (k is not StringValue key)
                throw OperandError($"failed to stringify key {k} at index {index}: operand {index} must be string but got {k.TypeName}");
            switch (key.Value)
            {
                case "prefix":
                    prefix = v as StringValue is { } p ? p.Value : throw OperandError($"key prefix failed cast to string: operand {index} must be string but got {v.TypeName}");
                    implicitPretty = true;
                    break;
                case "indent":
                    indent = v as StringValue is { } i ? i.Value : throw OperandError($"key indent failed cast to string: operand {index} must be string but got {v.TypeName}");
                    implicitPretty = true;
                    break;
                case "pretty":
                    explicitPretty = v as BooleanValue is { } b ? b.Value : throw OperandError("key pretty failed cast to bool");
                    break;
                default:
                    throw OperandError($"object contained unknown key {key.Value}");
            }
            index++;
        }
        var pretty = explicitPretty ?? implicitPretty;
        // MarshalIndent does not prefix the first line; OPA adds the prefix there.
        return pretty ? prefix + GoJsonWriter.MarshalIndent(value, prefix, indent) : GoJsonWriter.Marshal(value);
    }

    private static BuiltinException OperandError(string message) => new(RegoErrorCodes.EvalTypeError, "operand 2 " + message);

    /// <summary>OPA's Object.Filter: keeps only what the path tree names; array positions are matched as strings ("0").</summary>
    private static Value Filter(Value value, PathTree? filter)
    {
        if (filter is null) return value;
        switch (value)
        {
            case ArrayValue a:
            {
                var items = new List<Value>();
                for (var i = 0; i < a.Count; i++)
                {
                    if (filter.Children.TryGetValue(new StringValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), out var sub))
                        items.Add(Filter(a[i], sub));
                }
                return new ArrayValue(items.ToArray());
            }
            case SetValue s:
            {
                var set = new HashSet<Value>();
                foreach (var item in s.Sorted)
                {
                    if (filter.Children.TryGetValue(item, out var sub)) set.Add(Filter(item, sub));
                }
                return new SetValue(set);
            }
            case ObjectValue o:
            {
                var b = new ObjectBuilder();
                foreach (var (k, v) in o.Entries)
                {
                    if (filter.Children.TryGetValue(k, out var sub)) b.Set(k, Filter(v, sub));
                }
                return b.Build();
            }
            default:
                return value;
        }
    }

    /// <summary>OPA's jsonRemove: drops what the path tree names; removed array elements close up.</summary>
    private static Value? Remove(Value value, PathTree? tree)
    {
        switch (value)
        {
            case ArrayValue a:
            {
                var items = new List<Value>();
                for (var i = 0; i < a.Count; i++)
                {
                    var kept = RemoveChild(a[i], tree!, new StringValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    if (kept is not null) items.Add(kept);
                }
                return new ArrayValue(items.ToArray());
            }
            case SetValue s:
            {
                var set = new HashSet<Value>();
                foreach (var item in s.Sorted)
                {
                    var kept = RemoveChild(item, tree!, item);
                    if (kept is not null) set.Add(kept);
                }
                return new SetValue(set);
            }
            case ObjectValue o:
            {
                var b = new ObjectBuilder();
                foreach (var (k, v) in o.Entries)
                {
                    var kept = RemoveChild(v, tree!, k);
                    if (kept is not null) b.Set(k, kept);
                }
                return b.Build();
            }
            default:
                return value;
        }
    }

    private static Value? RemoveChild(Value child, PathTree tree, Value key)
    {
        if (!tree.Children.TryGetValue(key, out var sub)) return child;
        return sub is null ? null : Remove(child, sub);
    }
}
