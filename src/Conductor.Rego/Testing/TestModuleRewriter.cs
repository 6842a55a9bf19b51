using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Testing;

/// <summary>
/// Prepares modules for a test run the way <c>opa test</c>'s compiler stages do, so every test definition runs and
/// reports on its own:
/// <list type="bullet">
/// <item>A test rule defined more than once in a package (<c>test_x if { a }</c> … <c>test_x if { b }</c>) would
/// otherwise be one rule that passes when any definition passes. The second and later definitions are renamed
/// <c>test_x#01</c>, <c>test_x#02</c>… and run as tests of their own (a <c>default</c> rule keeps its name and
/// does not count as a definition).</item>
/// <item>A parameterized test (<c>test_x[tc.note] if { some tc in cases; … }</c>, a ref head with a part after the
/// test name) gets a call <c>internal.test_case([tc.note])</c> unless it already calls it, placed after the
/// declarations of the variables the case name uses; safety ordering runs it as soon as they are bound, so a case
/// whose later expressions fail is still known, and reported as failed.</item>
/// </list>
/// Rules that are neither are returned as they are; the rewritten rules keep their source locations.
/// </summary>
public static class TestModuleRewriter
{
    /// <summary>The builtin injected into parameterized tests.</summary>
    public const string TestCaseBuiltin = "internal.test_case";

    /// <summary>Returns the modules with duplicate test names numbered and test-case calls injected.</summary>
    public static IReadOnlyList<Module> Rewrite(IReadOnlyList<Module> modules)
    {
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Module>(modules.Count);
        foreach (var module in modules.OrderBy(m => m.File, StringComparer.Ordinal))
        {
            var changed = false;
            var rules = new List<Rule>(module.Rules.Count);
            foreach (var rule in module.Rules)
            {
                var rewritten = RewriteRule(module, rule, count);
                changed |= !ReferenceEquals(rewritten, rule);
                rules.Add(rewritten);
            }
            result.Add(changed
                ? new Module(module.File, module.Package, module.Imports, rules, module.Comments, module.Version)
                : module);
        }
        return result;
    }

    /// <summary>
    /// Where the test name sits in a rule's head ref: the index of the first ground segment (the head name is
    /// segment 0) that starts with <c>test_</c> or <c>todo_test_</c>, or -1 when the rule is not a test.
    /// </summary>
    public static int TestSegment(RuleHead head)
    {
        if (head.Kind == RuleKind.Function) return -1;
        if (IsTestName(head.Name)) return 0;
        for (var i = 0; i < head.Ref.Path.Count; i++)
        {
            if (head.Ref.Path[i] is not ScalarTerm { Value: StringValue s }) return -1;
            if (IsTestName(s.Value)) return i + 1;
        }
        return -1;
    }

    private static bool IsTestName(string name) =>
        name.StartsWith("test_", StringComparison.Ordinal) || name.StartsWith("todo_test_", StringComparison.Ordinal);

    /// <summary>The segments of a head ref up to and including the test name: <c>["test_x"]</c>, <c>["a", "test_b"]</c>.</summary>
    public static IReadOnlyList<string> TestPath(RuleHead head, int segment)
    {
        var path = new List<string>(segment + 1) { head.Name };
        for (var i = 0; i < segment; i++) path.Add(((StringValue)((ScalarTerm)head.Ref.Path[i]).Value).Value);
        return path;
    }

    private static Rule RewriteRule(Module module, Rule rule, Dictionary<string, int> count)
    {
        var segment = TestSegment(rule.Head);
        if (segment < 0) return rule;
        var path = TestPath(rule.Head, segment);
        var name = path[^1];
        var head = rule.Head;
        if (name.StartsWith("test_", StringComparison.Ordinal) && !rule.IsDefault)
        {
            var key = module.Package + "." + string.Join('.', path);
            count.TryGetValue(key, out var seen);
            count[key] = seen + 1;
            if (seen > 0) head = Renamed(head, segment, $"{name}#{seen:00}");
        }
        var body = rule.Body;
        var suffix = head.Ref.Path.Skip(segment).ToList();
        if (suffix.Count > 0 && name.StartsWith("test_", StringComparison.Ordinal) && !CallsTestCase(body))
        {
            var at = new SourceLocation(rule.Location.File, 0, 0); // row 0: never a coverable line
            var call = new CallTerm(
                new RefTerm(new VarTerm("internal", at), [new ScalarTerm(new StringValue("test_case"), at)], at),
                [new ArrayTerm(suffix, at)], at);
            var exprs = body.Exprs.ToList();
            exprs.Insert(InsertionPoint(body, suffix), new TermExpr(call, false, [], at, TestCaseBuiltin));
            body = new Body(exprs, body.Location);
        }
        if (ReferenceEquals(head, rule.Head) && ReferenceEquals(body, rule.Body)) return rule;
        return new Rule(head, body, rule.IsDefault, rule.Else, rule.Location, rule.Text);
    }

    // After the last expression that declares (some, some … in, :=) a variable the case name uses, so the call sees
    // those declarations; safety ordering then runs it as soon as its variables are bound.
    private static int InsertionPoint(Body body, IReadOnlyList<Term> suffix)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in suffix) Compilation.NameCollector.CollectTerm(t, used);
        var at = 0;
        for (var i = 0; i < body.Exprs.Count; i++)
        {
            var declared = new HashSet<string>(StringComparer.Ordinal);
            Compilation.NameCollector.CollectDeclared(new Body([body.Exprs[i]], body.Location), declared);
            if (declared.Overlaps(used)) at = i + 1;
        }
        return at;
    }

    private static RuleHead Renamed(RuleHead head, int segment, string newName)
    {
        RefTerm reference;
        if (segment == 0)
        {
            reference = new RefTerm(new VarTerm(newName, head.Ref.Head.Location), head.Ref.Path, head.Ref.Location);
        }
        else
        {
            var path = head.Ref.Path.ToArray();
            path[segment - 1] = new ScalarTerm(new StringValue(newName), path[segment - 1].Location);
            reference = new RefTerm(head.Ref.Head, path, head.Ref.Location);
        }
        return new RuleHead(reference, head.Kind, head.Args, head.Key, head.Value, head.Assign, head.Location);
    }

    private static bool CallsTestCase(Body body) =>
        body.Exprs.Any(e => e is TermExpr { Term: CallTerm { OperatorName: TestCaseBuiltin } });
}
