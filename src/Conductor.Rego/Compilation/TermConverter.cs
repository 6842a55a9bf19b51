using Conductor.Rego.Builtins;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>
/// Converts AST terms and expressions of one rule (or query) into the compiled IR: variables get slots,
/// names resolve to locals, imports, rules of the package or builtins.
/// </summary>
internal sealed class TermConverter(PolicyCompiler compiler, ModuleContext? context, SlotAllocator slots)
{
    private List<int>? _exprWildcards;
    private readonly Dictionary<Scope, List<int>> _owned = [];

    private void Error(string code, string message, SourceLocation location) =>
        ((List<RegoError>)compiler.Errors).Add(new RegoError(code, message, location));

    private CVar Declare(Scope scope, string name, SourceLocation location)
    {
        var v = slots.New(name, location);
        scope.Vars[name] = v;
        Own(scope, v.Slot);
        return v;
    }

    private void Own(Scope scope, int slot)
    {
        if (!_owned.TryGetValue(scope, out var list)) _owned[scope] = list = [];
        list.Add(slot);
    }

    private CVar Wildcard(Scope scope, SourceLocation location)
    {
        var v = slots.NewGenerated(location);
        Own(scope, v.Slot);
        _exprWildcards?.Add(v.Slot);
        return v;
    }

    /// <summary>Slots owned by <paramref name="scope"/> and the scopes nested in it.</summary>
    private int[] OwnedSlots(Scope scope)
    {
        var result = new List<int>();
        foreach (var (s, list) in _owned)
        {
            for (var x = s; x is not null; x = x.Parent)
            {
                if (x == scope)
                {
                    result.AddRange(list);
                    break;
                }
            }
        }
        return result.ToArray();
    }

    // ------------------------------------------------------------------ bodies and expressions

    public CBody ConvertBody(Body body, Scope scope)
    {
        var exprs = new CExpr[body.Exprs.Count];
        for (var i = 0; i < exprs.Length; i++) exprs[i] = ConvertExpr(body.Exprs[i], scope);
        return new CBody(exprs);
    }

    private CExpr ConvertExpr(Expr e, Scope scope)
    {
        var saved = _exprWildcards;
        _exprWildcards = [];
        try
        {
            var with = e.With.Select(w => ConvertWith(w, scope)).ToArray();
            CExpr result = e switch
            {
                TermExpr te => ConvertTermExpr(te, scope),
                SomeDeclExpr sd => ConvertSomeDecl(sd, scope),
                SomeInExpr si => ConvertSomeIn(si, scope),
                EveryExpr ev => ConvertEvery(ev, scope),
                _ => throw new InvalidOperationException("unknown expression"),
            };
            return Rebuild(result, e.Negated, with, _exprWildcards.ToArray());
        }
        finally
        {
            _exprWildcards = saved;
        }
    }

    private static CExpr Rebuild(CExpr e, bool negated, CWith[] with, int[] locals)
    {
        CExpr r = e switch
        {
            CTermExpr t => new CTermExpr(t.Term, t.Source) { Negated = negated, With = with },
            CUnify u => new CUnify(u.Left, u.Right, u.Assign, u.Source) { Negated = negated, With = with },
            CSomeIn s => new CSomeIn(s.Key, s.Value, s.Collection, s.Source) { Negated = negated, With = with },
            CEvery ev => new CEvery(ev.Key, ev.Value, ev.Domain, ev.Body, ev.Source) { Negated = negated, With = with, BodySlots = ev.BodySlots },
            _ => new CNoop(e.Source) { Negated = negated, With = with },
        };
        r.LocalSlots = locals;
        return r;
    }

    private CExpr ConvertTermExpr(TermExpr te, Scope scope)
    {
        if (te.Term is CallTerm { OperatorName: "eq" } eq && eq.Args.Count == 2)
        {
            var left = Convert(eq.Args[0], scope);
            var right = Convert(eq.Args[1], scope);
            return new CUnify(left, right, false, te);
        }
        if (te.Term is CallTerm { OperatorName: "assign" } assign && assign.Args.Count == 2)
        {
            var right = Convert(assign.Args[1], scope);
            CheckAssignable(assign.Args[0]);
            var left = ConvertAssignTarget(assign.Args[0], scope);
            return new CUnify(left, right, true, te);
        }
        return new CTermExpr(Convert(te.Term, scope), te);
    }

