using System.Text;
using System.Text.Json.Nodes;
using Conductor.Evidence.Bundles;

namespace Conductor.Evidence.Tests.Bundles;

/// <summary>`conductor evidence build` and `verify`, end to end with a real SQLite ledger.</summary>
public sealed class EvidenceBuildVerifyTests
{
    [Fact]
    public void TwoBuildsOfTheSameInputsGiveByteIdenticalManifests()
    {
        using var fixture = new EvidenceFixture();
        var first = fixture.Build("1.0.0", "out-a", data: "data-a");
        var second = fixture.Build("1.0.0", "out-b", data: "data-b");
        var a = File.ReadAllBytes(Path.Combine(first, "manifest.json"));
        var b = File.ReadAllBytes(Path.Combine(second, "manifest.json"));
        Assert.Equal(a, b);
        Assert.Equal(
            "{\"artifacts\":[" +
            "{\"mediaType\":\"text/plain\",\"name\":\"CHANGELOG.txt\",\"sha256\":\"" + Sha("1.0.0: first\n") + "\",\"size\":13}," +
            "{\"mediaType\":\"application/gzip\",\"name\":\"app.tar.gz\",\"sha256\":\"" + Sha("pretend tarball\n") + "\",\"size\":16}," +
            "{\"mediaType\":\"text/markdown\",\"name\":\"docs/README.md\",\"sha256\":\"" + Sha("# Release notes\n") + "\",\"size\":16}," +
            "{\"mediaType\":\"application/spdx+json\",\"name\":\"docs/sbom.spdx.json\",\"sha256\":\"" + Sha("{\"spdxVersion\":\"SPDX-2.3\"}\n") + "\",\"size\":27}," +
            "{\"mediaType\":\"application/octet-stream\",\"name\":\"internal.bin\",\"sha256\":\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(fixture.Dir.File("artifacts/internal.bin")))) + "\",\"size\":70000}]," +
            "\"createdAt\":\"2026-11-01T12:00:00Z\",\"release\":\"1.0.0\"}",
            Encoding.UTF8.GetString(a));
    }

