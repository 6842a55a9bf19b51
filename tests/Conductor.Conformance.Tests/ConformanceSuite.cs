using Conductor.Conformance;

namespace Conductor.Conformance.Tests;

/// <summary>
/// The conformance cases of ../shared/conformance/{opa,rego-cpp}, run once for the whole test class, in
/// parallel (cases are independent), so each xunit test only looks its outcome up.
/// </summary>
public static class ConformanceSuite
{
    private static readonly Lazy<Catalog> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public sealed record Catalog(
        string ConformanceRoot,
        IReadOnlyDictionary<string, ConformanceCase> Cases,
        KnownFailures KnownFailures,
        IReadOnlyList<string> UnknownKnownFailures,
        Lazy<IReadOnlyDictionary<string, ConformanceOutcome>> Outcomes);

    public static Catalog Get() => Instance.Value;

    /// <summary>The repository root: the nearest directory above the test binaries holding Conductor.slnx.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conductor.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Conductor.slnx not found above " + AppContext.BaseDirectory);
    }

    private static Catalog Load()
    {
        var repo = RepositoryRoot();
        var root = Path.GetFullPath(Path.Combine(repo, "..", "shared", "conformance"));
        var cases = ConformanceCaseLoader.Load([Path.Combine(root, "opa"), Path.Combine(root, "rego-cpp")], root);
        var byKey = new Dictionary<string, ConformanceCase>(StringComparer.Ordinal);
        foreach (var c in cases) byKey[c.Key] = c;
        var listFile = Path.Combine(repo, "tests", "Conductor.Conformance.Tests", "known-failures.txt");
        var known = KnownFailures.Parse(File.ReadAllLines(listFile), byKey.Keys.ToHashSet(StringComparer.Ordinal), out var unknown);
        var outcomes = new Lazy<IReadOnlyDictionary<string, ConformanceOutcome>>(() =>
        {
            var runner = new ConformanceRunner { Parallelism = Math.Max(2, Environment.ProcessorCount) };
            return runner.RunAll(cases).ToDictionary(o => o.Case.Key, StringComparer.Ordinal);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        return new Catalog(root, byKey, known, unknown, outcomes);
    }
}
