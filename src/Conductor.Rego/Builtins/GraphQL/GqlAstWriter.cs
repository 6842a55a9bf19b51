using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.GraphQL;

/// <summary>
/// Parses GraphQL text (GraphQL-Parser) and writes the document as OPA returns it: the JSON of gqlparser's
/// QueryDocument / SchemaDocument with positions, nulls and empty lists or objects pruned (empty strings and
/// false booleans stay, as in OPA). Parse errors read "&lt;problem&gt; in GraphQL string at location L:C".
/// </summary>
internal static class GqlAstWriter
{
    private static readonly ParserOptions Options = new() { Ignore = IgnoreOptions.Comments, MaxDepth = 256 };

    private static GraphQLDocument ParseText(string text)
    {
        try
        {
            return Parser.Parse(text, Options);
        }
        catch (GraphQLParserException e)
        {
            throw new GqlException($"{e.Description} in GraphQL string at location {e.Location.Line}:{e.Location.Column}");
        }
    }

    public static ObjectValue ParseQuery(string source)
    {
        var doc = ParseText(source);
        var text = new GqlSource(source);
        var operations = new List<Value>();
        var fragments = new List<Value>();
        foreach (var def in doc.Definitions)
        {
            switch (def)
            {
                case GraphQLOperationDefinition op:
                    operations.Add(Operation(op, text));
                    break;
                case GraphQLFragmentDefinition frag:
                    fragments.Add(Obj(
                        ("Position", Pos(frag, text)),
                        ("Name", Str(frag.FragmentName.Name)),
                        ("TypeCondition", Str(frag.TypeCondition.Type.Name)),
                        ("Directives", Directives(frag.Directives, text)),
                        ("SelectionSet", SelectionSet(frag.SelectionSet, text))));
                    break;
                default:
                    var (l, c) = text.LineColumn(def.Location.Start);
                    throw new GqlException($"Unexpected Name \"{FirstWord(text.Text, def.Location.Start)}\" in GraphQL string at location {l}:{c}");
            }
        }
        return Obj(("Operations", List(operations)), ("Fragments", List(fragments)));
    }

    public static ObjectValue ParseSchema(string source)
    {
        var doc = ParseText(source);
        var text = new GqlSource(source);
        var schema = new List<Value>();
        var schemaExtensions = new List<Value>();
        var directives = new List<Value>();
        var definitions = new List<Value>();
        var extensions = new List<Value>();
        foreach (var def in doc.Definitions)
        {
            switch (def)
            {
                case GraphQLSchemaDefinition sd:
                    schema.Add(Obj(
                        ("Description", Str(sd.Description)),
                        ("Directives", Directives(sd.Directives, text)),
                        ("OperationTypes", List(sd.OperationTypes.Select(o => (Value)Obj(("Operation", Str(OperationName(o.Operation))), ("Type", Str(o.Type!.Name))))))));
                    break;
                case GraphQLSchemaExtension se:
                    schemaExtensions.Add(Obj(
                        ("Description", Str("")),
                        ("Directives", Directives(se.Directives, text)),
                        ("OperationTypes", List((se.OperationTypes?.AsEnumerable() ?? []).Select(o => (Value)Obj(("Operation", Str(OperationName(o.Operation))), ("Type", Str(o.Type!.Name))))))));
                    break;
                case GraphQLDirectiveDefinition dd:
                    directives.Add(Obj(
                        ("Description", Str(dd.Description)),
                        ("Name", Str(dd.Name)),
                        ("Arguments", List((dd.Arguments?.Items ?? []).Select(a => InputValue(a, text)))),
                        ("Locations", List(dd.Locations.Items.Select(l => (Value)new StringValue(LocationName(l))))),
                        ("IsRepeatable", BooleanValue.Of(dd.Repeatable))));
                    break;
                case GraphQLTypeDefinition td:
                    definitions.Add(Definition(td, text));
                    break;
                case GraphQLTypeExtension te:
                    extensions.Add(Extension(te, text));
                    break;
                default:
                    var (l, c) = text.LineColumn(def.Location.Start);
                    throw new GqlException($"Unexpected {(def is GraphQLOperationDefinition ? "{" : "Name \"" + FirstWord(text.Text, def.Location.Start) + "\"")} in GraphQL string at location {l}:{c}");
            }
        }
        return Obj(("Schema", List(schema)), ("SchemaExtension", List(schemaExtensions)), ("Directives", List(directives)),
            ("Definitions", List(definitions)), ("Extensions", List(extensions)));
    }