    [Fact]
    public void ReleasesChainToThePreviousManifest()
    {
        using var fixture = new EvidenceFixture();
        var first = fixture.Build("1.0.0", "out-1");
        var second = fixture.Build("1.1.0", "out-2");
        var firstDigest = EvidenceManifest.DigestOf(File.ReadAllBytes(Path.Combine(first, "manifest.json")));
        var manifest = EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(second, "manifest.json")));
        Assert.Equal(firstDigest, manifest.Previous);
        Assert.Null(EvidenceManifest.Parse(File.ReadAllBytes(Path.Combine(first, "manifest.json"))).Previous);
    }

    [Fact]
    public void AnUntamperedBundleVerifiesWithEveryCheckNamed()
    {
        using var fixture = new EvidenceFixture();
        fixture.Build("0.9.0", "out-0");
        fixture.Build("0.9.1", "out-1");
        var bundle = fixture.Build("1.0.0", "out");
        fixture.CollectArtifacts();
        var (code, stdout, stderr) = fixture.Verify(bundle);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        var lines = stdout.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("ok: manifest.json sha256:", lines[0]);
        Assert.EndsWith(" is the manifest recorded in ledger entry 2", lines[0]);
        Assert.Equal("ok: manifest.json.sig verifies over manifest.json", lines[1]);
        Assert.Equal("ok: inclusion proof: entry 2 is in the ledger tree of size 3", lines[2]);
        Assert.StartsWith("ok: checkpoint is signed by 'conductor.ledger/", lines[3]);
        Assert.Equal("ok: checkpoint commits to the inclusion proof's root", lines[4]);
        Assert.Equal("ok: 5 of 5 artifacts match the manifest", lines[5]);
        Assert.Equal("OK: the evidence bundle verifies", lines[6]);
    }

    [Fact]
    public void WithoutPinnedKeysVerificationWarns()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        var (code, _, stderr) = CliRunner.Run("evidence", "verify", bundle);
        Assert.Equal(0, code);
        Assert.Equal(
            "warning: the manifest key was taken from bundle.json; pass --key to check who signed" + Environment.NewLine +
            "warning: the ledger key was taken from bundle.json; pass --ledger-key to check the ledger's identity" + Environment.NewLine, stderr);
    }

    [Fact]
    public void AFlippedArtifactByteIsNamed()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        fixture.CollectArtifacts();
        FlipByte(fixture.Dir.File("all-artifacts/docs/README.md"), 3);
        var (code, _, stderr) = fixture.Verify(bundle);
        Assert.Equal(1, code);
        Assert.StartsWith("error: artifact 'docs/README.md': SHA-256 ", stderr);
        Assert.Contains($"is not the manifest's {Sha("# Release notes\n")} (16 bytes)", stderr);
    }

    [Fact]
    public void AMissingArtifactIsNamed()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        fixture.CollectArtifacts();
        File.Delete(fixture.Dir.File("all-artifacts/internal.bin"));
        var (code, _, stderr) = fixture.Verify(bundle);
        Assert.Equal(1, code);
        Assert.Equal($"error: artifact 'internal.bin': missing from {fixture.Dir.File("all-artifacts")}" + Environment.NewLine, stderr);
    }

    [Fact]
    public void AFlippedManifestByteIsNamed()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        // Byte 30 is inside the first artifact's media type ("text/plain"): the JSON stays valid, only the content changes.
        FlipByte(Path.Combine(bundle, "manifest.json"), 30);
        var (code, _, stderr) = fixture.Verify(bundle, withArtifacts: false);
        Assert.Equal(1, code);
        var lines = stderr.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("error: manifest.json: its digest sha256:", lines[0]);
        Assert.Contains("is not the one recorded in the ledger entry (sha256:", lines[0]);
        Assert.Equal("error: manifest.json.sig: the signature does not verify (manifest.json was altered)", lines[1]);
    }

    [Fact]
    public void AFlippedSignatureByteIsNamed()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        var path = Path.Combine(bundle, "manifest.json.sig");
        var signature = Convert.FromBase64String(File.ReadAllText(path).Trim());
        signature[^5] ^= 0x01;
        File.WriteAllText(path, Convert.ToBase64String(signature) + "\n");
        var (code, _, stderr) = fixture.Verify(bundle, withArtifacts: false);
        Assert.Equal(1, code);
        Assert.Equal("error: manifest.json.sig: the signature does not verify over manifest.json with the manifest key" + Environment.NewLine, stderr);
    }

    [Fact]
    public void AFlippedProofByteIsNamed()
    {
        using var fixture = new EvidenceFixture();
        fixture.Build("0.9.0", "out-0");
        fixture.Build("0.9.1", "out-1");
        var bundle = fixture.Build("1.0.0", "out");
        EditBundle(bundle, node =>
        {
            var hashes = node["ledger"]!["inclusionProof"]!["hashes"]!.AsArray();
            var hash = Convert.FromBase64String((string)hashes[0]!);
            hash[7] ^= 0x20;
            hashes[0] = Convert.ToBase64String(hash);
        });
        var (code, _, stderr) = fixture.Verify(bundle, withArtifacts: false);
        Assert.Equal(1, code);
        Assert.StartsWith("error: inclusion proof: inclusion proof for entry 2 in tree of size 3 computes root ", stderr);
        Assert.True(stderr.EndsWith("(the proof has the right length, 1 hash, so a proof hash or the entry was altered)" + Environment.NewLine, StringComparison.Ordinal), stderr);
    }

    [Fact]
    public void AFlippedCheckpointByteIsNamed()
    {
        using var fixture = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        EditBundle(bundle, node =>
        {
            var note = (string)node["ledger"]!["checkpoint"]!;
            // Change the tree-size line (line 2) from 1 to 2: the signature no longer covers the text.
            var lines = note.Split('\n');
            lines[1] = "2";
            node["ledger"]!["checkpoint"] = string.Join('\n', lines);
        });
        var (code, _, stderr) = fixture.Verify(bundle, withArtifacts: false);
        Assert.Equal(1, code);
        Assert.StartsWith("error: checkpoint: signature by 'conductor.ledger/", stderr);
        Assert.EndsWith("does not verify" + Environment.NewLine, stderr);
    }

    [Fact]
    public void AnotherLedgerKeyIsRejected()
    {
        using var fixture = new EvidenceFixture();
        using var other = new EvidenceFixture();
        var bundle = fixture.Build("1.0.0", "out");
        var (code, _, stderr) = CliRunner.Run("evidence", "verify", bundle, "--key", fixture.PublicKey, "--ledger-key", other.LedgerPublicKey);
        Assert.Equal(1, code);
        Assert.StartsWith("error: checkpoint: note has no signature from the trusted key 'conductor.ledger/", stderr);
    }

    [Fact]
    public void BadInputGetsClearErrors()
    {
        using var fixture = new EvidenceFixture();
        var (code, _, stderr) = CliRunner.Run("evidence", "build", "--release", "1", "--key", fixture.PrivateKey, "--data", fixture.Dir.File("d"),
            "--out", fixture.Dir.File("o"), fixture.Dir.File("nope"));
        Assert.Equal(1, code);
        Assert.Equal($"error: evidence_missing_input: artifact '{fixture.Dir.File("nope")}' is neither a file nor a directory" + Environment.NewLine, stderr);

        (code, _, stderr) = CliRunner.Run("evidence", "build", "--release", "1", "--key", fixture.PrivateKey, "--data", fixture.Dir.File("d"),
            "--out", fixture.Dir.File("o"), "--timestamp", "yesterday", fixture.Artifacts);
        Assert.Equal(2, code);
        Assert.Equal("error: timestamp 'yesterday' is neither RFC 3339 nor Unix seconds" + Environment.NewLine, stderr);

        (code, _, stderr) = CliRunner.Run("evidence", "verify", fixture.Dir.File("empty"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: manifest.json: cannot be read", stderr);
    }

    [Fact]
    public void SourceDateEpochFormatsAsRfc3339()
    {
        using var fixture = new EvidenceFixture();
        var outDir = fixture.Build("1.0.0", "out", timestamp: "1767225600");
        Assert.Contains("\"createdAt\":\"2026-01-01T00:00:00Z\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")));
    }

    internal static string Sha(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void FlipByte(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private static void EditBundle(string bundleDir, Action<JsonNode> edit)
    {
        var path = Path.Combine(bundleDir, "bundle.json");
        var node = JsonNode.Parse(File.ReadAllBytes(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
