using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.GraphQL;

/// <summary>
/// Validates a QueryDocument value against a <see cref="GqlSchema"/> with the rules of gqlparser's validator that
/// policies meet in practice (fields on correct type, scalar leafs, known and required arguments, argument values,
/// known types, fragments and directives, variables defined and used, operation names). The first error is raised
/// as OPA words it: "&lt;message&gt; in GraphQL query string at location L:C".
/// </summary>
internal sealed class GqlQueryValidator
{
    private readonly GqlSchema _schema;
    private readonly Dictionary<string, ObjectValue> _fragments = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedFragments = new(StringComparer.Ordinal);
    private Dictionary<string, GqlTypeRef> _variables = new(StringComparer.Ordinal);
    private HashSet<string> _variablesWithDefault = new(StringComparer.Ordinal);
    private HashSet<string> _usedVariables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visitingFragments = new(StringComparer.Ordinal);

    private GqlQueryValidator(GqlSchema schema) => _schema = schema;

    public static void Validate(GqlSchema schema, Value document) => new GqlQueryValidator(schema).Run(document);

    private static IEnumerable<ObjectValue> Items(Value? v, string key) =>
        (v as ObjectValue)?.Get(key) is ArrayValue a ? a.Items.ToArray().OfType<ObjectValue>() : [];

    private static string Text(Value? o, string key) => GqlSchema.Text(o, key);

    private static GqlException Error(Value? node, string message)
    {
        var line = 0;
        var column = 0;
        if ((node as ObjectValue)?.Get("Position") is ObjectValue p)
        {
            if (p.Get("Line") is NumberValue l && l.TryGetInt32(out var li)) line = li;
            if (p.Get("Column") is NumberValue c && c.TryGetInt32(out var ci)) column = ci;
        }
        return new GqlException($"{message.TrimEnd('.')} in GraphQL query string at location {line}:{column}");
    }

    private void Run(Value document)
    {
        var operations = Items(document, "Operations").ToList();
        foreach (var frag in Items(document, "Fragments"))
        {
            var name = Text(frag, "Name");
            if (!_fragments.TryAdd(name, frag)) throw Error(frag, $"There can be only one fragment named \"{name}\".");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            var name = Text(op, "Name");
            if (name.Length == 0 && operations.Count > 1) throw Error(op, "This anonymous operation must be the only defined operation.");
            if (name.Length > 0 && !names.Add(name)) throw Error(op, $"There can be only one operation named \"{name}\".");
        }
        foreach (var op in operations) ValidateOperation(op);
        foreach (var (name, frag) in _fragments)
        {
            var typeName = Text(frag, "TypeCondition");
            if (!_schema.Types.TryGetValue(typeName, out var type)) throw Error(frag, $"Unknown type \"{typeName}\".");
            if (!type.IsComposite) throw Error(frag, $"Fragment \"{name}\" cannot condition on non composite type \"{typeName}\".");
            if (!_usedFragments.Contains(name)) throw Error(frag, $"Fragment \"{name}\" is never used.");
        }
    }

