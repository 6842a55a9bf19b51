namespace Conductor.Conformance.Tests;

/// <summary>
/// One test per conformance case: a case must pass unless known-failures.txt lists it, and a listed case that
/// passes fails until its line is removed, so the list only shrinks.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string> CaseKeys()
    {
        var data = new TheoryData<string>();
        foreach (var key in ConformanceSuite.Get().Cases.Keys.Order(StringComparer.Ordinal)) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseKeys))]
    public void Case(string key)
    {
        var suite = ConformanceSuite.Get();
        var outcome = suite.Outcomes.Value[key];
        var listed = suite.KnownFailures.TryGetReason(key, out var listedReason);
        if (outcome.Passed)
        {
            Assert.False(listed, $"{key} passes now: remove from known-failures (listed as: {listedReason})");
            return;
        }
        Assert.True(listed, $"{outcome.FailLine}");
    }

    [Fact]
    public void KnownFailuresNameExistingCases()
    {
        var suite = ConformanceSuite.Get();
        Assert.True(suite.UnknownKnownFailures.Count == 0,
            "known-failures.txt lines naming no case: " + string.Join(" | ", suite.UnknownKnownFailures));
    }

    [Fact]
    public void CasesAreFound()
    {
        // The shared data holds a few hundred cases in each suite; finding none means the path is wrong.
        var suite = ConformanceSuite.Get();
        Assert.Contains(suite.Cases.Keys, k => k.StartsWith("opa/v1/", StringComparison.Ordinal));
        Assert.Contains(suite.Cases.Keys, k => k.StartsWith("rego-cpp/", StringComparison.Ordinal));
    }
}
