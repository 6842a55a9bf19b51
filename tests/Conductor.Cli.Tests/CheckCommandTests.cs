using System.Text.RegularExpressions;

namespace Conductor.Cli.Tests;

/// <summary>`conductor check`: parse and compile errors as `opa check` lists them, and OPA's strict-mode checks.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ValidPoliciesPrintNothing()
    {
        var file = _dir.Write("ok.rego", "package ok\n\nallow if input.x == 1\n");
        var run = CliRun.Of("check", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out + run.Error);
    }

    [Fact]
    public void ErrorsOfEveryFileAreListed()
    {
        var a = _dir.Write("a.rego", "package a\n\np if { x }\n");
        var b = _dir.Write("b.rego", "package b\n\nq := 1\n\nr if {\n\tz == q\n}\n");
        var run = CliRun.Of("check", a, b);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("2 errors occurred:\n" +
            $"{a}:3: rego_unsafe_var_error: var x is unsafe\n" +
            $"{b}:6: rego_unsafe_var_error: var z is unsafe\n", run.Out);
    }

    [Fact]
    public void ParseErrorsOfEveryFileAreListed()
    {
        var a = _dir.Write("a.rego", "package a\n\np if {\n");
        var b = _dir.Write("b.rego", "package b\n\nq[x] { x := 1 }\n");
        var run = CliRun.Of("check", a, b);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches($"^\\d errors occurred:\n{Regex.Escape(a)}:\\d+: rego_parse_error: ", run.Out);
        Assert.Contains($"\n{b}:3: rego_parse_error: ", run.Out);
    }

    [Fact]
    public void SingleErrorUsesOpasOneLineForm()
    {
        var a = _dir.Write("a.rego", "package a\n\np if { x }\n");
        var run = CliRun.Of("check", a);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: {a}:3: rego_unsafe_var_error: var x is unsafe\n", run.Out);
    }

    [Fact]
    public void StrictModeReportsUnusedVariablesAndImports()
    {
        var file = _dir.Write("s.rego", """
            package s

            import data.lib.unused
            import data.lib.helpers

            p if {
            	x := 1
            	some y
            	input.a == 1
            	helpers.ok
            }

            q if {
            	z := 3
            	z == 3
            }

            """);
        Assert.Equal(0, CliRun.Of("check", file).ExitCode);
        var run = CliRun.Of("check", "--strict", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "3 errors occurred:\n" +
            $"{file}:3: rego_compile_error: import data.lib.unused unused\n" +
            $"{file}:7: rego_compile_error: assigned var x unused\n" +
            $"{file}:8: rego_compile_error: declared var y unused\n",
            run.Out);
    }

    [Fact]
    public void RegoV1AlwaysRejectsRootDocumentNamesBeforeAnythingElse()
    {
        var file = _dir.Write("v1.rego", """
            package v1

            input if true

            f(data) := 1

            p if any([true])

            q if {
            	input := 2
            	input == 2
            }

            """);
        var run = CliRun.Of("check", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "3 errors occurred:\n" +
            $"{file}:3: rego_compile_error: rules must not shadow input (use a different rule name)\n" +
            $"{file}:5: rego_compile_error: args must not shadow data (use a different variable name)\n" +
            $"{file}:10: rego_compile_error: variables must not shadow input (use a different variable name)\n",
            run.Out);
    }

    [Fact]
    public void RegoV1RejectsDeprecatedBuiltinsOnceEverythingElseCompiles()
    {
        var file = _dir.Write("dep.rego", "package dep\n\np if any([true])\n\nq if cast_string(\"a\") == \"a\"\n");
        var run = CliRun.Of("check", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "2 errors occurred:\n" +
            $"{file}:3: rego_type_error: deprecated built-in function calls in expression: any\n" +
            $"{file}:5: rego_type_error: deprecated built-in function calls in expression: cast_string\n",
            run.Out);
        var unsafeToo = _dir.Write("dep2.rego", "package dep2\n\np if any([true])\n\nq if x\n");
        Assert.Equal($"1 error occurred: {unsafeToo}:5: rego_unsafe_var_error: var x is unsafe\n", CliRun.Of("check", unsafeToo).Out);
    }

    [Fact]
    public void V0ModulesMayCallDeprecatedBuiltinsExceptInStrictMode()
    {
        var file = _dir.Write("v0.rego", "package v0\n\np { any([true]) }\n");
        Assert.Equal(0, CliRun.Of("check", "--v0-compatible", file).ExitCode);
        var run = CliRun.Of("check", "--v0-compatible", "--strict", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: {file}:3: rego_type_error: deprecated built-in function calls in expression: any\n", run.Out);
        var withImport = _dir.Write("v0v1.rego", "package v0v1\n\nimport rego.v1\n\np if any([true])\n");
        Assert.Equal(
            $"1 error occurred: {withImport}:5: rego_type_error: deprecated built-in function calls in expression: any\n",
            CliRun.Of("check", "--v0-compatible", withImport).Out);
    }

    [Fact]
    public void StrictModeReportsFunctionArgumentsNoBranchUses()
    {
        var file = _dir.Write("f.rego", """
            package f

            unused(x) := 1

            second(a, b) := a

            wildcard(a, _) := a

            branch(x) := 1 if { x > 1 } else := 2

            pattern(x, [y, z]) := y if { x; z == 1 }

            in_comprehension(xs) := [y | some y in xs]

            default fallback(_) := false

            default named(q) := false

            """);
        Assert.Equal(0, CliRun.Of("check", file).ExitCode);
        var run = CliRun.Of("check", "--strict", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "3 errors occurred:\n" +
            $"{file}:3: rego_compile_error: unused argument x. (hint: use _ (wildcard variable) instead)\n" +
            $"{file}:5: rego_compile_error: unused argument b. (hint: use _ (wildcard variable) instead)\n" +
            $"{file}:17: rego_compile_error: unused argument q. (hint: use _ (wildcard variable) instead)\n",
            run.Out);
    }

    [Fact]
    public void StrictModeReportsDuplicateImportsOnce()
    {
        var file = _dir.Write("d.rego", "package d\n\nimport data.x.lib\nimport data.y.lib\n\np if lib.ok\n");
        var run = CliRun.Of("check", "--strict", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"1 error occurred: {file}:4: rego_compile_error: import must not shadow import data.x.lib\n", run.Out);
    }

    [Fact]
    public void StrictModeRejectsShadowingInput()
    {
        var file = _dir.Write("i.rego", "package i\n\np if {\n\tinput := 2\n\tinput == 2\n}\n");
        var run = CliRun.Of("check", "--strict", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}:4: rego_compile_error: variables must not shadow input (use a different variable name)", run.Out);
    }

    [Fact]
    public void ManifestDeclaresV0FilesInADirectory()
    {
        _dir.Write("bundle/old.rego", "package old\n\nallowed[x] { x := input.y }\n");
        _dir.Write("bundle/new.rego", "package new\n\nallowed contains x if { x := input.y }\n");
        Assert.Equal(1, CliRun.Of("check", Path.Combine(_dir.Path, "bundle")).ExitCode);
        _dir.Write("bundle/.manifest", """{"file_rego_versions": {"/old.rego": 0}}""");
        var run = CliRun.Of("check", Path.Combine(_dir.Path, "bundle"));
        Assert.Equal("", run.Out);
        Assert.Equal(0, run.ExitCode);
    }
}
