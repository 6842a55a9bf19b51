using Conductor.Rego.Builtins.Json;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.GraphQL;

/// <summary>
/// OPA's <c>graphql.*</c> builtins. Queries and schemas are given as GraphQL text or as AST objects; ASTs are
/// returned in gqlparser's JSON shape (positions, nulls and empty lists pruned), as OPA returns them.
/// </summary>
public sealed class GraphQLBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        var doc = RegoType.OneOf(RegoType.String, RegoType.AnyObject);
        var ast = RegoType.AnyObject;
        registry.Register("graphql.parse", BuiltinSignature.Of(RegoType.ArrayOf(ast, ast), doc, doc), (_, a) =>
        {
            var (query, schema) = ParseAndValidate(a[0], a[1], strictTypes: true);
            return Guard(() => new ArrayValue([GqlAstWriter.WithoutPositions(query), GqlAstWriter.WithoutPositions(schema)]));
        });
        registry.Register("graphql.parse_and_verify", BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Boolean, ast, ast), doc, doc), (_, a) =>
        {
            try
            {
                var (query, schema) = ParseAndValidate(a[0], a[1], strictTypes: false);
                return new ArrayValue([BooleanValue.True, GqlAstWriter.WithoutPositions(query), GqlAstWriter.WithoutPositions(schema)]);
            }
            catch (GqlException)
            {
                return new ArrayValue([BooleanValue.False, ObjectValue.Empty, ObjectValue.Empty]);
            }
        });
        registry.Register("graphql.parse_query", BuiltinSignature.Of(ast, RegoType.String), (_, a) =>
        {
            var text = BuiltinArgs.String(a, 0);
            return Guard(() => GqlAstWriter.WithoutPositions(GqlAstWriter.ParseQuery(text)));
        });
        registry.Register("graphql.parse_schema", BuiltinSignature.Of(ast, RegoType.String), (_, a) =>
        {
            var text = BuiltinArgs.String(a, 0);
            return Guard(() => GqlAstWriter.WithoutPositions(GqlAstWriter.ParseSchema(text)));
        });
        registry.Register("graphql.is_valid", BuiltinSignature.Of(RegoType.Boolean, doc, doc), (_, a) =>
        {
            try
            {
                ParseAndValidate(a[0], a[1], strictTypes: false);
                return BooleanValue.True;
            }
            catch (GqlException)
            {
                return BooleanValue.False;
            }
        });
        registry.Register("graphql.schema_is_valid", BuiltinSignature.Of(RegoType.Boolean, doc), (_, a) =>
        {
            try
            {
                GqlSchema.Build(Schema(a[0], 1, strictTypes: false));
                return BooleanValue.True;
            }
            catch (GqlException)
            {
                return BooleanValue.False;
            }
        });
    }

    private static Value Guard(Func<Value> parse)
    {
        try
        {
            return parse();
        }
        catch (GqlException e)
        {
            throw BuiltinException.Error(e.Message);
        }
    }

    /// <summary>An AST object goes through JSON, as OPA round-trips it into gqlparser's structs.</summary>
    private static Value AsJson(Value v) => JsonValueReader.Parse(GoJsonWriter.Marshal(v), maxDepth: 100000);

    private static Value Query(Value operand, bool strictTypes) => operand switch
    {
        StringValue s => GqlAstWriter.ParseQuery(s.Value),
        ObjectValue o => AsJson(o),
        _ => strictTypes
            ? throw BuiltinException.OperandTypes(0, ["string", "object"], operand)
            : throw new GqlException("wrong type"),
    };

    private static Value Schema(Value operand, int position, bool strictTypes) => operand switch
    {
        StringValue s => GqlAstWriter.ParseSchema(s.Value),
        ObjectValue o => AsJson(o),
        _ => strictTypes
            ? throw BuiltinException.OperandTypes(position, ["string", "object"], operand)
            : throw new GqlException("wrong type"),
    };

    private static (Value Query, Value Schema) ParseAndValidate(Value queryOperand, Value schemaOperand, bool strictTypes)
    {
        try
        {
            var query = Query(queryOperand, strictTypes);
            var schemaDoc = Schema(schemaOperand, 1, strictTypes);
            GqlSchema schema;
            try
            {
                schema = GqlSchema.Build(schemaDoc);
            }
            catch (GqlException e)
            {
                throw new GqlException("Error in gqlparser SchemaDocument to Schema conversion: " + e.Message);
            }
            GqlQueryValidator.Validate(schema, query);
            return (query, schemaDoc);
        }
        catch (GqlException e) when (strictTypes)
        {
            throw BuiltinException.Error(e.Message);
        }
    }
}
