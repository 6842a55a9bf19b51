using Conductor.Rego.Values;

namespace Conductor.Rego.Syntax;

/// <summary>
/// A parsed module as a Rego value in the shape of OPA's JSON AST (what <c>rego.parse_module</c> returns): terms are
/// <c>{"type": …, "value": …}</c>, calls and operators are refs (<c>equal</c>, <c>internal.member_2</c>), an
/// expression holds <c>index</c> and <c>terms</c> (a term, a list for calls, or <c>{"symbols": …}</c> for
/// <c>some</c>). Locations and comments are left out.
/// </summary>
public static class ModuleAstValue
{
    /// <summary>The module as <c>{"package": …, "imports": […], "rules": […]}</c> (imports only when there are any).</summary>
    public static ObjectValue Of(Module module)
    {
        var pairs = new List<KeyValuePair<string, Value>>
        {
            new("package", Obj(("path", new ArrayValue(new Value[] { Var("data") }.Concat(module.Package.Path.Select(p => (Value)Typed("string", new StringValue(p)))))))),
        };
        if (module.Imports.Count > 0)
        {
            pairs.Add(new("imports", new ArrayValue(module.Imports.Select(i => (Value)Obj(
                ("path", Term(i.Path)), ("alias", i.Alias is null ? null : new StringValue(i.Alias)))))));
        }
        pairs.Add(new("rules", new ArrayValue(module.Rules.Select(r => (Value)Rule(r)))));
        return ObjectValue.FromPairs(pairs);
    }

    private static ObjectValue Rule(Rule rule)
    {
        var head = rule.Head;
        var value = head.Value is { } v ? Term(v) : head.Kind == RuleKind.PartialSet ? null : Typed("boolean", BooleanValue.True);
        var headValue = Obj(
            ("name", new StringValue(head.Name)),
            ("args", head.Args is null ? null : new ArrayValue(head.Args.Select(Term))),
            ("key", head.Key is null ? null : Term(head.Key)),
            ("value", value),
            ("assign", head.Assign ? BooleanValue.True : null),
            ("ref", new ArrayValue(new[] { Term(head.Ref.Head) }.Concat(head.Ref.Path.Select(Term)))));
        return Obj(
            ("default", rule.IsDefault ? BooleanValue.True : null),
            ("head", headValue),
            ("body", Body(rule.Body)),
            ("else", rule.Else is null ? null : Rule(rule.Else)));
    }

    // OPA's parser gives a rule without a body the body `true`.
    private static ArrayValue Body(Body body) =>
        body.Exprs.Count == 0
            ? new([Obj(("index", NumberValue.Of(0)), ("terms", Typed("boolean", BooleanValue.True)))])
            : new(body.Exprs.Select((e, i) => (Value)Expr(e, i)));

    private static ObjectValue Expr(Expr e, int index)
    {
        Value terms = e switch
        {
            TermExpr { Term: CallTerm call } => new ArrayValue(new[] { Operator(call.Operator) }.Concat(call.Args.Select(Term))),
            TermExpr t => Term(t.Term),
            SomeDeclExpr some => Obj(("symbols", new ArrayValue(some.Vars.Select(v => Term(v))))),
            SomeInExpr s => Obj(("symbols", new ArrayValue([Typed("call", new ArrayValue(
                new[] { Operator(new VarTerm(s.Key is null ? "internal.member_2" : "internal.member_3", s.Location)) }
                    .Concat(s.Key is null ? [Term(s.Value), Term(s.Collection)] : [Term(s.Key), Term(s.Value), Term(s.Collection)])))]))),
            EveryExpr every => Obj(
                ("key", every.Key is null ? null : Term(every.Key)),
                ("value", Term(every.Value)),
                ("domain", Term(every.Domain)),
                ("body", Body(every.Body))),
            _ => NullValue.Instance,
        };
        return Obj(
            ("index", NumberValue.Of(index)),
            ("negated", e.Negated ? BooleanValue.True : null),
            ("terms", terms),
            ("with", e.With.Count == 0 ? null : new ArrayValue(e.With.Select(w => (Value)Obj(("target", Term(w.Target)), ("value", Term(w.Value)))))));
    }

    // Operators are refs in OPA's AST: `equal` is [var equal], `internal.member_2` is [var internal, string member_2].
    private static Value Operator(Term op)
    {
        if (op is VarTerm v)
        {
            var parts = v.Name.Split('.');
            return Typed("ref", new ArrayValue(new[] { Var(parts[0]) }.Concat(parts.Skip(1).Select(p => Typed("string", new StringValue(p))))));
        }
        return Term(op);
    }

    private static Value Term(Term term) => term switch
    {
        ScalarTerm s => Typed(s.Value.Kind switch
        {
            ValueKind.Null => "null",
            ValueKind.Boolean => "boolean",
            ValueKind.Number => "number",
            _ => "string",
        }, s.Value),
        VarTerm v => Var(v.Name),
        RefTerm r => Typed("ref", new ArrayValue(new[] { Term(r.Head) }.Concat(r.Path.Select(Term)))),
        ArrayTerm a => Typed("array", new ArrayValue(a.Items.Select(Term))),
        SetTerm s => Typed("set", new ArrayValue(s.Items.Select(Term))),
        ObjectTerm o => Typed("object", new ArrayValue(o.Pairs.Select(p => (Value)new ArrayValue([Term(p.Key), Term(p.Value)])))),
        CallTerm c => Typed("call", new ArrayValue(new[] { Operator(c.Operator) }.Concat(c.Args.Select(Term)))),
        ArrayComprehensionTerm a => Typed("arraycomprehension", Obj(("term", Term(a.Head)), ("body", Body(a.Body)))),
        SetComprehensionTerm s => Typed("setcomprehension", Obj(("term", Term(s.Head)), ("body", Body(s.Body)))),
        ObjectComprehensionTerm o => Typed("objectcomprehension", Obj(("key", Term(o.Key)), ("value", Term(o.Value)), ("body", Body(o.Body)))),
        TemplateStringTerm t => Typed("templatestring", new ArrayValue(t.Parts.Select(p =>
            p.Text is { } text ? Typed("string", new StringValue(text)) : Expr(p.Expression!, 0)))),
        _ => NullValue.Instance,
    };

    private static Value Var(string name) => Typed("var", new StringValue(name));

    private static ObjectValue Typed(string type, Value value) => Obj(("type", new StringValue(type)), ("value", value));

    // Null members are left out, as Go's omitempty leaves them out.
    private static ObjectValue Obj(params (string Key, Value? Value)[] members) =>
        ObjectValue.FromPairs(members.Where(m => m.Value is not null).Select(m => new KeyValuePair<string, Value>(m.Key, m.Value!)));
}