    private void CheckAssignable(Term t)
    {
        switch (t)
        {
            case VarTerm:
                return;
            case ArrayTerm a:
                foreach (var i in a.Items) CheckAssignable(i);
                return;
            case ObjectTerm o:
                foreach (var kv in o.Pairs) CheckAssignable(kv.Value);
                return;
            case ScalarTerm:
                return;
            case RefTerm:
                Error(RegoErrorCodes.ParseError, "cannot assign to ref", t.Location);
                return;
            default:
                Error(RegoErrorCodes.CompileError, "cannot assign to " + t.GetType().Name.Replace("Term", "").ToLowerInvariant(), t.Location);
                return;
        }
    }

    /// <summary>The left side of <c>:=</c>: its variables are declared here, and must not be declared or used before.</summary>
    private CTerm ConvertAssignTarget(Term t, Scope scope)
    {
        switch (t)
        {
            case VarTerm v when v.IsWildcard:
                return Wildcard(scope, v.Location);
            case VarTerm v:
                if (scope.Declared.Contains(v.Name))
                {
                    Error(RegoErrorCodes.CompileError, scope.Redeclared(v.Name), v.Location);
                }
                else if (scope.Used.Contains(v.Name))
                {
                    Error(RegoErrorCodes.CompileError, $"var {v.Name} referenced above", v.Location);
                }
                if (v.Name is "input" or "data")
                {
                    Error(RegoErrorCodes.CompileError, $"variables must not shadow {v.Name} (use a different variable name)", v.Location);
                }
                scope.Declared.Add(v.Name);
                return Declare(scope, v.Name, v.Location);
            case ArrayTerm a:
                return new CArray(a.Items.Select(i => ConvertAssignTarget(i, scope)).ToArray(), a.Location);
            case ObjectTerm o:
                return new CObject(o.Pairs.Select(p => Convert(p.Key, scope)).ToArray(),
                    o.Pairs.Select(p => ConvertAssignTarget(p.Value, scope)).ToArray(), o.Location);
            default:
                return Convert(t, scope);
        }
    }

    private CExpr ConvertSomeDecl(SomeDeclExpr sd, Scope scope)
    {
        foreach (var v in sd.Vars)
        {
            if (v.IsWildcard) continue;
            // As OPA's rewriting of declared variables: a name is declared once, and not after it was used.
            if (scope.Declared.Contains(v.Name))
            {
                Error(RegoErrorCodes.CompileError, scope.Redeclared(v.Name), v.Location);
            }
            else if (scope.Used.Contains(v.Name))
            {
                Error(RegoErrorCodes.CompileError, $"var {v.Name} referenced above", v.Location);
            }
            scope.Declared.Add(v.Name);
            scope.SomeDeclared.Add(v.Name);
            Declare(scope, v.Name, v.Location);
        }
        return new CNoop(sd);
    }

    /// <summary>
    /// Patterns of <c>some … in</c>, function arguments: new variables are declared fresh. With
    /// <paramref name="reuse"/> (function arguments) a name met again is the same variable, so <c>f(x, x)</c>
    /// matches equal arguments only, as in OPA.
    /// </summary>
    public CTerm ConvertPattern(Term t, Scope scope, bool declare, bool reuse = false)
    {
        switch (t)
        {
            case VarTerm v when v.IsWildcard:
                return Wildcard(scope, v.Location);
            case VarTerm v when declare && reuse && scope.Vars.TryGetValue(v.Name, out var seen):
                return seen;
            case VarTerm v when declare:
                scope.Declared.Add(v.Name);
                return Declare(scope, v.Name, v.Location);
            case ArrayTerm a:
                return new CArray(a.Items.Select(i => ConvertPattern(i, scope, declare, reuse)).ToArray(), a.Location);
            case ObjectTerm o:
                return new CObject(o.Pairs.Select(p => Convert(p.Key, scope)).ToArray(),
                    o.Pairs.Select(p => ConvertPattern(p.Value, scope, declare, reuse)).ToArray(), o.Location);
            default:
                return Convert(t, scope);
        }
    }

    private CExpr ConvertSomeIn(SomeInExpr si, Scope scope)
    {
        var coll = Convert(si.Collection, scope);
        var key = si.Key is null ? null : ConvertPattern(si.Key, scope, declare: true);
        var value = ConvertPattern(si.Value, scope, declare: true);
        return new CSomeIn(key, value, coll, si);
    }

