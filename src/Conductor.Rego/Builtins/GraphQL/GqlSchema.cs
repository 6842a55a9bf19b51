using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.GraphQL;

/// <summary>
/// A validated GraphQL schema built from a SchemaDocument value (gqlparser's JSON shape) merged with the
/// built-in prelude (scalars, introspection types, @skip/@include/@deprecated/@specifiedBy), as gqlparser's
/// ValidateSchemaDocument does. Errors carry gqlparser's messages.
/// </summary>
internal sealed class GqlSchema
{
    private const string PreludeText = """
        scalar Int
        scalar Float
        scalar String
        scalar Boolean
        scalar ID
        directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
        directive @specifiedBy(url: String!) on SCALAR
        directive @oneOf on INPUT_OBJECT
        type __Schema {
          description: String
          types: [__Type!]!
          queryType: __Type!
          mutationType: __Type
          subscriptionType: __Type
          directives: [__Directive!]!
        }
        type __Type {
          kind: __TypeKind!
          name: String
          description: String
          fields(includeDeprecated: Boolean = false): [__Field!]
          interfaces: [__Type!]
          possibleTypes: [__Type!]
          enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
          inputFields(includeDeprecated: Boolean = false): [__InputValue!]
          ofType: __Type
          specifiedByURL: String
          isOneOf: Boolean
        }
        type __Field {
          name: String!
          description: String
          args(includeDeprecated: Boolean = false): [__InputValue!]!
          type: __Type!
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __InputValue {
          name: String!
          description: String
          type: __Type!
          defaultValue: String
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __EnumValue {
          name: String!
          description: String
          isDeprecated: Boolean!
          deprecationReason: String
        }
        enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
        type __Directive {
          name: String!
          description: String
          locations: [__DirectiveLocation!]!
          args(includeDeprecated: Boolean = false): [__InputValue!]!
          isRepeatable: Boolean!
        }
        enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
        """;

    private static readonly Lazy<ObjectValue> Prelude = new(() => GqlAstWriter.ParseSchema(PreludeText));

    public Dictionary<string, GqlTypeDef> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, GqlArgument>> Directives { get; } = new(StringComparer.Ordinal);

    public GqlTypeDef? Query { get; private set; }
    public GqlTypeDef? Mutation { get; private set; }
    public GqlTypeDef? Subscription { get; private set; }

    public static GqlSchema Build(Value schemaDocument)
    {
        var schema = new GqlSchema();
        schema.Load(Prelude.Value, builtIn: true);
        schema.Load(schemaDocument, builtIn: false);
        schema.Check(schemaDocument);
        return schema;
    }

    private static IEnumerable<ObjectValue> Items(Value? v, string key) =>
        (v as ObjectValue)?.Get(key) is ArrayValue a ? a.Items.ToArray().OfType<ObjectValue>() : [];

    internal static string Text(Value? o, string key) => (o as ObjectValue)?.Get(key) is StringValue s ? s.Value : "";

    private void Load(Value document, bool builtIn)
    {
        foreach (var def in Items(document, "Definitions"))
        {
            var name = Text(def, "Name");
            if (Types.TryGetValue(name, out var existing))
            {
                if (!builtIn && existing.BuiltIn) throw new GqlException($"Cannot redeclare type {name}.");
                throw new GqlException($"Cannot redeclare type {name}.");
            }
            var t = new GqlTypeDef(Text(def, "Kind"), name, builtIn);
            AddMembers(t, def);
            Types[name] = t;
        }
        foreach (var ext in Items(document, "Extensions"))
        {
            var name = Text(ext, "Name");
            if (!Types.TryGetValue(name, out var t)) throw new GqlException($"Cannot extend type {name} because it does not exist.");
            if (t.Kind != Text(ext, "Kind")) throw new GqlException($"Cannot extend type {name} because the base type is a {t.Kind}, not {Text(ext, "Kind")}.");
            AddMembers(t, ext);
        }
        foreach (var dir in Items(document, "Directives"))
        {
            var name = Text(dir, "Name");
            if (Directives.ContainsKey(name) && !builtIn) throw new GqlException($"Cannot redeclare directive {name}.");
            Directives[name] = Arguments(dir);
        }
    }

    private static void AddMembers(GqlTypeDef t, ObjectValue def)
    {
        foreach (var f in Items(def, "Fields"))
        {
            var fieldName = Text(f, "Name");
            if (t.Fields.ContainsKey(fieldName)) throw new GqlException($"Field {t.Name}.{fieldName} can only be defined once.");
            t.Fields[fieldName] = new GqlField(fieldName, GqlTypeRef.From(f.Get("Type")), Arguments(f), f.Get("DefaultValue") is not null);
        }
        if (def.Get("Interfaces") is ArrayValue ifaces) t.Interfaces.AddRange(ifaces.Items.ToArray().OfType<StringValue>().Select(s => s.Value));
        if (def.Get("Types") is ArrayValue types) t.PossibleTypes.AddRange(types.Items.ToArray().OfType<StringValue>().Select(s => s.Value));
        foreach (var e in Items(def, "EnumValues")) t.EnumValues.Add(Text(e, "Name"));
    }

    private static Dictionary<string, GqlArgument> Arguments(ObjectValue owner)
    {
        var args = new Dictionary<string, GqlArgument>(StringComparer.Ordinal);
        foreach (var a in Items(owner, "Arguments"))
        {
            var name = Text(a, "Name");
            args[name] = new GqlArgument(name, GqlTypeRef.From(a.Get("Type")), a.Get("DefaultValue") is not null);
        }
        return args;
    }