    private static string FirstWord(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
        return end > start ? text[start..end] : text.Substring(start, Math.Min(1, text.Length - start));
    }

    private static Value Definition(GraphQLTypeDefinition td, GqlSource text)
    {
        var (kind, interfaces, fields, types, enumValues) = td switch
        {
            GraphQLScalarTypeDefinition => ("SCALAR", null, null, null, null),
            GraphQLObjectTypeDefinition o => ("OBJECT", o.Interfaces?.Items, o.Fields?.Items.Select(f => FieldDefinition(f, text)), null, null),
            GraphQLInterfaceTypeDefinition i => ("INTERFACE", i.Interfaces?.Items, i.Fields?.Items.Select(f => FieldDefinition(f, text)), null, null),
            GraphQLUnionTypeDefinition u => ("UNION", null, null, u.Types?.Items, null),
            GraphQLEnumTypeDefinition e => ("ENUM", null, null, null, e.Values?.Items.Select(v => EnumValue(v, text))),
            GraphQLInputObjectTypeDefinition io => ("INPUT_OBJECT", (List<GraphQLNamedType>?)null, io.Fields?.Items.Select(f => InputValue(f, text)), (List<GraphQLNamedType>?)null,
                (IEnumerable<Value>?)null),
            _ => throw new GqlException("unsupported type definition"),
        };
        return Obj(
            ("Kind", Str(kind)),
            ("Description", Str(td.Description)),
            ("Name", Str(td.Name)),
            ("Directives", Directives((td as IHasDirectivesNode)?.Directives, text)),
            ("Interfaces", List((interfaces ?? []).Select(n => (Value)Str(n.Name)))),
            ("Fields", List(fields ?? [])),
            ("Types", List((types ?? []).Select(n => (Value)Str(n.Name)))),
            ("EnumValues", List(enumValues ?? [])),
            ("BuiltIn", BooleanValue.False));
    }

    private static Value Extension(GraphQLTypeExtension te, GqlSource text)
    {
        var (kind, interfaces, fields, types, enumValues) = te switch
        {
            GraphQLScalarTypeExtension => ("SCALAR", null, null, null, null),
            GraphQLObjectTypeExtension o => ("OBJECT", o.Interfaces?.Items, o.Fields?.Items.Select(f => FieldDefinition(f, text)), null, null),
            GraphQLInterfaceTypeExtension i => ("INTERFACE", i.Interfaces?.Items, i.Fields?.Items.Select(f => FieldDefinition(f, text)), null, null),
            GraphQLUnionTypeExtension u => ("UNION", null, null, u.Types?.Items, null),
            GraphQLEnumTypeExtension e => ("ENUM", null, null, null, e.Values?.Items.Select(v => EnumValue(v, text))),
            GraphQLInputObjectTypeExtension io => ("INPUT_OBJECT", (List<GraphQLNamedType>?)null, io.Fields?.Items.Select(f => InputValue(f, text)), (List<GraphQLNamedType>?)null,
                (IEnumerable<Value>?)null),
            _ => throw new GqlException("unsupported type extension"),
        };
        return Obj(
            ("Kind", Str(kind)),
            ("Description", Str("")),
            ("Name", Str(te.Name)),
            ("Directives", Directives((te as IHasDirectivesNode)?.Directives, text)),
            ("Interfaces", List((interfaces ?? []).Select(n => (Value)Str(n.Name)))),
            ("Fields", List(fields ?? [])),
            ("Types", List((types ?? []).Select(n => (Value)Str(n.Name)))),
            ("EnumValues", List(enumValues ?? [])),
            ("BuiltIn", BooleanValue.False));
    }

    private static Value FieldDefinition(GraphQLFieldDefinition f, GqlSource text) => Obj(
        ("Description", Str(f.Description)),
        ("Name", Str(f.Name)),
        ("Arguments", List((f.Arguments?.Items ?? []).Select(a => InputValue(a, text)))),
        ("Type", Type(f.Type)),
        ("Directives", Directives(f.Directives, text)));