    private void ValidateOperation(ObjectValue op)
    {
        var kind = Text(op, "Operation");
        var root = kind switch
        {
            "mutation" => _schema.Mutation,
            "subscription" => _schema.Subscription,
            _ => _schema.Query,
        } ?? throw Error(op, $"Schema does not support operation type \"{kind}\"");
        _variables = new Dictionary<string, GqlTypeRef>(StringComparer.Ordinal);
        _variablesWithDefault = new HashSet<string>(StringComparer.Ordinal);
        _usedVariables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in Items(op, "VariableDefinitions"))
        {
            var name = Text(v, "Variable");
            var type = GqlTypeRef.From(v.Get("Type"));
            if (!_schema.Types.TryGetValue(type.NamedName, out var def)) throw Error(v, $"Unknown type \"{type.NamedName}\".");
            if (!def.IsInputType) throw Error(v, $"Variable \"${name}\" cannot be non-input type \"{type}\".");
            if (!_variables.TryAdd(name, type)) throw Error(v, $"There can be only one variable named \"${name}\".");
            if (v.Get("DefaultValue") is ObjectValue dv)
            {
                ValidateValue(dv, type);
                if (Kind(dv) != 6) _variablesWithDefault.Add(name);
            }
        }
        ValidateDirectives(op);
        ValidateSelectionSet(op.Get("SelectionSet"), root);
        foreach (var v in Items(op, "VariableDefinitions"))
        {
            var name = Text(v, "Variable");
            if (!_usedVariables.Contains(name))
            {
                var opName = Text(op, "Name");
                throw Error(v, opName.Length > 0 ? $"Variable \"${name}\" is never used in operation \"{opName}\"." : $"Variable \"${name}\" is never used.");
            }
        }
    }

    private void ValidateDirectives(ObjectValue node)
    {
        foreach (var d in Items(node, "Directives"))
        {
            var name = Text(d, "Name");
            if (!_schema.Directives.TryGetValue(name, out var args)) throw Error(d, $"Unknown directive \"@{name}\".");
            ValidateArguments(d, args, $"directive \"@{name}\"", name, isDirective: true);
        }
    }

    private int _depth;

    private void ValidateSelectionSet(Value? selections, GqlTypeDef parent)
    {
        if (selections is not ArrayValue list) return;
        // AST objects can come from input; bound the recursion as the text parser bounds nesting.
        if (++_depth > 256) throw new GqlException("selection sets nest too deeply (more than 256 levels)");
        try
        {
            ValidateSelections(list, parent);
        }
        finally
        {
            _depth--;
        }
    }

    private void ValidateSelections(ArrayValue list, GqlTypeDef parent)
    {
        foreach (var item in list.Items)
        {
            if (item is not ObjectValue sel) continue;
            ValidateDirectives(sel);
            if (!IsSpread(sel) && sel.Get("Name") is not null)
            {
                ValidateField(sel, parent);
            }
            else if (IsSpread(sel))
            {
                var name = Text(sel, "Name");
                if (!_fragments.TryGetValue(name, out var frag)) throw Error(sel, $"Unknown fragment \"{name}\".");
                _usedFragments.Add(name);
                if (_visitingFragments.Add(name))
                {
                    var typeName = Text(frag, "TypeCondition");
                    if (!_schema.Types.TryGetValue(typeName, out var fragType)) throw Error(frag, $"Unknown type \"{typeName}\".");
                    ValidateSelectionSet(frag.Get("SelectionSet"), fragType);
                    _visitingFragments.Remove(name);
                }
                else
                {
                    throw Error(sel, $"Cannot spread fragment \"{name}\" within itself.");
                }
            }
            else
            {
                var typeName = Text(sel, "TypeCondition");
                var type = parent;
                if (typeName.Length > 0 && !_schema.Types.TryGetValue(typeName, out type)) throw Error(sel, $"Unknown type \"{typeName}\".");
                ValidateSelectionSet(sel.Get("SelectionSet"), type!);
            }
        }
    }

    /// <summary>
    /// A fragment spread has a Name and no Alias (parsed fields always carry their alias in gqlparser's shape);
    /// for hand-written AST objects a bare Name counts as a spread only when such a fragment exists.
    /// </summary>
    private bool IsSpread(ObjectValue sel) =>
        sel.Get("Alias") is null && sel.Get("Name") is not null && sel.Get("SelectionSet") is null && sel.Get("Arguments") is null &&
        (sel.Get("Position") is not null || _fragments.ContainsKey(Text(sel, "Name")));

    private void ValidateField(ObjectValue field, GqlTypeDef parent)
    {
        var name = Text(field, "Name");
        GqlField? def;
        if (name == "__typename")
        {
            def = new GqlField(name, new GqlTypeRef("String", null, true), [], false);
        }
        else if (name is "__schema" && parent == _schema.Query)
        {
            def = new GqlField(name, new GqlTypeRef("__Schema", null, true), [], false);
        }
        else if (name is "__type" && parent == _schema.Query)
        {
            def = new GqlField(name, new GqlTypeRef("__Type", null, false),
                new Dictionary<string, GqlArgument> { ["name"] = new("name", new GqlTypeRef("String", null, true), false) }, false);
        }
        else if (!parent.Fields.TryGetValue(name, out def))
        {
            throw Error(field, $"Cannot query field \"{name}\" on type \"{parent.Name}\".");
        }
        ValidateArguments(field, def.Arguments, $"field \"{parent.Name}.{name}\"", $"{parent.Name}.{name}", isDirective: false);
        var type = _schema.Resolve(def.Type);
        var hasSelection = field.Get("SelectionSet") is ArrayValue { Count: > 0 };
        if (type.IsLeaf && hasSelection)
            throw Error(field, $"Field \"{name}\" must not have a selection since type \"{def.Type}\" has no subfields.");
        if (!type.IsLeaf && !hasSelection)
            throw Error(field, $"Field \"{name}\" of type \"{def.Type}\" must have a selection of subfields.");
        ValidateSelectionSet(field.Get("SelectionSet"), type);
    }

    private void ValidateArguments(ObjectValue node, Dictionary<string, GqlArgument> defs, string owner, string shortOwner, bool isDirective)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in Items(node, "Arguments"))
        {
            var name = Text(arg, "Name");
            if (!defs.TryGetValue(name, out var def))
            {
                throw Error(arg, isDirective
                    ? $"Unknown argument \"{name}\" on directive \"@{shortOwner}\"."
                    : $"Unknown argument \"{name}\" on field \"{shortOwner}\".");
            }
            if (!given.Add(name)) throw Error(arg, $"There can be only one argument named \"{name}\".");
            if (arg.Get("Value") is ObjectValue v) ValidateValue(v, def.Type);
        }
        foreach (var def in defs.Values)
        {
            if (def.Type.NonNull && !def.HasDefault && !given.Contains(def.Name))
            {
                throw Error(node, isDirective
                    ? $"Directive \"@{shortOwner}\" argument \"{def.Name}\" of type \"{def.Type}\" is required, but it was not provided."
                    : $"Field \"{shortOwner.Split('.')[^1]}\" argument \"{def.Name}\" of type \"{def.Type}\" is required, but it was not provided.");
            }
        }
        _ = owner;
    }

    private static bool Compatible(GqlTypeRef variable, GqlTypeRef expected)
    {
        if (expected.NonNull)
        {
            return variable.NonNull && Compatible(variable with { NonNull = false }, expected with { NonNull = false });
        }
        if (variable.NonNull) return Compatible(variable with { NonNull = false }, expected);
        if (expected.Elem is not null) return variable.Elem is not null && Compatible(variable.Elem, expected.Elem);
        return variable.Elem is null && variable.NamedType == expected.NamedType;
    }

    private static int Kind(ObjectValue v) => v.Get("Kind") is NumberValue n && n.TryGetInt32(out var k) ? k : -1;

    private static string Display(ObjectValue v)
    {
        var raw = Text(v, "Raw");
        return Kind(v) switch
        {
            0 => "$" + raw,
            3 or 4 => new StringValue(raw).ToJson(),
            8 => "list",
            9 => "object",
            _ => raw,
        };
    }

    /// <summary>ValuesOfCorrectType, and variable usage.</summary>
    private void ValidateValue(ObjectValue value, GqlTypeRef type)
    {
        if (++_depth > 256) throw Error(value, "values nest too deeply (more than 256 levels)");
        try
        {
            CheckValue(value, type);
        }
        finally
        {
            _depth--;
        }
    }

    private void CheckValue(ObjectValue value, GqlTypeRef type)
    {
        var kind = Kind(value);
        if (kind == 0)
        {
            var name = Text(value, "Raw");
            if (!_variables.TryGetValue(name, out var variableType)) throw Error(value, $"Variable \"${name}\" is not defined.");
            _usedVariables.Add(name);
            // VariablesInAllowedPosition: a nullable variable may fill a non-null position only when it has a default.
            var usable = _variablesWithDefault.Contains(name) && type.NonNull && !variableType.NonNull
                ? Compatible(variableType, type with { NonNull = false })
                : Compatible(variableType, type);
            if (!usable) throw Error(value, $"Variable \"${name}\" of type \"{variableType}\" used in position expecting type \"{type}\".");
            return;
        }
        if (kind == 6)
        {
            if (type.NonNull) throw Error(value, $"Expected value of type \"{type}\", found null.");
            return;
        }
        if (type.Elem is not null)
        {
            if (kind == 8)
            {
                foreach (var child in Items(value, "Children"))
                {
                    if (child.Get("Value") is ObjectValue cv) ValidateValue(cv, type.Elem);
                }
                return;
            }
            ValidateValue(value, type.Elem);
            return;
        }
        var def = _schema.Resolve(type);
        switch (def.Kind)
        {
            case "SCALAR":
                var ok = def.Name switch
                {
                    "Int" => kind == 1,
                    "Float" => kind is 1 or 2,
                    "String" => kind is 3 or 4,
                    "Boolean" => kind == 5,
                    "ID" => kind is 1 or 3 or 4,
                    _ => true,
                };
                if (!ok)
                {
                    var message = def.Name switch
                    {
                        "Int" => $"Int cannot represent non-integer value: {Display(value)}",
                        "Float" => $"Float cannot represent non numeric value: {Display(value)}",
                        "String" => $"String cannot represent a non string value: {Display(value)}",
                        "Boolean" => $"Boolean cannot represent a non boolean value: {Display(value)}",
                        _ => $"ID cannot represent a non-string and non-integer value: {Display(value)}",
                    };
                    throw Error(value, message);
                }
                return;
            case "ENUM":
                if (kind != 7) throw Error(value, $"Enum \"{def.Name}\" cannot represent non-enum value: {Display(value)}.");
                var raw = Text(value, "Raw");
                if (!def.EnumValues.Contains(raw)) throw Error(value, $"Value \"{raw}\" does not exist in \"{def.Name}\" enum.");
                return;
            case "INPUT_OBJECT":
                if (kind != 9) throw Error(value, $"Expected value of type \"{type}\", found {Display(value)}.");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in Items(value, "Children"))
                {
                    var name = Text(child, "Name");
                    if (!def.Fields.TryGetValue(name, out var f)) throw Error(child.Get("Value") ?? value, $"Field \"{name}\" is not defined by type \"{def.Name}\".");
                    seen.Add(name);
                    if (child.Get("Value") is ObjectValue cv) ValidateValue(cv, f.Type);
                }
                foreach (var f in def.Fields.Values)
                {
                    if (f.Type.NonNull && !f.HasDefault && !seen.Contains(f.Name))
                        throw Error(value, $"Field \"{def.Name}.{f.Name}\" of required type \"{f.Type}\" was not provided.");
                }
                return;
            default:
                throw Error(value, $"Expected value of type \"{type}\", found {Display(value)}.");
        }
    }
}
