using Conductor.Rego.Syntax;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>Exact shapes of packages, imports and every rule form, in v1 and v0.</summary>
public sealed class ModuleParseTests
{
    private static readonly RegoParseOptions V0 = new() { Version = RegoVersion.V0 };

    private static string Rules(string rules, RegoParseOptions? options = null)
    {
        var module = RegoParser.ParseModule("p.rego", "package p\n" + rules, options);
        return string.Join("\n", module.Rules.Select(AstText.Of));
    }

    [Theory]
    [InlineData("p := 1", "complete ref(p) := 1 {  }")]
    [InlineData("p = 1", "complete ref(p) = 1 {  }")]
    [InlineData("p := {\"a\": [1, x]}", "complete ref(p) := {\"a\": [1, x]} {  }")]
    [InlineData("p if { x }", "complete ref(p) { x }")]
    [InlineData("p if x > 1", "complete ref(p) { call(gt, x, 1) }")]
    [InlineData("p if every x in xs { x }", "complete ref(p) { every(x, xs) { x } }")]
    [InlineData("p if {}", "complete ref(p) { {} }")]
    [InlineData("p if {\"a\": 1}[\"a\"]", "complete ref(p) { ref({\"a\": 1}, \"a\") }")]
    [InlineData("p if {1} == {1}", "complete ref(p) { call(equal, set(1), set(1)) }")]
    [InlineData("p if { x | y }", "complete ref(p) { set(x | y) }")]
    [InlineData("p if { (x | y) }", "complete ref(p) { call(or, x, y) }")]
    [InlineData("p if { a == b | c }", "complete ref(p) { call(equal, a, call(or, b, c)) }")]
    [InlineData("p := x if { x := 1; true }", "complete ref(p) := x { call(assign, x, 1); true }")]
    [InlineData("p = x if {\n  x := 1\n  true\n}", "complete ref(p) = x { call(assign, x, 1); true }")]
    [InlineData("default p := false", "default complete ref(p) := false {  }")]
    [InlineData("default p = {\"a\": [1]}", "default complete ref(p) = {\"a\": [1]} {  }")]
    [InlineData("default p := [x | x := 1]", "default complete ref(p) := [x | call(assign, x, 1)] {  }")]
    [InlineData("default f(_) := 1", "default func ref(f)(_) := 1 {  }")]
    [InlineData("p contains x if { x := 1 }", "set ref(p) contains x { call(assign, x, 1) }")]
    [InlineData("p contains \"a\"", "set ref(p) contains \"a\" {  }")]
    [InlineData("p contains x if some x in xs", "set ref(p) contains x { somein(x, xs) }")]
    [InlineData("p.q contains x if { x := 1 }", "set ref(p, \"q\") contains x { call(assign, x, 1) }")]
    [InlineData("p[x] := y if { y := x }", "complete ref(p, x) := y { call(assign, y, x) }")]
    [InlineData("p[x] if { x := 1 }", "complete ref(p, x) { call(assign, x, 1) }")]
    [InlineData("p.q[x].r := 1 if { x := 1 }", "complete ref(p, \"q\", x, \"r\") := 1 { call(assign, x, 1) }")]
    [InlineData("a.b.c := 1", "complete ref(a, \"b\", \"c\") := 1 {  }")]
    [InlineData("p[\"a\"] := 1", "complete ref(p, \"a\") := 1 {  }")]
    [InlineData("a.b.c if true", "complete ref(a, \"b\", \"c\") { true }")]
    [InlineData("f(x) := y if { y := x }", "func ref(f)(x) := y { call(assign, y, x) }")]
    [InlineData("f(x, y) = z if z := x + y", "func ref(f)(x, y) = z { call(assign, z, call(plus, x, y)) }")]
    [InlineData("f(x) if x > 1", "func ref(f)(x) { call(gt, x, 1) }")]
    [InlineData("f(1) := 2", "func ref(f)(1) := 2 {  }")]
    [InlineData("f([a, b], {\"k\": v}) := a", "func ref(f)([a, b], {\"k\": v}) := a {  }")]
    [InlineData("a.b.f(x) := x", "func ref(a, \"b\", \"f\")(x) := x {  }")]
    [InlineData("f(x) := 1 if x == 1\nf(x) := 2 if x == 2", "func ref(f)(x) := 1 { call(equal, x, 1) }\nfunc ref(f)(x) := 2 { call(equal, x, 2) }")]
    [InlineData("p := 1 if { a } else := 2 if { b } else := 3",
        "complete ref(p) := 1 { a } else complete ref(p) := 2 { b } else complete ref(p) := 3 {  }")]
    [InlineData("p if { a } else if { b }", "complete ref(p) { a } else complete ref(p) { b }")]
    [InlineData("p if a else = false", "complete ref(p) { a } else complete ref(p) = false {  }")]
    [InlineData("f(x) := 1 if x > 0 else := 0", "func ref(f)(x) := 1 { call(gt, x, 0) } else func ref(f)(x) := 0 {  }")]
    [InlineData("p if { a } { b }", "complete ref(p) { a }\ncomplete ref(p) { b }")]
    [InlineData("p := [1, 2]\nq := {1}\nr := {}", "complete ref(p) := [1, 2] {  }\ncomplete ref(q) := set(1) {  }\ncomplete ref(r) := {} {  }")]
    [InlineData("p := x if {\n  some x in [1, 2]\n  x > 1\n} # done", "complete ref(p) := x { somein(x, [1, 2]); call(gt, x, 1) }")]
    [InlineData("p if { x with input as 1 }", "complete ref(p) { x with ref(input) as 1 }")]
    public void ParsesV1Rules(string source, string expected) => Assert.Equal(expected, Rules(source));

