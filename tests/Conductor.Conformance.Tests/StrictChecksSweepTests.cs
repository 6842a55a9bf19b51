using Conductor.Rego;
using Conductor.Rego.Builtins;
using Conductor.Rego.Compilation;
using Conductor.Rego.Syntax;

namespace Conductor.Conformance.Tests;

/// <summary>
/// The strict-mode pass over every module of the conformance cases: it must never fail on valid Rego (every problem
/// is a located error), and the errors it reports are only OPA's strict-mode codes.
/// </summary>
public sealed class StrictChecksSweepTests
{
    [Fact]
    public void StrictChecksRunOnEveryConformanceModuleWithoutFailing()
    {
        var checkedModules = 0;
        foreach (var c in ConformanceSuite.Get().Cases.Values)
        {
            var modules = new List<Module>();
            for (var i = 0; i < c.Modules.Count; i++)
            {
                if (TryParse($"test-{i}.rego", c.Modules[i], c.Version) is { } m) modules.Add(m);
                else if (TryParse($"test-{i}.rego", c.Modules[i], RegoVersion.V0) is { } v0) modules.Add(v0);
            }
            var errors = StrictChecks.Check(modules, BuiltinRegistry.Default);
            checkedModules += modules.Count;
            Assert.All(errors, e =>
            {
                Assert.Contains(e.Code, new[] { RegoErrorCodes.CompileError, RegoErrorCodes.TypeError });
                Assert.NotNull(e.Location);
            });
        }
        Assert.True(checkedModules > 650, $"only {checkedModules} modules checked");
    }

    // Cases about parse errors have nothing for the strict pass to look at; v0-syntax cases parse as v0.
    private static Module? TryParse(string file, string text, RegoVersion version)
    {
        try
        {
            return RegoParser.ParseModule(file, text, RegoParseOptions.Default with { Version = version });
        }
        catch (RegoException)
        {
            return null;
        }
    }
}
