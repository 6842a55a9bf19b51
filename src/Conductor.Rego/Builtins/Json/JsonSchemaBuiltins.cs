using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Json;

/// <summary>json.match_schema and json.verify_schema, with OPA's result shapes.</summary>
internal static class JsonSchemaBuiltins
{
    /// <summary>A document or schema operand as JSON: a string of JSON text, or an object/array taken as JSON.</summary>
    private static Value Load(Value operand) => operand switch
    {
        StringValue s => JsonBuiltins.IsValid(s.Value) ? JsonBuiltins.Unmarshal(s.Value) : throw new JsonSchemaException("invalid JSON string"),
        ObjectValue or ArrayValue => JsonValueReader.Parse(GoJsonWriter.Marshal(operand), maxDepth: 10000),
        _ => throw new JsonSchemaException("wrong type, expected string or object"),
    };

    /// <summary>Compiled schemas are kept for the rest of the query: policies often check many documents against one schema.</summary>
    private static JsonSchemaValidator Compiled(BuiltinContext context, Value schema)
    {
        const string key = "json.match_schema";
        if (!context.Cache.TryGetValue(key, out var cached))
        {
            cached = new Dictionary<Value, JsonSchemaValidator>();
            context.Cache[key] = cached;
        }
        var validators = (Dictionary<Value, JsonSchemaValidator>)cached;
        if (!validators.TryGetValue(schema, out var validator))
        {
            validator = JsonSchemaValidator.Compile(Load(schema));
            if (validators.Count < 64) validators[schema] = validator;
        }
        return validator;
    }

    public static Value Verify(Value schema)
    {
        try
        {
            JsonSchemaValidator.Compile(Load(schema));
            return new ArrayValue([BooleanValue.True, NullValue.Instance]);
        }
        catch (JsonSchemaException e)
        {
            return new ArrayValue([BooleanValue.False, new StringValue("jsonschema: " + e.Message)]);
        }
    }

    public static Value Match(BuiltinContext context, Value document, Value schema)
    {
        try
        {
            var doc = Load(document);
            var validator = Compiled(context, schema);
            var errors = validator.Validate(doc);
            var items = new Value[errors.Count];
            for (var i = 0; i < errors.Count; i++)
            {
                var e = errors[i];
                var b = new ObjectBuilder(4);
                b.Set("error", new StringValue(e.ToString()));
                b.Set("type", new StringValue(e.Type));
                b.Set("field", new StringValue(e.Field));
                b.Set("desc", new StringValue(e.Description));
                items[i] = b.Build();
            }
            return new ArrayValue([BooleanValue.Of(errors.Count == 0), new ArrayValue(items)]);
        }
        catch (JsonSchemaException e)
        {
            throw BuiltinException.Error(e.Message);
        }
    }
}