    private CExpr ConvertEvery(EveryExpr ev, Scope scope)
    {
        var domain = Convert(ev.Domain, scope);
        var names = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectBody(ev.Body, names);
        var declaredInEvery = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectDeclared(ev.Body, declaredInEvery);
        names.ExceptWith(declaredInEvery);
        var inner = new Scope(scope, names);
        var key = ev.Key is null ? null : (CVar)ConvertPattern(ev.Key, inner, declare: true);
        var value = (CVar)ConvertPattern(ev.Value, inner, declare: true);
        var saved = _exprWildcards;
        _exprWildcards = null;
        var body = ConvertBody(ev.Body, inner);
        _exprWildcards = saved;
        var bodySlots = OwnedSlots(inner);
        var captured = new HashSet<int>();
        foreach (var e in body.Exprs) SafetyAnalysis.ExprVars(e, captured);
        captured.ExceptWith(bodySlots);
        if (key is not null) captured.Add(key.Slot);
        captured.Add(value.Slot);
        var ordered = compiler.Order(body, captured, out _) ?? body;
        return new CEvery(key, value, domain, ordered, ev) { BodySlots = bodySlots };
    }

    private CWith ConvertWith(WithModifier w, Scope scope)
    {
        var valueIsLocal = NamesLocal(w.Value, scope);
        var value = Convert(w.Value, scope);
        string? rootName = null;
        var path = new List<string>();
        var ok = true;
        switch (w.Target)
        {
            case VarTerm v:
                rootName = v.Name;
                break;
            case RefTerm { Head: VarTerm h } r:
                rootName = h.Name;
                foreach (var p in r.Path)
                {
                    if (p is ScalarTerm { Value: StringValue s }) path.Add(s.Value);
                    else ok = false;
                }
                break;
            default:
                ok = false;
                break;
        }
        if (ok && rootName == "input") return new CWith(WithTargetKind.Input, path.ToArray(), value, null, null, null);
        // Resolve import aliases of data refs.
        if (ok && rootName is not null && rootName != "data" && context is not null)
        {
            var imp = FindImport(rootName);
            if (imp is not null && imp.Path.Head is VarTerm { Name: var root })
            {
                var prefix = imp.Path.Path.Select(p => p is ScalarTerm { Value: StringValue s } ? s.Value : "").ToList();
                if (root == "input") return new CWith(WithTargetKind.Input, [.. prefix, .. path], value, null, null, null);
                if (root == "data")
                {
                    rootName = "data";
                    path = [.. prefix, .. path];
                }
            }
        }
        // A rule of this package named by its short name: with p as … replaces data.<package>.p.
        if (ok && rootName is not null && rootName != "data" && context is not null && context.RuleNames.Contains(rootName)
            && compiler.FindNode([.. context.Module.Package.Path, rootName]) is { IsFunction: false })
        {
            path = [.. context.Module.Package.Path, rootName, .. path];
            rootName = "data";
        }
        if (ok && rootName is not null)
        {
            var name = rootName == "data" ? "data." + string.Join('.', path) : string.Join('.', new[] { rootName }.Concat(path));
            var target = ResolveFunction(name, w.Target.Location, report: false);
            if (target is not null)
            {
                // A local variable named like a function is a value replacement.
                var replacement = w.Value switch
                {
                    VarTerm or RefTerm when !valueIsLocal => ResolveFunctionTerm(w.Value),
                    _ => null,
                };
                // A builtin named as the replacement is no variable: its name must not be taken for an unsafe local.
                if (replacement is { Functions: null } && value is CVar or CRef { Head: CVar })
                    value = new CConst(NullValue.Instance, w.Value.Location);
                // A function replaced by a function must take as many arguments (OPA's type check of with).
                if (replacement is not null && Arity(target) is int want && Arity(replacement) is int have && have != want)
                    Error(RegoErrorCodes.TypeError, $"{target.Name}: arity mismatch\n\thave: {have}\n\twant: {want}", w.Target.Location);
                return new CWith(WithTargetKind.Function, [], value, target.Name, target.Functions, replacement);
            }
            if (rootName == "data")
            {
                // As OPA: a with target below a node that has rules would replace part of a virtual document.
                for (var i = 0; i < path.Count - 1; i++)
                {
                    if (compiler.FindNode(path.GetRange(0, i + 1)) is { } n && (n.HasDeclaredValueRules || n.IsFunction))
                    {
                        Error(RegoErrorCodes.CompileError, "with keyword cannot partially replace virtual document(s)", w.Target.Location);
                        break;
                    }
                }
                return new CWith(WithTargetKind.Data, path.ToArray(), value, null, null, null);
            }
        }
        Error(RegoErrorCodes.TypeError, "with keyword target must reference existing input, data, or a function", w.Target.Location);
        return new CWith(WithTargetKind.Input, [], value, null, null, null);
    }