    private static Value InputValue(GraphQLInputValueDefinition a, GqlSource text) => Obj(
        ("Description", Str(a.Description)),
        ("Name", Str(a.Name)),
        ("DefaultValue", a.DefaultValue is null ? null : ValueNode(a.DefaultValue, text)),
        ("Type", Type(a.Type)),
        ("Directives", Directives(a.Directives, text)));

    private static Value EnumValue(GraphQLEnumValueDefinition v, GqlSource text) => Obj(
        ("Description", Str(v.Description)),
        ("Name", Str(v.Name)),
        ("Directives", Directives(v.Directives, text)));

    private static Value Operation(GraphQLOperationDefinition op, GqlSource text) => Obj(
        ("Position", Pos(op, text)),
        ("Operation", Str(OperationName(op.Operation))),
        ("Name", Str(op.Name)),
        ("VariableDefinitions", List((op.Variables?.Items ?? []).Select(v => (Value)Obj(
            ("Position", Pos(v, text)),
            ("Variable", Str(v.Variable.Name)),
            ("Type", Type(v.Type)),
            ("DefaultValue", v.DefaultValue is null ? null : ValueNode(v.DefaultValue, text)),
            ("Directives", Directives(v.Directives, text)),
            ("Used", BooleanValue.False))))),
        ("Directives", Directives(op.Directives, text)),
        ("SelectionSet", SelectionSet(op.SelectionSet, text)));

    private static Value? SelectionSet(GraphQLSelectionSet? set, GqlSource text)
    {
        if (set is null) return null;
        var items = new List<Value>();
        foreach (var s in set.Selections)
        {
            switch (s)
            {
                case GraphQLField f:
                    items.Add(Obj(
                        ("Position", Pos(f, text)),
                        ("Alias", Str(f.Alias?.Name ?? f.Name)),
                        ("Name", Str(f.Name)),
                        ("Arguments", List((f.Arguments?.Items ?? []).Select(a => (Value)Obj(("Position", Pos(a, text)), ("Name", Str(a.Name)), ("Value", ValueNode(a.Value, text)))))),
                        ("Directives", Directives(f.Directives, text)),
                        ("SelectionSet", SelectionSet(f.SelectionSet, text))));
                    break;
                case GraphQLFragmentSpread fs:
                    items.Add(Obj(("Position", Pos(fs, text)), ("Name", Str(fs.FragmentName.Name)), ("Directives", Directives(fs.Directives, text))));
                    break;
                case GraphQLInlineFragment inf:
                    items.Add(Obj(
                        ("Position", Pos(inf, text)),
                        ("TypeCondition", Str(inf.TypeCondition?.Type.Name.StringValue ?? "")),
                        ("Directives", Directives(inf.Directives, text)),
                        ("SelectionSet", SelectionSet(inf.SelectionSet, text))));
                    break;
            }
        }
        return List(items);
    }

    private static Value? Directives(GraphQLDirectives? directives, GqlSource text) =>
        directives is null ? null : List(directives.Items.Select(d => (Value)Obj(
            ("Position", Pos(d, text)),
            ("Name", Str(d.Name)),
            ("Arguments", List((d.Arguments?.Items ?? []).Select(a => (Value)Obj(("Name", Str(a.Name)), ("Value", ValueNode(a.Value, text)))))),
            ("Location", Str("")))));

    /// <summary>gqlparser's Value: Raw text, Kind (0 variable, 1 int, 2 float, 3 string, 4 block string, 5 boolean, 6 null, 7 enum, 8 list, 9 object), Children.</summary>
    private static Value ValueNode(GraphQLValue v, GqlSource text)
    {
        var (kind, raw, children) = v switch
        {
            GraphQLVariable var => (0, var.Name.StringValue, (IEnumerable<Value>?)null),
            GraphQLIntValue i => (1, i.Value.ToString(), null),
            GraphQLFloatValue f => (2, f.Value.ToString(), null),
            GraphQLStringValue s => (IsBlockString(s, text) ? 4 : 3, s.Value.ToString(), null),
            GraphQLBooleanValue b => (5, b.BoolValue ? "true" : "false", null),
            GraphQLNullValue => (6, "null", null),
            GraphQLEnumValue e => (7, e.Name.StringValue, null),
            GraphQLListValue l => (8, "", (l.Values ?? []).Select(x => (Value)Obj(("Name", Str("")), ("Value", ValueNode(x, text))))),
            GraphQLObjectValue o => (9, "", (o.Fields ?? []).Select(x => (Value)Obj(("Name", Str(x.Name)), ("Value", ValueNode(x.Value, text))))),
            _ => throw new GqlException("unsupported value"),
        };
        return Obj(("Position", Pos(v, text)), ("Raw", Str(raw)), ("Children", children is null ? null : List(children)), ("Kind", NumberValue.Of(kind)),
            ("ExpectedTypeHasDefault", BooleanValue.False));
    }

