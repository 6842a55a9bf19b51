namespace Conductor.Evidence.Tests.Bundles;

/// <summary>
/// A release workspace on disk: keys made by `conductor keys generate`, artifacts (a directory tree and a loose
/// file), and a SQLite ledger under data/. Everything goes through the real CLI.
/// </summary>
internal sealed class EvidenceFixture : IDisposable
{
    public EvidenceFixture(string ledgerKeyType = "ecdsa-p256")
    {
        Run("keys", "generate", "--out", Dir.File("keys"));
        Run("keys", "generate", "--out", Dir.File("ledger-keys"), "--type", ledgerKeyType);
        Directory.CreateDirectory(Dir.File("artifacts/docs"));
        File.WriteAllText(Dir.File("artifacts/app.tar.gz"), "pretend tarball\n");
        File.WriteAllText(Dir.File("artifacts/docs/README.md"), "# Release notes\n");
        File.WriteAllText(Dir.File("artifacts/docs/sbom.spdx.json"), "{\"spdxVersion\":\"SPDX-2.3\"}\n");
        File.WriteAllBytes(Dir.File("artifacts/internal.bin"), Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray());
        File.WriteAllText(Dir.File("CHANGELOG.txt"), "1.0.0: first\n");
    }

    public TempDirectory Dir { get; } = new();

    public string PrivateKey => Dir.File("keys/private.pem");
    public string PublicKey => Dir.File("keys/public.pem");
    public string LedgerPrivateKey => Dir.File("ledger-keys/private.pem");
    public string LedgerPublicKey => Dir.File("ledger-keys/public.pem");
    public string Artifacts => Dir.File("artifacts");

    /// <summary>Builds release <paramref name="release"/> into <paramref name="output"/> and returns it.</summary>
    public string Build(string release, string output, string data = "data", string timestamp = "2026-11-01T12:00:00Z")
    {
        var outDir = Dir.File(output);
        Run("evidence", "build", "--release", release, "--key", PrivateKey, "--ledger-key", LedgerPrivateKey,
            "--data", Dir.File(data), "--out", outDir, "--timestamp", timestamp, Artifacts, Dir.File("CHANGELOG.txt"));
        return outDir;
    }

    public (int Code, string Stdout, string Stderr) Verify(string bundleDir, bool withArtifacts = true)
    {
        var args = new List<string> { "evidence", "verify", bundleDir, "--key", PublicKey, "--ledger-key", LedgerPublicKey };
        if (withArtifacts) args.AddRange(["--artifacts", Dir.File("all-artifacts")]);
        return CliRunner.Run(args.ToArray());
    }

    /// <summary>The artifacts as verify --artifacts expects them: by manifest name, in one folder.</summary>
    public void CollectArtifacts()
    {
        var all = Dir.File("all-artifacts");
        CopyTree(Artifacts, all);
        File.Copy(Dir.File("CHANGELOG.txt"), Path.Combine(all, "CHANGELOG.txt"), overwrite: true);
    }

    public static string Run(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        if (code != 0) throw new InvalidOperationException($"conductor {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose() => Dir.Dispose();
}