    private void Check(Value document)
    {
        foreach (var t in Types.Values)
        {
            if (t.BuiltIn) continue;
            if (t.Name.StartsWith("__", StringComparison.Ordinal))
                throw new GqlException($"Name \"{t.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            switch (t.Kind)
            {
                case "OBJECT" or "INTERFACE" or "INPUT_OBJECT" when t.Fields.Count == 0:
                    throw new GqlException($"{t.Kind} {t.Name}: must define one or more fields.");
                case "UNION" when t.PossibleTypes.Count == 0:
                    throw new GqlException($"UNION {t.Name}: must define one or more unique member types.");
                case "ENUM" when t.EnumValues.Count == 0:
                    throw new GqlException($"ENUM {t.Name}: must define one or more unique enum values.");
            }
            foreach (var f in t.Fields.Values)
            {
                var fieldType = Resolve(f.Type);
                if (t.Kind == "INPUT_OBJECT" && !fieldType.IsInputType)
                    throw new GqlException($"{t.Name}.{f.Name}: field must be an input type, found {fieldType.Kind}.");
                if (t.Kind != "INPUT_OBJECT" && fieldType.Kind == "INPUT_OBJECT")
                    throw new GqlException($"{t.Name}.{f.Name}: field must be an output type, found INPUT_OBJECT.");
                foreach (var a in f.Arguments.Values)
                {
                    if (!Resolve(a.Type).IsInputType) throw new GqlException($"{t.Name}.{f.Name}({a.Name}): argument must be an input type.");
                }
            }
            foreach (var i in t.Interfaces)
            {
                if (!Types.TryGetValue(i, out var it)) throw new GqlException($"Undefined type {i}.");
                if (it.Kind != "INTERFACE") throw new GqlException($"{t.Name} implements non-interface {i}.");
                foreach (var (name, f) in it.Fields)
                {
                    if (!t.Fields.ContainsKey(name)) throw new GqlException($"For {t.Name} to implement {i} it must have a field called {name}.");
                    _ = f;
                }
            }
            foreach (var u in t.PossibleTypes)
            {
                if (!Types.TryGetValue(u, out var ut)) throw new GqlException($"Undefined type {u}.");
                if (ut.Kind != "OBJECT") throw new GqlException($"UNION type \"{u}\" must be OBJECT.");
            }
        }
        foreach (var args in Directives.Values)
        {
            foreach (var a in args.Values) Resolve(a.Type);
        }

        var schemaDefs = Items(document, "Schema").ToList();
        if (schemaDefs.Count > 1) throw new GqlException("Cannot have multiple schema entry points, consider schema extensions instead.");
        var operationTypes = schemaDefs.Concat(Items(document, "SchemaExtension")).SelectMany(s => Items(s, "OperationTypes")).ToList();
        if (schemaDefs.Count == 1)
        {
            foreach (var ot in operationTypes)
            {
                var typeName = Text(ot, "Type");
                if (!Types.TryGetValue(typeName, out var def)) throw new GqlException($"Schema root {Text(ot, "Operation")} refers to a type {typeName} that does not exist.");
                switch (Text(ot, "Operation"))
                {
                    case "query": Query = def; break;
                    case "mutation": Mutation = def; break;
                    case "subscription": Subscription = def; break;
                }
            }
        }
        else
        {
            Query = Types.GetValueOrDefault("Query");
            Mutation = Types.GetValueOrDefault("Mutation");
            Subscription = Types.GetValueOrDefault("Subscription");
        }
    }

    /// <summary>The named type under lists and non-nulls; an unknown name is "Undefined type X.".</summary>
    public GqlTypeDef Resolve(GqlTypeRef type)
    {
        var named = type.NamedName;
        return Types.TryGetValue(named, out var def) ? def : throw new GqlException($"Undefined type {named}.");
    }
}

/// <summary>A named type of a schema.</summary>
internal sealed class GqlTypeDef(string kind, string name, bool builtIn)
{
    public string Kind { get; } = kind;
    public string Name { get; } = name;
    public bool BuiltIn { get; } = builtIn;
    public Dictionary<string, GqlField> Fields { get; } = new(StringComparer.Ordinal);
    public List<string> Interfaces { get; } = [];
    public List<string> PossibleTypes { get; } = [];
    public HashSet<string> EnumValues { get; } = new(StringComparer.Ordinal);

    public bool IsLeaf => Kind is "SCALAR" or "ENUM";
    public bool IsComposite => Kind is "OBJECT" or "INTERFACE" or "UNION";
    public bool IsInputType => Kind is "SCALAR" or "ENUM" or "INPUT_OBJECT";
}

/// <summary>A field (or input field) of a type.</summary>
internal sealed record GqlField(string Name, GqlTypeRef Type, Dictionary<string, GqlArgument> Arguments, bool HasDefault);

/// <summary>An argument of a field or directive.</summary>
internal sealed record GqlArgument(string Name, GqlTypeRef Type, bool HasDefault);

/// <summary>A type reference: a named type, or a list of one, possibly non-null (gqlparser's Type).</summary>
internal sealed record GqlTypeRef(string NamedType, GqlTypeRef? Elem, bool NonNull)
{
    public static GqlTypeRef From(Value? v, int depth = 0)
    {
        if (v is not ObjectValue o) return new GqlTypeRef("", null, false);
        if (depth > 64) throw new GqlException("list types nest too deeply");
        var elem = o.Get("Elem") is ObjectValue e ? From(e, depth + 1) : null;
        return new GqlTypeRef(GqlSchema.Text(o, "NamedType"), elem, o.Get("NonNull") is BooleanValue { Value: true });
    }

    public string NamedName => Elem is null ? NamedType : Elem.NamedName;

    public override string ToString() => (Elem is null ? NamedType : "[" + Elem + "]") + (NonNull ? "!" : "");
}