    private static bool IsBlockString(GraphQLStringValue s, GqlSource text) =>
        s.Location.Start + 3 <= text.Text.Length && string.CompareOrdinal(text.Text, s.Location.Start, "\"\"\"", 0, 3) == 0;

    private static Value Pos(ASTNode node, GqlSource text)
    {
        var (line, column) = text.LineColumn(node.Location.Start);
        return Obj(("Line", NumberValue.Of(line)), ("Column", NumberValue.Of(column)));
    }

    private static Value Type(GraphQLType t) => t switch
    {
        GraphQLNonNullType nn => WithNonNull(Type(nn.Type)),
        GraphQLListType l => Obj(("NamedType", Str("")), ("Elem", Type(l.Type)), ("NonNull", BooleanValue.False)),
        GraphQLNamedType n => Obj(("NamedType", Str(n.Name)), ("NonNull", BooleanValue.False)),
        _ => throw new GqlException("unsupported type"),
    };

    private static Value WithNonNull(Value inner)
    {
        var o = (ObjectValue)inner;
        var b = new ObjectBuilder();
        foreach (var (k, v) in o.Entries) b.Set(k, v);
        b.Set("NonNull", BooleanValue.True);
        return b.Build();
    }

    private static string OperationName(OperationType op) => op switch
    {
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "query",
    };

    private static string LocationName(DirectiveLocation l)
    {
        // QUERY, FIELD_DEFINITION, ... from the enum name in PascalCase.
        var name = l.ToString();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static StringValue Str(GraphQLName? name) => new(name?.StringValue ?? "");

    private static StringValue Str(GraphQLDescription? d) => new(d?.Value.ToString() ?? "");

    private static StringValue Str(string s) => new(s);

    private static Value? List(IEnumerable<Value> items)
    {
        var arr = items.ToArray();
        return arr.Length == 0 ? null : new ArrayValue(arr);
    }

    /// <summary>OPA's pruning of the returned AST: drops "Position" objects (and what becomes empty without them).</summary>
    public static Value WithoutPositions(Value v, int depth = 0)
    {
        if (depth > 2048) throw new GqlException("AST nests too deeply");
        switch (v)
        {
            case ArrayValue a:
            {
                var items = new List<Value>(a.Count);
                foreach (var item in a.Items)
                {
                    var p = WithoutPositions(item, depth + 1);
                    if (p is NullValue or ArrayValue { Count: 0 } or ObjectValue { Count: 0 }) continue;
                    items.Add(p);
                }
                return new ArrayValue(items.ToArray());
            }
            case ObjectValue o:
            {
                var b = new ObjectBuilder(o.Count);
                foreach (var (k, child) in o.Entries)
                {
                    if (k is StringValue { Value: "Position" }) continue;
                    var p = WithoutPositions(child, depth + 1);
                    if (p is NullValue or ArrayValue { Count: 0 } or ObjectValue { Count: 0 }) continue;
                    b.Set(k, p);
                }
                return b.Build();
            }
            default:
                return v;
        }
    }

    /// <summary>An object without the pruned entries (null, empty arrays, empty objects).</summary>
    private static ObjectValue Obj(params (string Key, Value? Value)[] entries)
    {
        var b = new ObjectBuilder(entries.Length);
        foreach (var (k, v) in entries)
        {
            if (v is null or NullValue or ArrayValue { Count: 0 } or ObjectValue { Count: 0 }) continue;
            b.Set(k, v);
        }
        return b.Build();
    }
}
