namespace Conductor.Evidence.Tests.Sigstore;

/// <summary>Usage and error reporting of `conductor sigstore verify-bundle`.</summary>
public sealed class VerifyBundleCommandTests
{
    private static string Case(string name, string file) => Path.Combine(TestPaths.BundleVerifyCases, name, file);

    [Fact]
    public void KeyTogetherWithIdentityIsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle", "--bundle", Case("happy-path-v0.1", "bundle.sigstore.json"),
            "--key", Case("managed-key-and-trusted-root", "key.pub"), "--certificate-identity", "x", "--certificate-oidc-issuer", "y",
            Path.Combine(TestPaths.BundleVerifyCases, "a.txt"));
        Assert.Equal(2, code);
        Assert.Equal("error: give either --key or --certificate-identity with --certificate-oidc-issuer, not both" + Environment.NewLine, stderr);
    }

    [Fact]
    public void IdentityWithoutIssuerIsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle", "--bundle", Case("happy-path-v0.1", "bundle.sigstore.json"),
            "--certificate-identity", "x", Path.Combine(TestPaths.BundleVerifyCases, "a.txt"));
        Assert.Equal(2, code);
        Assert.Contains("--certificate-oidc-issuer", stderr);
    }

    [Fact]
    public void AWrongIdentityIsNamed()
    {
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle", "--bundle", Case("happy-path-v0.3", "bundle.sigstore.json"),
            "--certificate-identity", "someone@example.com", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
            Path.Combine(TestPaths.BundleVerifyCases, "a.txt"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: identity_mismatch: the certificate identity is 'https://github.com/sigstore-conformance/", stderr);
        Assert.Contains(", not 'someone@example.com'", stderr);
    }

    [Fact]
    public void AWrongIssuerIsNamed()
    {
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle", "--bundle", Case("happy-path-v0.3", "bundle.sigstore.json"),
            "--certificate-identity", "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
            "--certificate-oidc-issuer", "https://accounts.google.com", Path.Combine(TestPaths.BundleVerifyCases, "a.txt"));
        Assert.Equal(1, code);
        Assert.Equal("error: identity_mismatch: the certificate's OIDC issuer is 'https://token.actions.githubusercontent.com', not 'https://accounts.google.com'" + Environment.NewLine, stderr);
    }

    [Fact]
    public void AMissingBundleFileIsReportedNotThrown()
    {
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle", "--bundle", "/nonexistent/bundle.json",
            "--certificate-identity", "x", "--certificate-oidc-issuer", "y", Path.Combine(TestPaths.BundleVerifyCases, "a.txt"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: evidence_missing_input: cannot read the bundle /nonexistent/bundle.json", stderr);
    }

    [Fact]
    public void AMalformedDigestIsReadAsAMissingFile()
    {
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle", "--bundle", Case("happy-path-v0.3", "bundle.sigstore.json"),
            "--certificate-identity", "x", "--certificate-oidc-issuer", "y", "sha256:zz");
        Assert.Equal(1, code);
        Assert.StartsWith("error: evidence_missing_input: cannot read the artifact sha256:zz", stderr);
    }

    [Fact]
    public void ChecksAreReportedByTheLibrary()
    {
        var root = Conductor.Evidence.Sigstore.TrustedRoot.PublicGood;
        var verifier = new Conductor.Evidence.Sigstore.SigstoreBundleVerifier(root,
            Conductor.Evidence.Sigstore.SigstoreVerificationPolicy.ForIdentity(
                "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
                "https://token.actions.githubusercontent.com"));
        var result = verifier.Verify(new Conductor.Evidence.Verification.VerificationInput
        {
            Artifact = Conductor.Evidence.Verification.ArtifactReference.FromFile(Path.Combine(TestPaths.BundleVerifyCases, "a.txt")),
            Documents = [File.ReadAllBytes(Case("happy-path-v0.3", "bundle.sigstore.json"))],
        });
        Assert.True(result.Verified, result.Message);
        Assert.Equal(
        [
            "message signature verifies over the artifact",
            "tlog entry 0 (log index 79571823) records this signature, signer and artifact",
            "tlog entry 0 (log index 79571823): signed entry timestamp verifies, integrated at 2024-03-19T17:26:26.0000000Z",
            "tlog entry 0 (log index 79571823): inclusion proof leads to root Fnnj13Uu1jdksPc4HZLapKX329dVlD5+MGNsiqBq1XM= of tree size 75408393",
            "tlog entry 0 (log index 79571823): checkpoint signed by rekor.sigstore.dev commits to that root",
            "signing certificate chains to a trusted CA at 2024-03-19T17:26:26.0000000Z",
            "1 signed certificate timestamp(s) verify",
            "certificate identity 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main' from issuer 'https://token.actions.githubusercontent.com'",
        ], result.Checks);
    }
}
