using System.Text.Json.Nodes;

namespace Conductor.Evidence.Tests.Sigstore;

/// <summary>
/// Checks no conformance case isolates: a happy-path bundle is rejected once the trusted root it is verified
/// against loses the CT logs, narrows a key's validity window, or drops the timestamp authorities.
/// </summary>
public sealed class TrustedRootWindowTests
{
    private const string Identity =
        "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private const string Issuer = "https://token.actions.githubusercontent.com";

    private static (int Code, string Stderr) VerifyWithRoot(string caseName, string rootFile, Action<JsonNode> edit)
    {
        using var dir = new TempDirectory();
        var root = JsonNode.Parse(File.ReadAllText(rootFile))!;
        edit(root);
        File.WriteAllText(dir.File("trusted_root.json"), root.ToJsonString());
        var (code, _, stderr) = CliRunner.Run("sigstore", "verify-bundle",
            "--bundle", Path.Combine(TestPaths.BundleVerifyCases, caseName, "bundle.sigstore.json"),
            "--certificate-identity", Identity, "--certificate-oidc-issuer", Issuer,
            "--trusted-root", dir.File("trusted_root.json"), Path.Combine(TestPaths.BundleVerifyCases, "a.txt"));
        return (code, stderr);
    }

    private static string PublicGood => Path.Combine(TestPaths.SigstoreConformance, "public-good-trusted_root.json");

    [Fact]
    public void TheUneditedRootVerifies()
    {
        Assert.Equal(0, VerifyWithRoot("happy-path-v0.3", PublicGood, _ => { }).Code);
    }

    [Fact]
    public void WithoutTrustedCtLogsTheSctIsRejected()
    {
        var (code, stderr) = VerifyWithRoot("happy-path-v0.3", PublicGood, root => root["ctlogs"] = new JsonArray());
        Assert.Equal(1, code);
        Assert.StartsWith("error: sct_invalid: no signed certificate timestamp verifies (SCT from unknown CT log ", stderr);
    }

    [Fact]
    public void AnIntegratedTimeAfterTheLogKeyExpiredIsRejected()
    {
        var (code, stderr) = VerifyWithRoot("happy-path-v0.3", PublicGood,
            root => root["tlogs"]![0]!["publicKey"]!["validFor"]!["end"] = "2024-01-01T00:00:00Z");
        Assert.Equal(1, code);
        Assert.Contains("tlog_entry_invalid: tlog entry 0 (log index 79571823): integrated time 2024-03-19T17:26:26.0000000Z is outside the validity of log https://rekor.sigstore.dev's key", stderr);
    }

    [Fact]
    public void ACertificateIssuedAfterTheCaWindowIsRejected()
    {
        var (code, stderr) = VerifyWithRoot("happy-path-v0.3", PublicGood, root =>
        {
            foreach (var ca in root["certificateAuthorities"]!.AsArray()) ca!["validFor"]!["end"] = "2023-01-01T00:00:00Z";
        });
        Assert.Equal(1, code);
        Assert.StartsWith("error: certificate_invalid: the signing certificate is not valid under a trusted Fulcio CA at the verified time 2024-03-19T17:26:26", stderr);
    }

    [Fact]
    public void WithoutTimestampAuthoritiesARekorV2BundleIsRejected()
    {
        var rootFile = Path.Combine(TestPaths.BundleVerifyCases, "rekor2-timestamp-with-embedded-cert", "trusted_root.json");
        Assert.Equal(0, VerifyWithRoot("rekor2-timestamp-with-embedded-cert", rootFile, _ => { }).Code);
        var (code, stderr) = VerifyWithRoot("rekor2-timestamp-with-embedded-cert", rootFile, root => root["timestampAuthorities"] = new JsonArray());
        Assert.Equal(1, code);
        Assert.Equal("error: timestamp_invalid: the trusted root has no timestamp authorities" + Environment.NewLine, stderr);
    }

    [Fact]
    public void ATimestampAfterTheTsaWindowIsRejected()
    {
        var rootFile = Path.Combine(TestPaths.BundleVerifyCases, "trust-root-tsa-validity-end-inclusive", "trusted_root.json");
        // The case's window ends exactly at the timestamp (inclusive, verifies); one second earlier it must not.
        var (code, stderr) = VerifyWithRoot("trust-root-tsa-validity-end-inclusive", rootFile,
            root => root["timestampAuthorities"]![0]!["validFor"]!["end"] = "2025-06-12T12:02:19Z");
        Assert.Equal(1, code);
        Assert.Contains("timestamp_invalid: the timestamp does not verify with any trusted timestamp authority (time 2025-06-12T12:02:20", stderr);
    }
}