    /// <summary>The number of arguments a call target takes; null for print, which takes any number.</summary>
    private static int? Arity(CallTarget t) =>
        t.IsPrint || t.Name == "print" ? null : t.Builtin?.Arity ?? t.Functions?.FunctionArity;

    /// <summary>True when the head of <paramref name="t"/> is a variable bound in <paramref name="scope"/>.</summary>
    private static bool NamesLocal(Term t, Scope scope) => t switch
    {
        VarTerm v => scope.Lookup(v.Name) is not null,
        RefTerm { Head: VarTerm h } => scope.Lookup(h.Name) is not null,
        _ => false,
    };

    private CallTarget? ResolveFunctionTerm(Term t)
    {
        var segments = OperatorSegments(t);
        return segments is null ? null : ResolveFunction(string.Join('.', segments), t.Location, report: false);
    }

    // ------------------------------------------------------------------ terms

    /// <summary>Converts a term in value position; an unknown name becomes a new local variable.</summary>
    public CTerm Convert(Term t, Scope scope)
    {
        switch (t)
        {
            case ScalarTerm s:
                return new CConst(s.Value is StringValue sv ? StringValue.Intern(sv.Value) : s.Value, s.Location);
            case VarTerm v:
                return ResolveVar(v, scope);
            case RefTerm r:
                return ConvertRef(r, scope);
            case ArrayTerm a:
            {
                var items = a.Items.Select(i => Convert(i, scope)).ToArray();
                if (items.All(i => i is CConst)) return new CConst(new ArrayValue(items.Select(i => ((CConst)i).Value).ToArray()), a.Location);
                return new CArray(items, a.Location);
            }
            case SetTerm st:
            {
                var items = st.Items.Select(i => Convert(i, scope)).ToArray();
                if (items.All(i => i is CConst)) return new CConst(new SetValue(items.Select(i => ((CConst)i).Value)), st.Location);
                return new CSet(items, st.Location);
            }
            case ObjectTerm o:
            {
                var keys = o.Pairs.Select(p => Convert(p.Key, scope)).ToArray();
                var values = o.Pairs.Select(p => Convert(p.Value, scope)).ToArray();
                if (keys.All(k => k is CConst) && values.All(x => x is CConst))
                {
                    var b = new ObjectBuilder(keys.Length);
                    for (var i = 0; i < keys.Length; i++) b.Set(((CConst)keys[i]).Value, ((CConst)values[i]).Value);
                    return new CConst(b.Build(), o.Location);
                }
                return new CObject(keys, values, o.Location);
            }
            case ArrayComprehensionTerm ac:
                return ConvertComprehension(ComprehensionKind.Array, ac.Head, null, ac.Body, scope, ac.Location);
            case SetComprehensionTerm sc:
                return ConvertComprehension(ComprehensionKind.Set, sc.Head, null, sc.Body, scope, sc.Location);
            case ObjectComprehensionTerm oc:
                return ConvertComprehension(ComprehensionKind.Object, oc.Key, oc.Value, oc.Body, scope, oc.Location);
            case CallTerm c:
                return ConvertCall(c, scope);
            case TemplateStringTerm ts:
                return ConvertTemplateString(ts, scope);
        }
        throw new InvalidOperationException("unknown term " + t.GetType().Name);
    }

