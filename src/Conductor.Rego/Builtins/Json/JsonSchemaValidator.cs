using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.RegularExpressions;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Json;

/// <summary>
/// A JSON Schema (draft 4, 6 and 7) validator with gojsonschema's error types, descriptions and ordering,
/// which OPA's json.match_schema reports. References are local only (<c>#</c>, <c>#/definitions/...</c>, <c>$id</c>-free);
/// remote references are rejected rather than fetched.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> TypeNames = ["array", "boolean", "integer", "number", "null", "object", "string"];
    private readonly Value _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private JsonSchemaValidator(Value root) => _root = root;

    /// <summary>Checks the schema's structure and compiles it; throws <see cref="JsonSchemaException"/> when it is not a schema.</summary>
    public static JsonSchemaValidator Compile(Value schema)
    {
        var v = new JsonSchemaValidator(schema);
        v.Check(schema, "");
        return v;
    }

    private void Check(Value schema, string where)
    {
        if (schema is BooleanValue) return;
        if (schema is not ObjectValue o) throw new JsonSchemaException($"Invalid type. Expected: object, given: {JsonKind(schema)}");
        foreach (var (k, v) in o.Entries)
        {
            if (k is not StringValue key) continue;
            switch (key.Value)
            {
                case "type":
                    if (v is StringValue t)
                    {
                        if (!TypeNames.Contains(t.Value)) throw BadType(t.Value);
                    }
                    else if (v is ArrayValue ta)
                    {
                        foreach (var item in ta.Items)
                        {
                            if (item is not StringValue ts) throw new JsonSchemaException("Invalid type. Expected: string, given: " + JsonKind(item));
                            if (!TypeNames.Contains(ts.Value)) throw BadType(ts.Value);
                        }
                    }
                    else throw new JsonSchemaException($"Invalid type. Expected: string/array of strings, given: {key.Value}");
                    break;
                case "properties":
                case "patternProperties":
                case "definitions":
                    if (v is not ObjectValue props) throw new JsonSchemaException($"Invalid type. Expected: object, given: {key.Value}");
                    foreach (var (pk, pv) in props.Entries)
                    {
                        if (key.Value == "patternProperties" && pk is StringValue ps) Pattern(ps.Value);
                        Check(pv, where + "/" + key.Value);
                    }
                    break;
                case "additionalProperties":
                case "additionalItems":
                case "not":
                case "propertyNames":
                case "contains":
                case "if":
                case "then":
                case "else":
                    if (v is not (ObjectValue or BooleanValue)) throw new JsonSchemaException($"Invalid type. Expected: object, given: {key.Value}");
                    Check(v, where + "/" + key.Value);
                    break;
                case "items":
                    if (v is ArrayValue items)
                    {
                        foreach (var item in items.Items) Check(item, where + "/items");
                    }
                    else if (v is ObjectValue or BooleanValue) Check(v, where + "/items");
                    else throw new JsonSchemaException("Invalid type. Expected: object/array, given: items");
                    break;
                case "allOf":
                case "anyOf":
                case "oneOf":
                    if (v is not ArrayValue list || list.Count == 0) throw new JsonSchemaException($"{key.Value} must be an array of schemas");
                    foreach (var item in list.Items) Check(item, where + "/" + key.Value);
                    break;
                case "required":
                    if (v is not ArrayValue req) throw new JsonSchemaException("Invalid type. Expected: array, given: required");
                    foreach (var item in req.Items)
                    {
                        if (item is not StringValue) throw new JsonSchemaException("Invalid type. Expected: string, given: required");
                    }
                    break;
                case "enum":
                    if (v is not ArrayValue) throw new JsonSchemaException("Invalid type. Expected: array, given: enum");
                    break;
                case "minLength":
                case "maxLength":
                case "minItems":
                case "maxItems":
                case "minProperties":
                case "maxProperties":
                    if (v is not NumberValue { IsInteger: true } n || n.Sign < 0)
                        throw new JsonSchemaException($"{key.Value} must be greater than or equal to 0");
                    break;
                case "minimum":
                case "maximum":
                case "multipleOf":
                    if (v is not NumberValue) throw new JsonSchemaException($"Invalid type. Expected: number, given: {key.Value}");
                    if (key.Value == "multipleOf" && ((NumberValue)v).Sign <= 0) throw new JsonSchemaException("multipleOf must be strictly greater than 0");
                    break;
                case "pattern":
                    if (v is not StringValue p) throw new JsonSchemaException("Invalid type. Expected: string, given: pattern");
                    Pattern(p.Value);
                    break;
                case "$ref":
                    if (v is not StringValue r) throw new JsonSchemaException("Invalid type. Expected: string, given: $ref");
                    Resolve(r.Value);
                    break;
            }
        }
    }

    private static JsonSchemaException BadType(string given) =>
        new($"has a primitive type that is NOT VALID -- given: /{given}/ Expected valid values are:[array boolean integer number null object string]");

    private Regex Pattern(string pattern)
    {
        if (_patterns.TryGetValue(pattern, out var re)) return re;
        try
        {
            // Non-backtracking: patterns come from policies and input, and must run in linear time (RE2's promise).
            re = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new JsonSchemaException($"Invalid regex pattern '{pattern}'");
        }
        _patterns[pattern] = re;
        return re;
    }

    private Value Resolve(string reference)
    {
        if (!reference.StartsWith('#')) throw new JsonSchemaException($"remote reference {reference} is not allowed");
        var pointer = Uri.UnescapeDataString(reference[1..]);
        Value node = _root;
        if (pointer.Length == 0) return node;
        if (!pointer.StartsWith('/')) throw new JsonSchemaException($"Reference {reference} could not be resolved");
        foreach (var raw in pointer[1..].Split('/'))
        {
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                ObjectValue o when o.Get(part) is { } child => child,
                ArrayValue a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new JsonSchemaException($"Reference {reference} could not be resolved"),
            };
        }
        return node;
    }

    /// <summary>Validates a JSON document (already reduced to JSON values) and returns the errors in gojsonschema's order.</summary>
    public List<JsonSchemaError> Validate(Value document)
    {
        var errors = new List<JsonSchemaError>();
        ValidateNode(_root, document, "(root)", errors, 0);
        return errors;
    }

    private List<JsonSchemaError> Sub(Value schema, Value node, string context, int depth)
    {
        var errors = new List<JsonSchemaError>();
        ValidateNode(schema, node, context, errors, depth + 1);
        return errors;
    }

    private static string JsonKind(Value v) => v switch
    {
        NullValue => "null",
        BooleanValue => "boolean",
        NumberValue n => n.IsInteger ? "integer" : "number",
        StringValue => "string",
        ArrayValue or SetValue => "array",
        _ => "object",
    };

    private static bool TypeMatches(string type, Value v) => type switch
    {
        "integer" => v is NumberValue { IsInteger: true },
        "number" => v is NumberValue,
        "string" => v is StringValue,
        "boolean" => v is BooleanValue,
        "null" => v is NullValue,
        "array" => v is ArrayValue,
        "object" => v is ObjectValue,
        _ => false,
    };

    private static string Num(Value v) => v is NumberValue n ? n.ToText() : v.ToJson();

    private void ValidateNode(Value schema, Value node, string context, List<JsonSchemaError> errors, int depth)
    {
        if (depth > 500) throw new JsonSchemaException("schema references nest too deeply");
        if (schema is BooleanValue b)
        {
            if (!b.Value) errors.Add(new("false", context, "False always fails validation"));
            return;
        }
        if (schema is not ObjectValue s) return;
        if (s.Get("$ref") is StringValue reference)
        {
            // Drafts 4-7: a $ref replaces its siblings.
            ValidateNode(Resolve(reference.Value), node, context, errors, depth + 1);
            return;
        }

        var type = s.Get("type");
        if (type is not null)
        {
            var types = type is ArrayValue ta ? ta.Items.ToArray().Select(t => ((StringValue)t).Value).ToList() : [((StringValue)type).Value];
            if (!types.Any(t => TypeMatches(t, node)))
            {
                var expected = types.Count > 1 ? "[" + string.Join(",", types) + "]" : types[0];
                errors.Add(new("invalid_type", context, $"Invalid type. Expected: {expected}, given: {JsonKind(node)}"));
                return;
            }
        }

        ValidateComposition(s, node, context, errors, depth);
        ValidateCommon(s, node, context, errors);
        switch (node)
        {
            case ObjectValue o:
                ValidateObject(s, o, context, errors, depth);
                break;
            case ArrayValue a:
                ValidateArray(s, a, context, errors, depth);
                break;
            case StringValue str:
                ValidateString(s, str.Value, context, errors);
                break;
            case NumberValue n:
                ValidateNumber(s, n, context, errors);
                break;
        }
    }

    private void ValidateComposition(ObjectValue s, Value node, string context, List<JsonSchemaError> errors, int depth)
    {
        if (s.Get("anyOf") is ArrayValue anyOf)
        {
            List<JsonSchemaError>? best = null;
            var ok = false;
            foreach (var sub in anyOf.Items)
            {
                var r = Sub(sub, node, context, depth);
                if (r.Count == 0)
                {
                    ok = true;
                    break;
                }
                if (best is null || r.Count < best.Count) best = r;
            }
            if (!ok)
            {
                errors.Add(new("number_any_of", context, "Must validate at least one schema (anyOf)"));
                if (best is not null) errors.AddRange(best);
            }
        }
        if (s.Get("oneOf") is ArrayValue oneOf)
        {
            List<JsonSchemaError>? best = null;
            var valid = 0;
            foreach (var sub in oneOf.Items)
            {
                var r = Sub(sub, node, context, depth);
                if (r.Count == 0) valid++;
                else if (valid == 0 && (best is null || r.Count < best.Count)) best = r;
            }
            if (valid != 1)
            {
                errors.Add(new("number_one_of", context, "Must validate one and only one schema (oneOf)"));
                if (valid == 0 && best is not null) errors.AddRange(best);
            }
        }
        if (s.Get("allOf") is ArrayValue allOf)
        {
            var valid = 0;
            foreach (var sub in allOf.Items)
            {
                var r = Sub(sub, node, context, depth);
                if (r.Count == 0) valid++;
                errors.AddRange(r);
            }
            if (valid != allOf.Count) errors.Add(new("number_all_of", context, "Must validate all the schemas (allOf)"));
        }
        if (s.Get("not") is { } not && Sub(not, node, context, depth).Count == 0)
        {
            errors.Add(new("number_not", context, "Must not validate the schema (not)"));
        }
        if (s.Get("dependencies") is ObjectValue deps && node is ObjectValue obj)
        {
            foreach (var (dk, dv) in deps.Entries)
            {
                if (!obj.ContainsKey(dk)) continue;
                if (dv is ArrayValue names)
                {
                    foreach (var name in names.Items)
                    {
                        if (!obj.ContainsKey(name))
                            errors.Add(new("missing_dependency", context, $"Has a dependency on {(name is StringValue ns ? ns.Value : name.ToJson())}"));
                    }
                }
                else
                {
                    errors.AddRange(Sub(dv, node, context, depth));
                }
            }
        }
        if (s.Get("if") is { } condition)
        {
            var ifValid = Sub(condition, node, context, depth).Count == 0;
            if (ifValid && s.Get("then") is { } then)
            {
                var r = Sub(then, node, context, depth);
                if (r.Count > 0)
                {
                    errors.Add(new("condition_then", context, "Must validate \"then\" as \"if\" was valid"));
                    errors.AddRange(r);
                }
            }
            else if (!ifValid && s.Get("else") is { } otherwise)
            {
                var r = Sub(otherwise, node, context, depth);
                if (r.Count > 0)
                {
                    errors.Add(new("condition_else", context, "Must validate \"else\" as \"if\" was not valid"));
                    errors.AddRange(r);
                }
            }
        }
    }

    private static string FieldOf(string context) => context.StartsWith("(root).", StringComparison.Ordinal) ? context["(root).".Length..] : context;

    private static void ValidateCommon(ObjectValue s, Value node, string context, List<JsonSchemaError> errors)
    {
        if (s.Get("const") is { } constant && !constant.Equals(node))
        {
            errors.Add(new("const", context, $"{FieldOf(context)} does not match: {GoJsonWriter.Marshal(constant)}"));
        }
        if (s.Get("enum") is ArrayValue options)
        {
            var found = false;
            foreach (var option in options.Items)
            {
                if (option.Equals(node))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                var allowed = string.Join(", ", options.Items.ToArray().Select(GoJsonWriter.Marshal));
                errors.Add(new("enum", context, $"{FieldOf(context)} must be one of the following: {allowed}"));
            }
        }
    }

    private void ValidateObject(ObjectValue s, ObjectValue o, string context, List<JsonSchemaError> errors, int depth)
    {
        if (s.Get("maxProperties") is NumberValue max && o.Count > (long)max.ToBigInteger())
            errors.Add(new("array_max_properties", context, $"Must have at most {max.ToText()} properties"));
        if (s.Get("minProperties") is NumberValue min && o.Count < (long)min.ToBigInteger())
            errors.Add(new("array_min_properties", context, $"Must have at least {min.ToText()} properties"));
        if (s.Get("required") is ArrayValue required)
        {
            foreach (var r in required.Items)
            {
                if (!o.ContainsKey(r)) errors.Add(new("required", context, $"{((StringValue)r).Value} is required"));
            }
        }
        var properties = s.Get("properties") as ObjectValue;
        var patternProperties = s.Get("patternProperties") as ObjectValue;
        var additional = s.Get("additionalProperties");
        foreach (var (k, v) in o.Entries)
        {
            var name = ((StringValue)k).Value;
            var childContext = context + "." + name;
            var matched = properties?.ContainsKey(k) == true;
            if (patternProperties is not null)
            {
                foreach (var (pk, pv) in patternProperties.Entries)
                {
                    if (Pattern(((StringValue)pk).Value).IsMatch(name))
                    {
                        matched = true;
                        ValidateNode(pv, v, childContext, errors, depth + 1);
                    }
                }
            }
            if (!matched && additional is not null)
            {
                if (additional is BooleanValue { Value: false })
                    errors.Add(new("additional_property_not_allowed", context, $"Additional property {name} is not allowed"));
                else if (additional is ObjectValue)
                    ValidateNode(additional, v, childContext, errors, depth + 1);
            }
        }
        if (s.Get("propertyNames") is { } names)
        {
            foreach (var k in o.Keys)
            {
                if (Sub(names, k, context, depth).Count > 0)
                    errors.Add(new("invalid_property_name", context, $"Property name of \"{((StringValue)k).Value}\" does not match"));
            }
        }
        if (properties is not null)
        {
            foreach (var (pk, pv) in properties.Entries)
            {
                if (o.Get(pk) is { } child) ValidateNode(pv, child, context + "." + ((StringValue)pk).Value, errors, depth + 1);
            }
        }
    }

    private void ValidateArray(ObjectValue s, ArrayValue a, string context, List<JsonSchemaError> errors, int depth)
    {
        var items = s.Get("items");
        if (items is ArrayValue tuple)
        {
            for (var i = 0; i < a.Count && i < tuple.Count; i++) ValidateNode(tuple[i], a[i], context + "." + i, errors, depth + 1);
            if (a.Count > tuple.Count)
            {
                var additional = s.Get("additionalItems");
                if (additional is BooleanValue { Value: false })
                    errors.Add(new("array_no_additional_items", context, "No additional items allowed on array"));
                else if (additional is ObjectValue)
                {
                    for (var i = tuple.Count; i < a.Count; i++) ValidateNode(additional, a[i], context + "." + i, errors, depth + 1);
                }
            }
        }
        else if (items is not null)
        {
            for (var i = 0; i < a.Count; i++) ValidateNode(items, a[i], context + "." + i, errors, depth + 1);
        }
        if (s.Get("minItems") is NumberValue min && a.Count < (long)min.ToBigInteger())
            errors.Add(new("array_min_items", context, $"Array must have at least {min.ToText()} items"));
        if (s.Get("maxItems") is NumberValue max && a.Count > (long)max.ToBigInteger())
            errors.Add(new("array_max_items", context, $"Array must have at most {max.ToText()} items"));
        if (s.Get("uniqueItems") is BooleanValue { Value: true })
        {
            var seen = new Dictionary<Value, int>();
            for (var i = 0; i < a.Count; i++)
            {
                if (seen.TryGetValue(a[i], out var j))
                {
                    errors.Add(new("unique", context, $"array items[{j},{i}] must be unique"));
                    break;
                }
                seen[a[i]] = i;
            }
        }
        if (s.Get("contains") is { } contains)
        {
            var any = false;
            for (var i = 0; i < a.Count && !any; i++) any = Sub(contains, a[i], context + "." + i, depth).Count == 0;
            if (!any) errors.Add(new("contains", context, "At least one of the items must match"));
        }
    }

    private void ValidateString(ObjectValue s, string value, string context, List<JsonSchemaError> errors)
    {
        // Lengths count code points, as gojsonschema's utf8.RuneCountInString.
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsLowSurrogate(value[i])) length++;
        }
        if (s.Get("minLength") is NumberValue min && length < (long)min.ToBigInteger())
            errors.Add(new("string_gte", context, $"String length must be greater than or equal to {min.ToText()}"));
        if (s.Get("maxLength") is NumberValue max && length > (long)max.ToBigInteger())
            errors.Add(new("string_lte", context, $"String length must be less than or equal to {max.ToText()}"));
        if (s.Get("pattern") is StringValue pattern && !Pattern(pattern.Value).IsMatch(value))
            errors.Add(new("pattern", context, $"Does not match pattern '{pattern.Value}'"));
        if (s.Get("format") is StringValue format && !FormatMatches(format.Value, value))
            errors.Add(new("format", context, $"Does not match format '{format.Value}'"));
    }

    private static bool FormatMatches(string format, string value)
    {
        switch (format)
        {
            case "email":
                var at = value.LastIndexOf('@');
                return at > 0 && at < value.Length - 1 && !value.Contains(' ');
            case "ipv4":
                return value.Split('.').Length == 4 && IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            case "ipv6":
                return value.Contains(':') && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            case "date-time":
                return Time.GoTimeLayout.TryParseRfc3339(value, out _);
            case "date":
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            case "time":
                return Time.GoTimeLayout.TryParseRfc3339("1970-01-01T" + value, out _);
            case "uri":
                return Uri.TryCreate(value, UriKind.Absolute, out _);
            case "uri-reference":
                return Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _);
            case "hostname":
                return value.Length is > 0 and <= 255 && value.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-');
            case "uuid":
                return Guid.TryParseExact(value, "D", out _);
            case "regex":
                try
                {
                    _ = new Regex(value, RegexOptions.NonBacktracking);
                    return true;
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    return false;
                }
            default:
                // Unknown formats are annotations only.
                return true;
        }
    }

    private static void ValidateNumber(ObjectValue s, NumberValue n, string context, List<JsonSchemaError> errors)
    {
        if (s.Get("multipleOf") is NumberValue multiple && !IsMultiple(n, multiple))
            errors.Add(new("multiple_of", context, $"Must be a multiple of {multiple.ToText()}"));
        var exclusiveMax = s.Get("exclusiveMaximum");
        if (s.Get("maximum") is NumberValue max)
        {
            if (exclusiveMax is BooleanValue { Value: true })
            {
                if (NumberValue.Compare(n, max) >= 0) errors.Add(new("number_lt", context, $"Must be less than {max.ToText()}"));
            }
            else if (NumberValue.Compare(n, max) > 0) errors.Add(new("number_lte", context, $"Must be less than or equal to {max.ToText()}"));
        }
        if (exclusiveMax is NumberValue emax && NumberValue.Compare(n, emax) >= 0)
            errors.Add(new("number_lt", context, $"Must be less than {emax.ToText()}"));
        var exclusiveMin = s.Get("exclusiveMinimum");
        if (s.Get("minimum") is NumberValue min)
        {
            if (exclusiveMin is BooleanValue { Value: true })
            {
                if (NumberValue.Compare(n, min) <= 0) errors.Add(new("number_gt", context, $"Must be greater than {min.ToText()}"));
            }
            else if (NumberValue.Compare(n, min) < 0) errors.Add(new("number_gte", context, $"Must be greater than or equal to {min.ToText()}"));
        }
        if (exclusiveMin is NumberValue emin && NumberValue.Compare(n, emin) <= 0)
            errors.Add(new("number_gt", context, $"Must be greater than {emin.ToText()}"));
    }

    private static bool IsMultiple(NumberValue n, NumberValue m)
    {
        if (n.IsInteger && m.IsInteger) return BigInteger.Remainder(n.ToBigInteger(), m.ToBigInteger()).IsZero;
        // Decimal arithmetic avoids 0.3 / 0.1 style binary rounding where it can.
        try
        {
            var dn = (decimal)n.ToDouble();
            var dm = (decimal)m.ToDouble();
            return dn % dm == 0;
        }
        catch (OverflowException)
        {
            var q = n.ToDouble() / m.ToDouble();
            return Math.Abs(q - Math.Round(q)) < 1e-9;
        }
    }
}
