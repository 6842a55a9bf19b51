using System.Security.Cryptography;

namespace Conductor.Evidence.Tests.Sigstore;

/// <summary>
/// Runs every case of sigstore-conformance's bundle-verify suite through `conductor sigstore verify-bundle`,
/// with the invocation the conformance harness uses: the case's bundle, its key or identity and issuer (the
/// defaults when the case has none), its trusted root when present, and its artifact (or ../a.txt).
/// </summary>
public sealed class SigstoreConformanceTests
{
    private const string DefaultIdentity =
        "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private const string DefaultIssuer = "https://token.actions.githubusercontent.com";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in CaseNames()) data.Add(name);
        return data;
    }

    private static List<string> CaseNames() =>
        Directory.GetDirectories(TestPaths.BundleVerifyCases).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void TheSuiteIsPresentAndComplete()
    {
        Assert.True(CaseNames().Count >= 47, $"expected the 47 bundle-verify cases under {TestPaths.BundleVerifyCases}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CaseGivesItsExpectedOutcome(string name)
    {
        if (KnownFailures().ContainsKey(name)) return;
        var directory = Path.Combine(TestPaths.BundleVerifyCases, name);
        AssertOutcome(name, Arguments(directory, ArtifactPath(directory)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CaseGivesItsExpectedOutcomeWhenTheArtifactIsGivenByDigest(string name)
    {
        if (KnownFailures().ContainsKey(name)) return;
        var directory = Path.Combine(TestPaths.BundleVerifyCases, name);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(ArtifactPath(directory))));
        AssertOutcome(name, Arguments(directory, digest));
    }

    [Fact]
    public void KnownFailuresNameRealCases()
    {
        var cases = CaseNames().ToHashSet();
        foreach (var name in KnownFailures().Keys) Assert.Contains(name, cases);
    }

    private static void AssertOutcome(string name, string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        if (name.EndsWith("_fail", StringComparison.Ordinal))
        {
            Assert.True(code == 1, $"{name} should be rejected with exit code 1 but exited {code}: {stdout}{stderr}");
            Assert.StartsWith("error: ", stderr);
        }
        else
        {
            Assert.True(code == 0, $"{name} should verify but exited {code}: {stderr}");
            Assert.Equal("OK: the bundle verifies" + Environment.NewLine, stdout);
        }
    }

    private static string ArtifactPath(string directory)
    {
        var own = Path.Combine(directory, "artifact");
        return File.Exists(own) ? own : Path.Combine(TestPaths.BundleVerifyCases, "a.txt");
    }

    private static string[] Arguments(string directory, string artifact)
    {
        var args = new List<string> { "sigstore", "verify-bundle", "--bundle", Path.Combine(directory, "bundle.sigstore.json") };
        var key = Path.Combine(directory, "key.pub");
        if (File.Exists(key))
        {
            args.AddRange(["--key", key]);
        }
        else
        {
            var identity = Path.Combine(directory, "identity");
            var issuer = Path.Combine(directory, "issuer");
            args.AddRange(["--certificate-identity", File.Exists(identity) ? File.ReadAllText(identity).Trim() : DefaultIdentity]);
            args.AddRange(["--certificate-oidc-issuer", File.Exists(issuer) ? File.ReadAllText(issuer).Trim() : DefaultIssuer]);
        }
        var root = Path.Combine(directory, "trusted_root.json");
        if (File.Exists(root)) args.AddRange(["--trusted-root", root]);
        args.Add(artifact);
        return args.ToArray();
    }

    private static Dictionary<string, string> KnownFailures()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "Conductor.Evidence.Tests", "sigstore-known-failures.txt");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            result[colon < 0 ? line.Trim() : line[..colon].Trim()] = colon < 0 ? "" : line[(colon + 1)..].Trim();
        }
        return result;
    }
}
