using Conductor.Rego.Builtins;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>
/// OPA's strict-mode checks, run over the AST as a separate pass when <see cref="CompileOptions.Strict"/> is set:
/// local variables assigned with <c>:=</c> or declared with <c>some</c> and never used, function arguments no body
/// of the definition (or of its <c>else</c> branches) uses, unused and duplicate
/// imports, calls of deprecated builtins, and rules, arguments or <c>:=</c> variables named <c>input</c> or
/// <c>data</c>. Messages and codes are OPA's. <see cref="CheckRegoV1Names"/> and <see cref="CheckRegoV1Deprecated"/> are the part Rego v1 applies always.
/// </summary>
public static class StrictChecks
{
    /// <summary>Every strict-mode error in the modules, in module order, then source order within each check.</summary>
    public static IReadOnlyList<RegoError> Check(IReadOnlyList<Module> modules, BuiltinRegistry builtins)
    {
        var errors = new List<RegoError>();
        foreach (var module in modules)
        {
            CheckImports(module, errors);
            CheckRootDocumentNames(module, errors);
            var ruleNames = module.Rules.Select(r => r.Head.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in module.Rules)
            {
                CheckUnusedArgs(rule, errors);
                for (var r = rule; r is not null; r = r.Else)
                {
                    CheckUnusedVars(r, errors);
                    CheckBodies(r, builtins, ruleNames, errors);
                }
            }
        }
        return errors;
    }

    // ------------------------------------------------------------------ imports

