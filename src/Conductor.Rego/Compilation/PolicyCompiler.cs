using Conductor.Rego.Builtins;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>
/// Turns parsed modules into the rule tree the evaluator runs: resolves names (locals, imports, rules of the
/// package, builtins), allocates frame slots, orders bodies for safety, indexes rules, rejects recursion.
/// Collects every error it finds and raises them together.
/// </summary>
internal sealed class PolicyCompiler
{
    private readonly CompileOptions _options;
    private readonly List<RegoError> _errors = [];
    private readonly Dictionary<string, HashSet<string>> _packageRuleNames = new(StringComparer.Ordinal);
    private readonly List<(CRule Rule, RuleNode Node)> _allRules = [];

    public PolicyCompiler(CompileOptions options) => _options = options;

    public RuleNode Root { get; } = new([], null);

    public IReadOnlyList<RegoError> Errors => _errors;

    public BuiltinRegistry Builtins => _options.Builtins;

    private readonly Dictionary<string, int> _inputCacheSlotsByPath = new(StringComparer.Ordinal);
    private int _inputCacheSlots;

    /// <summary>How many distinct constant input paths have cache slots (grows as queries are prepared).</summary>
    public int InputCacheSlots => Volatile.Read(ref _inputCacheSlots);

    /// <summary>The cache slot of a constant input path; every ref to the same path shares it.</summary>
    public int InputCacheSlot(string path)
    {
        lock (_inputCacheSlotsByPath)
        {
            if (_inputCacheSlotsByPath.TryGetValue(path, out var slot)) return slot;
            slot = _inputCacheSlots;
            _inputCacheSlotsByPath[path] = slot;
            Volatile.Write(ref _inputCacheSlots, slot + 1);
            return slot;
        }
    }

    private void Error(string code, string message, SourceLocation? location) => _errors.Add(new RegoError(code, message, location));

    private static string PackageKey(IReadOnlyList<string> path) => string.Join('\u0001', path);

    // ------------------------------------------------------------------ modules

    public void AddModules(IReadOnlyList<Module> modules)
    {
        // Pass 1: rule names per package, so bodies can refer to rules defined in other files of the package.
        foreach (var m in modules)
        {
            var key = PackageKey(m.Package.Path);
            if (!_packageRuleNames.TryGetValue(key, out var names)) _packageRuleNames[key] = names = new(StringComparer.Ordinal);
            foreach (var r in m.Rules) names.Add(r.Head.Name);
        }
        // Pass 2: hang rules on nodes (so function calls can be resolved), then compile bodies.
        var pending = new List<(Rule Rule, Module Module, RuleNode Node, Term[] Suffix)>();
        foreach (var m in modules)
        {
            var pkgNode = Root;
            foreach (var p in m.Package.Path) pkgNode = pkgNode.GetOrAdd(p);
            CheckImports(m);
            foreach (var r in m.Rules)
            {
                var node = pkgNode.GetOrAdd(r.Head.Name);
                var suffix = new List<Term>();
                var staticPart = true;
                foreach (var t in r.Head.Ref.Path)
                {
                    if (staticPart && t is ScalarTerm { Value: StringValue s }) node = node.GetOrAdd(s.Value);
                    else
                    {
                        staticPart = false;
                        suffix.Add(t);
                    }
                }
                if (r.Head.Kind == RuleKind.Function) node.FunctionArity = r.Head.Args?.Count ?? 0;
                else node.HasDeclaredValueRules = true;
                pending.Add((r, m, node, suffix.ToArray()));
            }
        }
        foreach (var (rule, module, node, suffix) in pending)
        {
            CompileRuleInto(rule, module, node, suffix);
        }
        CheckRuleConflicts(Root);
        MarkDocumentRules(Root);
        BuildIndexes(Root);
        CheckRecursion();
        CheckDocumentConflicts(Root);
    }

    private void CheckImports(Module m)
    {
        var seen = new Dictionary<string, Import>(StringComparer.Ordinal);
        foreach (var imp in m.Imports)
        {
            if (imp.Path.Head is not VarTerm head) continue;
            if (head.Name is "rego" or "future") continue;
            if (head.Name is not ("data" or "input"))
            {
                Error(RegoErrorCodes.CompileError, "invalid import path: must begin with input or data", imp.Location);
                continue;
            }
            var alias = ImportAlias(imp);
            if (alias is null) continue;
            if (seen.ContainsKey(alias))
            {
                Error(RegoErrorCodes.CompileError, $"import must not shadow import {ImportText(seen[alias])}", imp.Location);
            }
            seen[alias] = imp;
        }
    }