    [Theory]
    [InlineData("p { x }", "complete ref(p) { x }")]
    [InlineData("p[x] { x := 1 }", "set ref(p) contains x { call(assign, x, 1) }")]
    [InlineData("p.q { true }", "set ref(p) contains \"q\" { true }")]
    [InlineData("p[k] = v { k := 1; v := 2 }", "complete ref(p, k) = v { call(assign, k, 1); call(assign, v, 2) }")]
    [InlineData("f(x) = y { y := x }", "func ref(f)(x) = y { call(assign, y, x) }")]
    [InlineData("f(x) { x }", "func ref(f)(x) { x }")]
    [InlineData("p { a } { b }", "complete ref(p) { a }\ncomplete ref(p) { b }")]
    [InlineData("p = 1 { a } else = 2 { b } else = 3", "complete ref(p) = 1 { a } else complete ref(p) = 2 { b } else complete ref(p) = 3 {  }")]
    [InlineData("p { a } else { b }", "complete ref(p) { a } else complete ref(p) { b }")]
    [InlineData("p[1]", "set ref(p) contains 1 {  }")]
    [InlineData("a.b.c", "complete ref(a, \"b\", \"c\") {  }")]
    [InlineData("f(1)", "func ref(f)(1) {  }")]
    [InlineData("default p = 1", "default complete ref(p) = 1 {  }")]
    [InlineData("p = x { x := if }", "complete ref(p) = x { call(assign, x, if) }")]
    public void ParsesV0Rules(string source, string expected) => Assert.Equal(expected, Rules(source, V0));

    [Fact]
    public void PackageAndImports()
    {
        var m = RegoParser.ParseModule("m.rego", """
            package a.b["c-d"]

            import data.x.y
            import data.a["b"] as c
            import input.z
            import input
            import rego.v1
            import future.keywords
            import future.keywords.in
            """);
        Assert.Equal(["a", "b", "c-d"], m.Package.Path);
        Assert.Equal("data.a.b.c-d", m.Package.ToString());
        Assert.Equal(new SourceLocation("m.rego", 1, 1), m.Package.Location);
        Assert.Equal(["ref(data, \"x\", \"y\")", "ref(data, \"a\", \"b\")", "ref(input, \"z\")", "ref(input)", "ref(rego, \"v1\")", "ref(future, \"keywords\")", "ref(future, \"keywords\", \"in\")"],
            m.Imports.Select(i => AstText.Of(i.Path)));
        Assert.Equal([null, "c", null, null, null, null, null], m.Imports.Select(i => i.Alias));
        Assert.Equal(new SourceLocation("m.rego", 4, 1), m.Imports[1].Location);
        Assert.Equal(RegoVersion.V1, m.Version);
        Assert.Empty(m.Rules);
    }

    [Fact]
    public void V0ModuleVersionAndRegoV1Import()
    {
        Assert.Equal(RegoVersion.V0, RegoParser.ParseModule("m", "package p\np { true }", V0).Version);
        var m = RegoParser.ParseModule("m", "package p\nimport rego.v1\np contains x if { x := 1 }", V0);
        Assert.Equal(RegoVersion.V1, m.Version);
        var e = Assert.Throws<RegoException>(() => RegoParser.ParseModule("m", "package p\nimport rego.v1\np { true }", V0));
        Assert.Equal("m:3: rego_parse_error: `if` keyword is required before rule body", e.Message);
    }

    [Fact]
    public void V0FutureKeywordImportsEnableOnlyWhatTheyName()
    {
        var m = RegoParser.ParseModule("m", "package p\nimport future.keywords.in\np { 1 in [1] }", V0);
        Assert.Equal("complete ref(p) { call(internal.member_2, 1, [1]) }", AstText.Of(m.Rules[0]));
        var ifRule = RegoParser.ParseModule("m", "package p\nimport future.keywords.if\np if { true }\nq { true }", V0);
        Assert.Equal(2, ifRule.Rules.Count);
        Assert.Throws<RegoException>(() => RegoParser.ParseModule("m", "package p\nimport future.keywords.if\np { 1 in [1] }", V0));
    }

