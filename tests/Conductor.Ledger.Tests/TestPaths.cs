namespace Conductor.Ledger.Tests;

/// <summary>Locations the tests need: the repository root (found from the test assembly), shared conformance data, the CLI.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string MerkleVectors => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "merkle", "testdata"));

    /// <summary>conductor.dll, copied beside the tests because the test project references Conductor.Cli.</summary>
    public static string ConductorDll => Path.Combine(AppContext.BaseDirectory, "conductor.dll");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conductor.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Conductor.slnx not found above {AppContext.BaseDirectory}");
    }
}
