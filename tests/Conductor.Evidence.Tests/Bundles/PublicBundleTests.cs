using System.Diagnostics;
using System.Text.Json.Nodes;
using Conductor.Evidence.Bundles;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tests.Bundles;

/// <summary>
/// `conductor evidence redact` and the shipped verify.sh, run with bash and the system's (Debian's) openssl, jq
/// and sha256sum, exactly as a customer would.
/// </summary>
public sealed class PublicBundleTests
{
    private const string Rules = "{\"artifacts\": [\"internal.bin\"], \"fields\": [\"createdAt\", \"artifacts[].size\"]}";

    private static (EvidenceFixture Fixture, string PublicBundle) Redacted(string ledgerKeyType = "ecdsa-p256")
    {
        var fixture = new EvidenceFixture(ledgerKeyType);
        fixture.Build("0.9.0", "out-0");
        fixture.Build("0.9.1", "out-1");
        fixture.Build("0.9.2", "out-2");
        var bundle = fixture.Build("1.0.0", "out");
        File.WriteAllText(fixture.Dir.File("rules.json"), Rules);
        var publicBundle = fixture.Dir.File("public/EB-1.0.0.json");
        EvidenceFixture.Run("evidence", "redact", bundle, "--rules", fixture.Dir.File("rules.json"), "--key", fixture.PrivateKey, "--out", publicBundle);
        return (fixture, publicBundle);
    }