    [Fact]
    public void RuleTextAndLocations()
    {
        var src = "package p\n\n# c\np := x if {\n  x := 1\n} else := 2\n\nq contains 1\ndefault r := 1\n";
        var m = RegoParser.ParseModule("f.rego", src);
        Assert.Equal("p := x if {\n  x := 1\n} else := 2", m.Rules[0].Text);
        Assert.Equal(new SourceLocation("f.rego", 4, 1), m.Rules[0].Location);
        Assert.Equal("else := 2", m.Rules[0].Else!.Text);
        Assert.Equal(new SourceLocation("f.rego", 6, 3), m.Rules[0].Else!.Location);
        Assert.Equal("x := 1", m.Rules[0].Body.Exprs[0].Text);
        Assert.Equal(new SourceLocation("f.rego", 5, 3), m.Rules[0].Body.Exprs[0].Location);
        Assert.Equal("q contains 1", m.Rules[1].Text);
        Assert.Equal("default r := 1", m.Rules[2].Text);
        Assert.Equal(new SourceLocation("f.rego", 9, 1), m.Rules[2].Location);
        Assert.Single(m.Comments);
        Assert.Equal(" c", m.Comments[0].Text);
        Assert.Equal(new SourceLocation("f.rego", 3, 1), m.Comments[0].Location);
    }

    [Fact]
    public void ExtraBodiesAreRulesLocatedAtTheirBody()
    {
        var m = RegoParser.ParseModule("f", "package p\np { a }\n  { b }", V0);
        Assert.Equal(2, m.Rules.Count);
        Assert.Equal("{ b }", m.Rules[1].Text);
        Assert.Equal(new SourceLocation("f", 3, 3), m.Rules[1].Location);
        Assert.Equal("p", m.Rules[1].Head.Name);
    }

    [Fact]
    public void CommentsAreDroppedWhenAnnotationsAreNotProcessed()
    {
        var m = RegoParser.ParseModule("f", "# METADATA\n# title: x\npackage p", new RegoParseOptions { ProcessAnnotations = false });
        Assert.Empty(m.Comments);
        var kept = RegoParser.ParseModule("f", "# METADATA\n# title: x\npackage p");
        Assert.Equal([" METADATA", " title: x"], kept.Comments.Select(c => c.Text));
    }

    [Fact]
    public void HeadNameAndKinds()
    {
        var m = RegoParser.ParseModule("f", "package p\na.b[x] := 1 if x := 2\ns contains 1\nf(x) := x");
        Assert.Equal(["a", "s", "f"], m.Rules.Select(r => r.Head.Name));
        Assert.Equal([RuleKind.Complete, RuleKind.PartialSet, RuleKind.Function], m.Rules.Select(r => r.Head.Kind));
        Assert.True(m.Rules[0].Head.Assign);
        Assert.Null(m.Rules[0].Head.Args);
        Assert.Null(m.Rules[1].Head.Value);
    }

    [Fact]
    public void CrLfLineEndingsAndByteOrderMark()
    {
        var m = RegoParser.ParseModule("w.rego", "\uFEFFpackage p\r\n\r\n# note\r\np if {\r\n  a\r\n  b\r\n}\r\n");
        Assert.Equal("complete ref(p) { a; b }", AstText.Of(m.Rules[0]));
        Assert.Equal(" note", m.Comments[0].Text);
        Assert.Equal(new SourceLocation("w.rego", 6, 3), m.Rules[0].Body.Exprs[1].Location);
        Assert.Equal("p if {\r\n  a\r\n  b\r\n}", m.Rules[0].Text);
    }

    [Fact]
    public void RowsStayRightAfterMultiLineRawStrings()
    {
        var m = RegoParser.ParseModule("r.rego", "package p\nq := `line1\nline2\nline3`\nr := 1");
        Assert.Equal("complete ref(q) := \"line1\\nline2\\nline3\" {  }", AstText.Of(m.Rules[0]));
        Assert.Equal(new SourceLocation("r.rego", 5, 1), m.Rules[1].Location);
    }

    [Fact]
    public void CommentsInsideBodiesSeparateNothing()
    {
        var m = RegoParser.ParseModule("c.rego", "package p\np if { # first\n  a # after a\n  # alone\n  b }");
        Assert.Equal("complete ref(p) { a; b }", AstText.Of(m.Rules[0]));
        Assert.Equal([" first", " after a", " alone"], m.Comments.Select(c => c.Text));
        Assert.Equal(["a", "b"], m.Rules[0].Body.Exprs.Select(e => e.Text));
    }

    [Fact]
    public void ImportsMayFollowRules()
    {
        var m = RegoParser.ParseModule("i.rego", "package p\np := 1\nimport data.x\nq := 2");
        Assert.Single(m.Imports);
        Assert.Equal(2, m.Rules.Count);
    }
}