    private static string ImportText(Import imp)
    {
        var parts = new List<string> { ((VarTerm)imp.Path.Head).Name };
        foreach (var p in imp.Path.Path) parts.Add(p is ScalarTerm { Value: StringValue s } ? s.Value : "?");
        return string.Join('.', parts);
    }

    /// <summary>The name an import is known by: its alias, else its last path segment.</summary>
    internal static string? ImportAlias(Import imp)
    {
        if (imp.Alias is not null) return imp.Alias;
        if (imp.Path.Path.Count == 0) return ((VarTerm)imp.Path.Head).Name;
        return imp.Path.Path[^1] is ScalarTerm { Value: StringValue s } ? s.Value : null;
    }

    // ------------------------------------------------------------------ rules

    private void CompileRuleInto(Rule rule, Module module, RuleNode node, Term[] suffix)
    {
        var ctx = new ModuleContext(module, _packageRuleNames.GetValueOrDefault(PackageKey(module.Package.Path)) ?? []);
        if (rule.Head.Kind == RuleKind.Function)
        {
            var fn = CompileRule(rule, ctx, suffix, rule.Head.Args);
            if (fn is null) return;
            if (rule.IsDefault) SetDefault(node, fn, rule);
            else node.Functions.Add(fn);
            _allRules.Add((fn, node));
            return;
        }
        var compiled = CompileRule(rule, ctx, suffix, null);
        if (compiled is null) return;
        _allRules.Add((compiled, node));
        if (rule.IsDefault)
        {
            SetDefault(node, compiled, rule);
            return;
        }
        if (rule.Head.Kind == RuleKind.PartialSet && suffix.Length == 0) node.SetRules.Add(compiled);
        else if (suffix.Length > 0) node.ObjectRules.Add(compiled);
        else node.CompleteRules.Add(compiled);
    }