    private static (int Code, string Stdout, string Stderr) VerifySh(EvidenceFixture fixture, string publicBundle, string? artifacts = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(publicBundle)!, "verify.sh"));
        start.ArgumentList.Add(publicBundle);
        start.ArgumentList.Add(fixture.PublicKey);
        start.ArgumentList.Add(fixture.LedgerPublicKey);
        if (artifacts is not null) start.ArgumentList.Add(artifacts);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void ThePublicBundleHidesWhatTheRulesList()
    {
        var (fixture, publicBundle) = Redacted();
        using var _ = fixture;
        var node = JsonNode.Parse(File.ReadAllText(publicBundle))!;
        var artifacts = node["document"]!["artifacts"]!.AsArray();
        Assert.Equal(5, artifacts.Count);
        Assert.Equal(["CHANGELOG.txt", "app.tar.gz", "docs/README.md", "docs/sbom.spdx.json"],
            artifacts.Where(a => a!["name"] is not null).Select(a => (string)a!["name"]!).ToArray());
        Assert.All(artifacts.Where(a => a!["name"] is not null), a => Assert.StartsWith("sha256:", (string)a!["size"]!["redacted"]!));
        Assert.StartsWith("sha256:", (string)artifacts[4]!["redacted"]!);
        Assert.StartsWith("sha256:", (string)node["document"]!["createdAt"]!["redacted"]!);
        Assert.Equal("1.0.0", (string)node["document"]!["release"]!);
        var text = File.ReadAllText(publicBundle);
        Assert.DoesNotContain("internal.bin", text);
        Assert.DoesNotContain("2026-11-01T12:00:00Z", text);
    }

    [Fact]
    public void ASaltedCommitmentOpensWithItsSalt()
    {
        var (fixture, publicBundle) = Redacted();
        using var _ = fixture;
        var salts = JsonNode.Parse(File.ReadAllText(fixture.Dir.File("public/EB-1.0.0.salts.json")))!["salts"]!;
        var salt = Convert.FromHexString((string)salts["createdAt"]!);
        var commitment = (string)JsonNode.Parse(File.ReadAllText(publicBundle))!["document"]!["createdAt"]!["redacted"]!;
        Assert.Equal(commitment, PublicBundleRedactor.Commitment(salt, JsonValue.Create("2026-11-01T12:00:00Z")));
        Assert.NotEqual(commitment, PublicBundleRedactor.Commitment(salt, JsonValue.Create("2026-11-01T12:00:01Z")));
    }

    [Theory]
    [InlineData("ecdsa-p256")]
    [InlineData("ed25519")]
    public void VerifyShAcceptsTheUntamperedBundle(string ledgerKeyType)
    {
        var (fixture, publicBundle) = Redacted(ledgerKeyType);
        using var _ = fixture;
        fixture.CollectArtifacts();
        var (code, stdout, stderr) = VerifySh(fixture, publicBundle, fixture.Dir.File("all-artifacts"));
        Assert.True(code == 0, stderr);
        Assert.Equal(
            [
                "ok: public document signed by the release key",
                $"ok: manifest signature verifies over {EvidenceManifest.DigestOf(File.ReadAllBytes(fixture.Dir.File("out/manifest.json")))}",
                "ok: inclusion proof of entry 3 in the tree of size 4",
            ],
            stdout.Split('\n')[..3]);
        Assert.Contains("ok: 4 artifacts match", stdout);
        Assert.EndsWith("OK: the public evidence bundle verifies\n", stdout);
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "document", "FAIL: document: the signature does not verify with the release key" },
        { "manifestSignature", "FAIL: manifest signature: does not verify over sha256:" },
        { "entry", "FAIL: ledger entry: does not record sha256:" },
        { "proof", "FAIL: inclusion proof: leads to root " },
        { "checkpoint", "FAIL: checkpoint: the signature by 'conductor.ledger/" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void VerifyShRejectsATamperedBundle(string part, string message)
    {
        var (fixture, publicBundle) = Redacted();
        using var _ = fixture;
        var node = JsonNode.Parse(File.ReadAllText(publicBundle))!;
        switch (part)
        {
            case "document":
                node["document"]!["release"] = "1.0.1";
                break;
            case "manifestSignature":
                var signature = Convert.FromBase64String((string)node["manifestSignature"]!);
                signature[^3] ^= 1;
                node["manifestSignature"] = Convert.ToBase64String(signature);
                break;
            case "entry":
                node["ledger"]!["entry"] = Convert.ToBase64String("{\"manifest\":\"sha256:00\",\"release\":\"1.0.0\"}"u8);
                break;
            case "proof":
                var hash = (string)node["ledger"]!["proof"]![0]!;
                node["ledger"]!["proof"]![0] = (hash[0] == '0' ? "1" : "0") + hash[1..];
                break;
            case "checkpoint":
                node["ledger"]!["checkpoint"] = ((string)node["ledger"]!["checkpoint"]!).Replace("\n4\n", "\n5\n", StringComparison.Ordinal);
                break;
        }
        File.WriteAllText(publicBundle, node.ToJsonString());
        var (code, _, stderr) = VerifySh(fixture, publicBundle);
        Assert.Equal(1, code);
        Assert.StartsWith(message, stderr);
    }

    [Fact]
    public void VerifyShRejectsATamperedArtifact()
    {
        var (fixture, publicBundle) = Redacted();
        using var _ = fixture;
        fixture.CollectArtifacts();
        File.AppendAllText(fixture.Dir.File("all-artifacts/app.tar.gz"), "x");
        var (code, _, stderr) = VerifySh(fixture, publicBundle, fixture.Dir.File("all-artifacts"));
        Assert.Equal(1, code);
        Assert.StartsWith("FAIL: artifacts: some do not match", stderr);
    }

    [Fact]
    public void RulesWithUnknownFieldsAreRejected()
    {
        var e = Assert.Throws<EvidenceVerificationException>(() => RedactionRules.Parse("{\"fields\": [\"artifacts[].owner\"]}"u8));
        Assert.Equal("rules: field 'artifacts[].owner' is not a manifest field (release, createdAt, previous, artifacts[].name|sha256|size|mediaType)", e.Message);
        e = Assert.Throws<EvidenceVerificationException>(() => RedactionRules.Parse("{\"artefacts\": []}"u8));
        Assert.Equal("rules: unknown member 'artefacts' (expected artifacts, fields)", e.Message);
    }

    [Fact]
    public void ThePublicFileMustBeNamedEbId()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        File.WriteAllText(fixture.Dir.File("rules.json"), Rules);
        var (code, _, stderr) = CliRunner.Run("evidence", "redact", bundle, "--rules", fixture.Dir.File("rules.json"), "--key", fixture.PrivateKey, "--out", fixture.Dir.File("public.json"));
        Assert.Equal(2, code);
        Assert.Equal("error: --out must name a file EB-<id>.json, not 'public.json'" + Environment.NewLine, stderr);
    }
}