    private CTerm ConvertComprehension(ComprehensionKind kind, Term head, Term? value, Body body, Scope scope, SourceLocation location)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectBody(body, names);
        NameCollector.CollectTerm(head, names);
        if (value is not null) NameCollector.CollectTerm(value, names);
        var declaredInside = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectDeclared(body, declaredInside);
        names.ExceptWith(declaredInside);
        var inner = new Scope(scope, names);
        var saved = _exprWildcards;
        _exprWildcards = null;
        var cbody = ConvertBody(body, inner);
        var chead = Convert(head, inner);
        var cvalue = value is null ? null : Convert(value, inner);
        _exprWildcards = saved;
        var local = OwnedSlots(inner);
        var result = new CComprehension(kind, chead, cvalue, cbody, location) { LocalSlots = local };
        var captured = new HashSet<int>();
        SafetyAnalysis.Captured(result, captured);
        var ordered = compiler.Order(cbody, captured, out var bound);
        if (ordered is null) return result;
        // Only the head's free variables must be bound: a comprehension nested in the head (a template string's
        // parts are such comprehensions) binds its own.
        var needs = new HashSet<int>();
        SafetyAnalysis.Needs(chead, needs);
        if (cvalue is not null) SafetyAnalysis.Needs(cvalue, needs);
        foreach (var v in PolicyCompiler.VarsIn(chead).Concat(cvalue is null ? [] : PolicyCompiler.VarsIn(cvalue)))
        {
            if (needs.Contains(v.Slot) && !bound.Contains(v.Slot))
            {
                Error(RegoErrorCodes.UnsafeVarError, $"var {v.Name} is unsafe", v.Location);
                bound.Add(v.Slot);
            }
        }
        return new CComprehension(kind, chead, cvalue, ordered, location) { LocalSlots = local };
    }

    /// <summary>
    /// <c>$"a {expr} b"</c>: each embedded expression becomes an array comprehension of its values (so it may carry
    /// <c>with</c> and be undefined), and internal.template_string joins the parts.
    /// </summary>
    private CTerm ConvertTemplateString(TemplateStringTerm ts, Scope scope)
    {
        var parts = new List<CTerm>();
        foreach (var part in ts.Parts)
        {
            if (part.Text is not null)
            {
                parts.Add(new CConst(new StringValue(part.Text), ts.Location));
                continue;
            }
            var expr = part.Expression!;
            var valueName = "$template" + parts.Count;
            var loc = expr.Location;
            var assign = new CallTerm(new VarTerm("assign", loc), [new VarTerm(valueName, loc), ((TermExpr)expr).Term], loc);
            var body = new Body([new TermExpr(assign, false, expr.With, loc, expr.Text)], loc);
            parts.Add(ConvertComprehension(ComprehensionKind.Array, new VarTerm(valueName, loc), null, body, scope, loc));
        }
        compiler.Builtins.TryGet("internal.template_string", out var builtin);
        return new CCall(new CallTarget("internal.template_string", builtin, null), [new CArray(parts.ToArray(), ts.Location)], null, ts.Location);
    }

    private CTerm ResolveVar(VarTerm v, Scope scope)
    {
        if (v.IsWildcard) return Wildcard(scope, v.Location);
        var local = scope.Lookup(v.Name);
        if (local is not null)
        {
            scope.Used.Add(v.Name);
            return local;
        }
        var global = ResolveGlobal(v.Name, v.Location);
        if (global is not null) return global;
        scope.Used.Add(v.Name);
        return Declare(scope.OwnerFor(v.Name), v.Name, v.Location);
    }

    /// <summary>input, data, an import alias or a rule of the package, as a ref; null for anything else.</summary>
    private CRef? ResolveGlobal(string name, SourceLocation location)
    {
        if (name == "input") return new CRef(new CInput(location), [], location);
        if (name == "data") return new CRef(new CDataRoot(location), [], location);
        if (context is null) return null;
        var imp = FindImport(name);
        if (imp is not null)
        {
            var head = (VarTerm)imp.Path.Head;
            CTerm root = head.Name == "input" ? new CInput(location) : new CDataRoot(location);
            return new CRef(root, imp.Path.Path.Select(p => (CTerm)new CConst(((ScalarTerm)p).Value, location)).ToArray(), location);
        }
        if (context.RuleNames.Contains(name))
        {
            var path = context.Module.Package.Path.Append(name).Select(p => (CTerm)new CConst(new StringValue(p), location)).ToArray();
            return new CRef(new CDataRoot(location), path, location);
        }
        return null;
    }

    private Import? FindImport(string alias)
    {
        if (context is null) return null;
        foreach (var imp in context.Module.Imports)
        {
            if (imp.Path.Head is not VarTerm { Name: "data" or "input" }) continue;
            if (!imp.Path.Path.All(p => p is ScalarTerm { Value: StringValue })) continue;
            if (PolicyCompiler.ImportAlias(imp) == alias) return imp;
        }
        return null;
    }

    private CTerm ConvertRef(RefTerm r, Scope scope)
    {
        CTerm head;
        var path = new List<CTerm>();
        if (r.Head is VarTerm hv)
        {
            head = ResolveVar(hv, scope);
            if (head is CRef hr)
            {
                path.AddRange(hr.Path);
                head = hr.Head;
            }
        }
        else
        {
            head = Convert(r.Head, scope);
        }
        foreach (var p in r.Path)
        {
            path.Add(p is VarTerm pv ? ResolveVar(pv, scope) : Convert(p, scope));
        }
        if (head is CInput && path.Count > 0 && path.All(p => p is CConst))
        {
            var key = string.Join('\u0001', path.Select(p => ((CConst)p).Value.ToJson()));
            return new CRef(head, path.ToArray(), r.Location) { InputCacheSlot = compiler.InputCacheSlot(key) };
        }
        return new CRef(head, path.ToArray(), r.Location);
    }

    private CTerm ConvertCall(CallTerm c, Scope scope)
    {
        var name = c.OperatorName;
        if (name is "eq" or "assign")
        {
            Error(RegoErrorCodes.ParseError, $"unexpected {(name == "eq" ? "=" : ":=")} in term", c.Location);
            return new CConst(BooleanValue.False, c.Location);
        }
        if (name is null)
        {
            Error(RegoErrorCodes.TypeError, "illegal call", c.Location);
            return new CConst(BooleanValue.False, c.Location);
        }
        var target = ResolveFunction(name, c.Location, report: true, OperatorSegments(c.Operator));
        var args = c.Args.Select(a => Convert(a, scope)).ToArray();
        if (target is null) return new CConst(BooleanValue.False, c.Location);
        var arity = target.Builtin?.Arity ?? target.Functions?.FunctionArity ?? args.Length;
        var variadic = target.Name == "print";
        CTerm? output = null;
        if (!variadic && args.Length != arity)
        {
            if (args.Length == arity + 1)
            {
                output = args[^1];
                args = args[..^1];
            }
            else
            {
                Error(RegoErrorCodes.TypeError, $"{target.Name}: arity mismatch\n\thave: {args.Length}\n\twant: {arity}", c.Location);
                return new CConst(BooleanValue.False, c.Location);
            }
        }
        if (target.Builtin is not null && !variadic) CheckConstantTypes(target.Builtin, args, c.Location);
        return new CCall(target, args, output, c.Location);
    }

    private void CheckConstantTypes(BuiltinDefinition builtin, CTerm[] args, SourceLocation location)
    {
        for (var i = 0; i < args.Length && i < builtin.Signature.Parameters.Count; i++)
        {
            if (args[i] is not CConst k) continue;
            if (!builtin.Signature.Parameters[i].Accepts(k.Value.Kind))
            {
                var have = string.Join(", ", args.Select(a => a is CConst ac ? ac.Value.TypeName : "any"));
                var want = string.Join(", ", builtin.Signature.Parameters.Select(p => p.ToString()));
                Error(RegoErrorCodes.TypeError, $"{builtin.Name}: invalid argument(s)\n\thave: ({have})\n\twant: ({want})", location);
                return;
            }
        }
    }

    /// <summary>The operator's name as segments (<c>fruit["color.name"]</c> is ["fruit", "color.name"]), or null.</summary>
    private static string[]? OperatorSegments(Term op)
    {
        if (op is VarTerm v) return [v.Name];
        if (op is not RefTerm { Head: VarTerm head } r) return null;
        var parts = new List<string> { head.Name };
        foreach (var p in r.Path)
        {
            if (p is ScalarTerm { Value: StringValue s }) parts.Add(s.Value);
            else return null;
        }
        return parts.ToArray();
    }

    /// <summary>Resolves a called name to a user function (package-local, imported or absolute) or a builtin.</summary>
    private CallTarget? ResolveFunction(string name, SourceLocation location, bool report, string[]? segments = null)
    {
        string[]? path = null;
        segments ??= name.Split('.');
        if (segments[0] == "data")
        {
            path = segments[1..];
        }
        else if (context is not null)
        {
            var parts = segments;
            if (context.RuleNames.Contains(parts[0]))
            {
                path = [.. context.Module.Package.Path, .. parts];
            }
            else
            {
                var imp = FindImport(parts[0]);
                if (imp is not null && imp.Path.Head is VarTerm { Name: "data" })
                {
                    path = [.. imp.Path.Path.Select(p => ((StringValue)((ScalarTerm)p).Value).Value), .. parts[1..]];
                }
            }
        }
        if (path is not null)
        {
            var node = compiler.FindNode(path);
            if (node?.FunctionArity is not null) return new CallTarget("data." + string.Join('.', path), null, node);
            if (node is not null && node.HasDeclaredValueRules)
            {
                if (report) Error(RegoErrorCodes.TypeError, $"undefined function {name}", location);
                return null;
            }
        }
        if (name == "print") return new CallTarget("print", null, null);
        if (compiler.Builtins.TryGet(name, out var builtin)) return new CallTarget(name, builtin, null);
        if (report) Error(RegoErrorCodes.TypeError, $"undefined function {name}", location);
        return null;
    }
}