    /// <summary>
    /// A function argument that must be computed (a template string or a call, e.g. <c>f($"{x}-{y}") if { … }</c>)
    /// cannot be matched when the function is called, because its variables are bound by the body. As OPA does, it
    /// becomes a fresh argument variable and the body ends with <c>$argN = term</c>.
    /// </summary>
    private static (IReadOnlyList<Term> Args, Body Body) MoveEvaluatedArgsIntoBody(IReadOnlyList<Term> args, Body body)
    {
        List<Term>? rewritten = null;
        List<Expr>? moved = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (!NeedsEvaluation(args[i])) continue;
            rewritten ??= [.. args];
            moved ??= [];
            var at = args[i].Location;
            var v = new VarTerm("$arg" + i, at);
            rewritten[i] = v;
            moved.Add(new TermExpr(new CallTerm(new VarTerm("eq", at), [v, args[i]], at), false, [], at, ""));
        }
        if (rewritten is null) return (args, body);
        return (rewritten, new Body([.. body.Exprs, .. moved!], body.Location));
    }

    private static bool NeedsEvaluation(Term t) => t switch
    {
        TemplateStringTerm or CallTerm => true,
        ArrayTerm a => a.Items.Any(NeedsEvaluation),
        SetTerm s => s.Items.Any(NeedsEvaluation),
        ObjectTerm o => o.Pairs.Any(p => NeedsEvaluation(p.Key) || NeedsEvaluation(p.Value)),
        _ => false,
    };

    private void SetDefault(RuleNode node, CRule compiled, Rule rule)
    {
        if (node.Default is not null)
        {
            Error(RegoErrorCodes.TypeError, $"multiple default rules {node.DottedPath} found", rule.Location);
            return;
        }
        node.Default = compiled;
    }

    private CRule? CompileRule(Rule rule, ModuleContext ctx, Term[] suffix, IReadOnlyList<Term>? args)
    {
        var astBody = rule.Body;
        if (args is not null) (args, astBody) = MoveEvaluatedArgsIntoBody(args, astBody);
        var slots = new SlotAllocator();
        var bodyNames = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectBody(astBody, bodyNames);
        NameCollector.CollectHead(rule.Head, bodyNames);
        if (args is not null) foreach (var a in args) NameCollector.CollectTerm(a, bodyNames);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectDeclared(astBody, declared);
        bodyNames.ExceptWith(declared);
        var scope = new Scope(null, bodyNames);
        var conv = new TermConverter(this, ctx, slots);

        CTerm[]? cargs = null;
        var initiallyBound = new HashSet<int>();
        if (args is not null)
        {
            cargs = new CTerm[args.Count];
            for (var i = 0; i < args.Count; i++)
            {
                cargs[i] = conv.ConvertPattern(args[i], scope, declare: true, reuse: true);
                SafetyAnalysis.Pattern(cargs[i], initiallyBound);
            }
            scope.ArgDeclared.UnionWith(scope.Declared);
        }
        var errorsBefore = _errors.Count;
        var body = conv.ConvertBody(astBody, scope);
        var csuffix = suffix.Select(t => conv.Convert(t, scope)).ToArray();
        CTerm? key = rule.Head.Key is null ? null : conv.Convert(rule.Head.Key, scope);
        CTerm? value = rule.Head.Value is null ? null : conv.Convert(rule.Head.Value, scope);

        if (rule.IsDefault && value is not null && !IsGroundTerm(value))
        {
            Error(RegoErrorCodes.CompileError, "default rule value cannot contain var", rule.Location);
        }

        var ordered = Order(body, initiallyBound, out var bound);
        if (ordered is null) return null;
        // Head terms must only use variables the body binds.
        foreach (var t in csuffix.Concat(key is null ? [] : [key]).Concat(value is null ? [] : [value]))
        {
            ReportUnsafeHead(t, bound);
        }
        CRule? elseRule = null;
        if (rule.Else is not null)
        {
            elseRule = CompileRule(rule.Else, ctx, suffix, args);
        }
        if (_errors.Count > errorsBefore) return null;
        return new CRule
        {
            Source = rule,
            Kind = rule.Head.Kind,
            FrameSize = slots.Count,
            RefSuffix = csuffix,
            Key = key,
            Value = value,
            Args = cargs,
            Body = ordered,
            IsDefault = rule.IsDefault,
            Else = elseRule,
            Module = ctx.Module,
        };
    }

    private static bool IsGroundTerm(CTerm t) => t switch
    {
        CConst => true,
        CArray a => a.Items.All(IsGroundTerm),
        CSet s => s.Items.All(IsGroundTerm),
        CObject o => o.Keys.All(IsGroundTerm) && o.Values.All(IsGroundTerm),
        CRef or CCall or CComprehension => true,
        _ => false,
    };

    private void ReportUnsafeHead(CTerm t, HashSet<int> bound)
    {
        var needs = new HashSet<int>();
        SafetyAnalysis.Needs(t, needs);
        foreach (var v in VarsIn(t))
        {
            if (needs.Contains(v.Slot) && !bound.Contains(v.Slot))
            {
                Error(RegoErrorCodes.UnsafeVarError, $"var {v.Name} is unsafe", v.Location);
                bound.Add(v.Slot);
            }
        }
    }

    internal static IEnumerable<CVar> VarsIn(CTerm t)
    {
        switch (t)
        {
            case CVar v:
                yield return v;
                break;
            case CRef r:
                foreach (var x in VarsIn(r.Head)) yield return x;
                foreach (var p in r.Path) foreach (var x in VarsIn(p)) yield return x;
                break;
            case CArray a:
                foreach (var i in a.Items) foreach (var x in VarsIn(i)) yield return x;
                break;
            case CSet s:
                foreach (var i in s.Items) foreach (var x in VarsIn(i)) yield return x;
                break;
            case CObject o:
                for (var i = 0; i < o.Keys.Length; i++)
                {
                    foreach (var x in VarsIn(o.Keys[i])) yield return x;
                    foreach (var x in VarsIn(o.Values[i])) yield return x;
                }
                break;
            case CCall c:
                foreach (var a in c.Args) foreach (var x in VarsIn(a)) yield return x;
                if (c.Output is not null) foreach (var x in VarsIn(c.Output)) yield return x;
                break;
            case CComprehension cc:
                foreach (var x in VarsIn(cc.Head)) yield return x;
                if (cc.Value is not null) foreach (var x in VarsIn(cc.Value)) yield return x;
                foreach (var e in cc.Body.Exprs) foreach (var x in ExprVarsIn(e)) yield return x;
                break;
        }
    }

    internal static IEnumerable<CVar> ExprVarsIn(CExpr e)
    {
        var terms = e switch
        {
            CTermExpr te => [te.Term],
            CUnify u => [u.Left, u.Right],
            CSomeIn s => s.Key is null ? new[] { s.Value, s.Collection } : [s.Key, s.Value, s.Collection],
            CEvery ev => [ev.Domain],
            _ => Array.Empty<CTerm>(),
        };
        foreach (var t in terms) foreach (var v in VarsIn(t)) yield return v;
        if (e is CEvery every) foreach (var x in every.Body.Exprs) foreach (var v in ExprVarsIn(x)) yield return v;
        foreach (var w in e.With) foreach (var v in VarsIn(w.Value)) yield return v;
    }

    /// <summary>Orders a body so each expression runs once its inputs are bound; reports unsafe variables otherwise.</summary>
    internal CBody? Order(CBody body, HashSet<int> initiallyBound, out HashSet<int> bound)
    {
        bound = new HashSet<int>(initiallyBound);
        var remaining = new List<CExpr>(body.Exprs);
        var ordered = new List<CExpr>(remaining.Count);
        while (remaining.Count > 0)
        {
            var picked = -1;
            for (var i = 0; i < remaining.Count; i++)
            {
                var outs = SafetyAnalysis.Outputs(remaining[i], bound);
                if (outs is null) continue;
                bound.UnionWith(outs);
                picked = i;
                break;
            }
            if (picked < 0)
            {
                // Report every variable that nothing can bind.
                var reported = new HashSet<int>();
                foreach (var e in remaining)
                {
                    foreach (var v in ExprVarsIn(e))
                    {
                        if (bound.Contains(v.Slot) || !reported.Add(v.Slot)) continue;
                        if (e.LocalSlots.Contains(v.Slot) && !e.Negated) continue;
                        if (v.Generated && v.Name.StartsWith("$", StringComparison.Ordinal) && !e.Negated) continue;
                        Error(RegoErrorCodes.UnsafeVarError, $"var {DisplayName(v)} is unsafe", v.Location);
                    }
                }
                if (reported.Count == 0) Error(RegoErrorCodes.UnsafeVarError, "expression is unsafe", remaining[0].Source.Location);
                return null;
            }
            ordered.Add(remaining[picked]);
            remaining.RemoveAt(picked);
        }
        return new CBody(ordered.ToArray());
    }

    private static string DisplayName(CVar v) => v.Generated && v.Name.StartsWith('$') ? "_" : v.Name;

    // ------------------------------------------------------------------ queries

    /// <summary>Compiles a query: its variables are locals; expressions keep their index for output.</summary>
    public CompiledQuery? CompileQuery(Body body)
    {
        var slots = new SlotAllocator();
        var names = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectBody(body, names);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        NameCollector.CollectDeclared(body, declared);
        names.ExceptWith(declared);
        var scope = new Scope(null, names);
        var conv = new TermConverter(this, null, slots);
        var errorsBefore = _errors.Count;
        var cbody = conv.ConvertBody(body, scope);
        for (var i = 0; i < cbody.Exprs.Length; i++)
        {
            if (cbody.Exprs[i] is CTermExpr { Negated: false } te) te.RecordIndex = i;
        }
        if (_errors.Count > errorsBefore) return null;
        var ordered = Order(cbody, [], out _);
        if (ordered is null) return null;
        var vars = scope.Vars.Values.Where(v => !v.Generated).OrderBy(v => v.Slot).ToArray();
        return new CompiledQuery(ordered, slots.Count, vars, body.Exprs.Count);
    }

    /// <summary>Clears errors from a failed query compile so the policy can be reused.</summary>
    public IReadOnlyList<RegoError> TakeErrors()
    {
        var list = _errors.ToList();
        _errors.Clear();
        return list;
    }

    // ------------------------------------------------------------------ checks over the tree

    private void CheckRuleConflicts(RuleNode node)
    {
        var kinds = 0;
        if (node.CompleteRules.Count > 0 || (node.Default is { Kind: RuleKind.Complete })) kinds++;
        if (node.SetRules.Count > 0) kinds++;
        if (node.Functions.Count > 0 || node.Default is { Kind: RuleKind.Function }) kinds++;
        // As OPA's checkRuleConflicts, rules with a variable in their ref hang on the node of its ground prefix:
        // single-value ones (p[x] := v) may not meet a complete rule there, nor multi-value ones (p contains v,
        // p[x] contains v). Rules whose whole ref is ground (p[1] := v) sit on a deeper node in OPA: skipped here.
        var objectKinds = node.ObjectRules.Where(r => !r.RefSuffix.All(t => t is CConst)).Select(r => r.Kind).ToHashSet();
        var singlePartial = objectKinds.Contains(RuleKind.Complete);
        var multi = node.SetRules.Count > 0 || objectKinds.Contains(RuleKind.PartialSet);
        var complete = node.CompleteRules.Count > 0 || node.Default is { Kind: RuleKind.Complete };
        if (kinds <= 1 && singlePartial && (complete || multi)) kinds = 2;
        if (kinds > 1)
        {
            var loc = node.CompleteRules.Concat(node.SetRules).Concat(node.Functions).Concat(node.ObjectRules).First().Source.Location;
            Error(RegoErrorCodes.TypeError, $"conflicting rules {node.DottedPath} found", loc);
        }
        if (node.Functions.Count > 0)
        {
            var arities = node.Functions.Select(f => f.Args!.Length).Distinct().ToList();
            if (arities.Count > 1)
                Error(RegoErrorCodes.TypeError, $"conflicting rules {node.DottedPath} found", node.Functions[0].Source.Location);
        }
        foreach (var c in node.Children.Values) CheckRuleConflicts(c);
    }

    private void CheckDocumentConflicts(RuleNode node)
    {
        // A complete value rule cannot also have rules below it (data.a.p and data.a.p.q).
        // A default rule alone counts too: it is one of the node's rules in OPA.
        if ((node.CompleteRules.Count > 0 || node.SetRules.Count > 0 || node.Functions.Count > 0 || node.Default is not null)
            && node.Children.Values.Any(c => c.HasDocumentRules || c.Functions.Count > 0))
        {
            var child = node.Children.Values.First(c => c.HasDocumentRules || c.Functions.Count > 0);
            var loc = node.CompleteRules.Concat(node.SetRules).Concat(node.Functions).FirstOrDefault()?.Source.Location
                ?? node.Default!.Source.Location;
            Error(RegoErrorCodes.TypeError, $"rule {node.DottedPath} conflicts with [{FirstRulePath(child)}]", loc);
        }
        foreach (var c in node.Children.Values) CheckDocumentConflicts(c);
    }

    private static string FirstRulePath(RuleNode node)
    {
        if (node.HasValueRules || node.Functions.Count > 0) return node.DottedPath;
        foreach (var c in node.Children.Values)
        {
            if (c.HasDocumentRules || c.Functions.Count > 0) return FirstRulePath(c);
        }
        return node.DottedPath;
    }

    private void CheckRecursion()
    {
        if (_errors.Count > 0) return;
        _errors.AddRange(RecursionCheck.Find(Root, _allRules));
    }

    private static bool MarkDocumentRules(RuleNode node)
    {
        // Functions are not documents, but the paths to them are (as empty objects), as in OPA.
        var any = node.HasValueRules || node.FunctionArity is not null;
        foreach (var c in node.Children.Values) any |= MarkDocumentRules(c);
        node.HasDocumentRules = any;
        return any;
    }

    private static void BuildIndexes(RuleNode node)
    {
        if (node.CompleteRules.Count >= 4) node.Index = RuleIndexBuilder.Build(node.CompleteRules);
        foreach (var c in node.Children.Values) BuildIndexes(c);
    }

    /// <summary>Resolves a data path to the deepest rule node along it.</summary>
    internal RuleNode? FindNode(IReadOnlyList<string> path)
    {
        var node = Root;
        foreach (var p in path)
        {
            if (!node.Children.TryGetValue(p, out var c)) return null;
            node = c;
        }
        return node;
    }

}