    private static void CheckImports(Module module, List<RegoError> errors)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in module.Rules)
        {
            for (var r = rule; r is not null; r = r.Else) AstWalk.Rule(r, v => used.Add(v.Name), _ => { });
        }
        foreach (var (name, imp, earlier) in NamedImports(module))
        {
            if (earlier is not null) errors.Add(DuplicateImport(imp, earlier));
            else if (!used.Contains(name)) errors.Add(new RegoError(RegoErrorCodes.CompileError, $"import {RefText(imp.Path)} unused", imp.Location));
        }
    }

    /// <summary>Imports of data or input with the name they are known by, and the earlier import of that name if any.</summary>
    private static IEnumerable<(string Name, Import Import, Import? Earlier)> NamedImports(Module module)
    {
        var seen = new Dictionary<string, Import>(StringComparer.Ordinal);
        foreach (var imp in module.Imports)
        {
            if (imp.Path.Head is not VarTerm root || root.Name is not ("data" or "input")) continue; // rego.v1, future.*
            if (imp.Path.Path.Count == 0 && imp.Alias is null) continue;
            var name = imp.Alias ?? (imp.Path.Path[^1] is ScalarTerm { Value: StringValue s } ? s.Value : null);
            if (name is null) continue;
            if (seen.TryGetValue(name, out var earlier))
            {
                yield return (name, imp, earlier);
                continue;
            }
            seen[name] = imp;
            yield return (name, imp, null);
        }
    }

    private static RegoError DuplicateImport(Import imp, Import earlier) =>
        new(RegoErrorCodes.CompileError, $"import must not shadow {ImportText(earlier)}", imp.Location);

    /// <summary>
    /// The name checks Rego v1 always applies (OPA runs them in an early compile stage, so a failure stops
    /// compilation there): duplicate imports, and rules, function arguments or <c>:=</c> variables named
    /// <c>input</c> or <c>data</c>. Modules parsed as v0 (without <c>import rego.v1</c>) are skipped.
    /// </summary>
    public static IReadOnlyList<RegoError> CheckRegoV1Names(IReadOnlyList<Module> modules)
    {
        var errors = new List<RegoError>();
        foreach (var module in modules)
        {
            if (module.Version != RegoVersion.V1) continue;
            foreach (var (_, imp, earlier) in NamedImports(module))
            {
                if (earlier is not null) errors.Add(DuplicateImport(imp, earlier));
            }
            CheckRootDocumentNames(module, errors);
            foreach (var rule in module.Rules)
            {
                for (var r = rule; r is not null; r = r.Else) CheckShadowingAssignments(r, errors);
            }
        }
        return errors;
    }

    /// <summary>
    /// Calls of deprecated builtins, which Rego v1 always rejects (OPA checks them in its last compile stage, once
    /// everything else compiled). Modules parsed as v0 (without <c>import rego.v1</c>) are skipped.
    /// </summary>
    public static IReadOnlyList<RegoError> CheckRegoV1Deprecated(IReadOnlyList<Module> modules, BuiltinRegistry builtins)
    {
        var errors = new List<RegoError>();
        foreach (var module in modules)
        {
            if (module.Version != RegoVersion.V1) continue;
            var ruleNames = module.Rules.Select(r => r.Head.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in module.Rules)
            {
                for (var r = rule; r is not null; r = r.Else) CheckDeprecatedCalls(r, builtins, ruleNames, errors);
            }
        }
        return errors;
    }

    // Rules and function arguments must not be named input or data (OPA: "rules must not shadow input").
    private static void CheckRootDocumentNames(Module module, List<RegoError> errors)
    {
        foreach (var rule in module.Rules)
        {
            if (rule.Head.Name is "input" or "data")
                errors.Add(new RegoError(RegoErrorCodes.CompileError, $"rules must not shadow {rule.Head.Name} (use a different rule name)", rule.Location));
            if (rule.Head.Args is not { } args) continue;
            foreach (var a in args)
            {
                var root = a switch
                {
                    VarTerm v => v,
                    RefTerm { Head: VarTerm h, Path.Count: 0 } => h,
                    _ => null,
                };
                if (root is { Name: "input" or "data" })
                    errors.Add(new RegoError(RegoErrorCodes.CompileError, $"args must not shadow {root.Name} (use a different variable name)", a.Location));
            }
        }
    }

    private static string ImportText(Import imp) =>
        "import " + RefText(imp.Path) + (imp.Alias is null ? "" : " as " + imp.Alias);

    private static string RefText(RefTerm r)
    {
        var text = r.Head is VarTerm v ? v.Name : "";
        foreach (var p in r.Path)
        {
            if (p is ScalarTerm { Value: StringValue s }) text += RefSegmentText.Of(s.Value);
            else if (p is ScalarTerm sc) text += "[" + sc.Value.ToJson() + "]";
            else if (p is VarTerm pv) text += "[" + pv.Name + "]";
        }
        return text;
    }

    // ------------------------------------------------------------------ unused local variables

    private static void CheckUnusedVars(Rule rule, List<RegoError> errors)
    {
        // Declarations: the variables a := or some introduces (by their declaring occurrences).
        var declared = new List<(VarTerm Var, bool Assigned)>();
        var declaring = new HashSet<VarTerm>(ReferenceEqualityComparer.Instance);
        AstWalk.Rule(rule, _ => { }, e =>
        {
            switch (e)
            {
                case SomeDeclExpr some:
                    foreach (var v in some.Vars) Declare(v, false);
                    break;
                case SomeInExpr someIn:
                    if (someIn.Key is { } k) AstWalk.Vars(k, v => Declare(v, false));
                    AstWalk.Vars(someIn.Value, v => Declare(v, false));
                    break;
                case TermExpr { Term: CallTerm { OperatorName: "assign", Args: [var lhs, _] } }:
                    AstWalk.Vars(lhs, v => Declare(v, true));
                    break;
            }
        });
        if (declared.Count == 0) return;

        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        AstWalk.Rule(rule, v =>
        {
            if (!declaring.Contains(v)) uses[v.Name] = uses.GetValueOrDefault(v.Name) + 1;
        }, _ => { });
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (v, assigned) in declared)
        {
            if (uses.ContainsKey(v.Name) || !reported.Add(v.Name)) continue;
            errors.Add(new RegoError(RegoErrorCodes.CompileError, $"{(assigned ? "assigned" : "declared")} var {v.Name} unused", v.Location));
        }

        void Declare(VarTerm v, bool assigned)
        {
            if (v.IsWildcard || v.Name.StartsWith('$')) return;
            declaring.Add(v);
            declared.Add((v, assigned));
        }
    }

    // A function argument must be used by the definition: in its body or head, or in any of its else branches
    // (OPA relaxed the check to "any branch"). Each definition of a function is checked on its own.
    private static void CheckUnusedArgs(Rule rule, List<RegoError> errors)
    {
        if (rule.Head.Args is not { Count: > 0 } args) return;
        var argVars = new List<VarTerm>();
        var argOccurrences = new HashSet<VarTerm>(ReferenceEqualityComparer.Instance);
        foreach (var a in args)
        {
            AstWalk.Vars(a, v =>
            {
                argOccurrences.Add(v);
                if (!v.IsWildcard && !v.Name.StartsWith('$')) argVars.Add(v);
            });
        }
        if (argVars.Count == 0) return;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var r = rule; r is not null; r = r.Else)
        {
            // An else branch repeats the arguments in its own head: those occurrences are not uses either.
            if (r.Head.Args is { } own) foreach (var a in own) AstWalk.Vars(a, v => argOccurrences.Add(v));
            AstWalk.Rule(r, v =>
            {
                if (!argOccurrences.Contains(v)) used.Add(v.Name);
            }, _ => { });
        }
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in argVars)
        {
            if (used.Contains(v.Name) || !reported.Add(v.Name)) continue;
            errors.Add(new RegoError(RegoErrorCodes.CompileError, $"unused argument {v.Name}. (hint: use _ (wildcard variable) instead)", v.Location));
        }
    }

    // ------------------------------------------------------------------ deprecated builtins, shadowed roots

    private static void CheckBodies(Rule rule, BuiltinRegistry builtins, HashSet<string> ruleNames, List<RegoError> errors)
    {
        CheckShadowingAssignments(rule, errors);
        CheckDeprecatedCalls(rule, builtins, ruleNames, errors);
    }

    private static void CheckShadowingAssignments(Rule rule, List<RegoError> errors)
    {
        AstWalk.Rule(rule, _ => { }, e =>
        {
            if (e is TermExpr { Term: CallTerm { OperatorName: "assign", Args: [var lhs, _] } })
            {
                AstWalk.Vars(lhs, v =>
                {
                    if (v.Name is "input" or "data")
                        errors.Add(new RegoError(RegoErrorCodes.CompileError, $"variables must not shadow {v.Name} (use a different variable name)", v.Location));
                });
            }
        });
    }

    private static void CheckDeprecatedCalls(Rule rule, BuiltinRegistry builtins, HashSet<string> ruleNames, List<RegoError> errors)
    {
        AstWalk.Rule(rule, _ => { }, e =>
        {
            AstWalk.Calls(e, call =>
            {
                if (call.OperatorName is { } name && !ruleNames.Contains(name)
                    && builtins.TryGet(name, out var builtin) && builtin.Deprecated)
                {
                    errors.Add(new RegoError(RegoErrorCodes.TypeError, $"deprecated built-in function calls in expression: {name}", e.Location));
                }
            });
        });
    }
}
