namespace Conductor.Evidence.Tests;

/// <summary>Locates the repository and the shared conformance data beside it.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string SigstoreConformance => Path.Combine(Shared, "conformance", "sigstore");

    public static string BundleVerifyCases => Path.Combine(SigstoreConformance, "bundle-verify");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Conductor.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Conductor.slnx not found above the test binaries");
    }
}
