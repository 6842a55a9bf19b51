using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Ledger.Tests;

/// <summary>The `conductor keys` and `conductor ledger` commands end to end, in-process, on a real SQLite ledger.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _data;

    public LedgerCliTests() => _data = _temp.File("data");

    private CliRun Ledger(params string[] args) => CliRun.Invoke(["ledger", .. args, "--data", _data]);

    private static JsonNode Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        return JsonNode.Parse(run.Out)!;
    }

    private (string Private, string Public) Keys(string type)
    {
        var dir = _temp.File("keys-" + type);
        var run = Json(CliRun.Invoke("keys", "generate", "--out", dir, "--type", type));
        Assert.Equal(type, (string)run["type"]!);
        return ((string)run["privateKey"]!, (string)run["publicKey"]!);
    }

    private string Write(string name, string content)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("ecdsa-p256")]
    [InlineData("ed25519")]
    public void AppendCheckpointProveAndVerifyOffline(string keyType)
    {
        var (priv, pub) = Keys(keyType);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(priv));

        var first = Write("first.json", "{\"decision\":\"allow\"}");
        var a0 = Json(Ledger("append", "--type", "decision", first));
        Assert.Equal(0, (int)a0["index"]!);
        Assert.Equal(Convert.ToHexStringLower(ReferenceMerkle.Leaf(File.ReadAllBytes(first))), (string)a0["leafHash"]!);
        var a1 = Json(CliRun.InvokeWithInput("from stdin", "ledger", "append", "-", "--data", _data));
        Assert.Equal(1, (int)a1["index"]!);
        for (var i = 2; i < 6; i++) Json(Ledger("append", Write($"e{i}", $"entry {i}")));

        var got = Json(Ledger("get", "1"));
        Assert.Equal("from stdin", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)got["data"]!)));
        Assert.Equal("decision", (string)Json(Ledger("get", "0"))["type"]!);

        var cp3Run = Ledger("checkpoint", "--key", priv);
        Assert.Equal(0, cp3Run.ExitCode);
        var cp3Path = Write("cp3.txt", cp3Run.Out);
        var lines = cp3Run.Out.Split('\n');
        Assert.StartsWith("conductor.ledger/", lines[0]);
        Assert.Equal("6", lines[1]);
        Assert.StartsWith("\u2014 " + lines[0] + " ", lines[4]);

        for (var i = 6; i < 9; i++) Json(Ledger("append", Write($"e{i}", $"entry {i}")));
        var cp9 = Ledger("checkpoint", "--key", priv);
        var cp9Path = Write("cp9.txt", cp9.Out);

        var inclusion = Ledger("prove-inclusion", "0");
        var proof = Json(inclusion);
        Assert.Equal(0, (int)proof["index"]!);
        Assert.Equal(9, (int)proof["size"]!);
        Assert.Equal((string)a0["leafHash"]!, (string)proof["leafHash"]!);
        var proofPath = Write("inclusion.json", inclusion.Out);
        var ok = Json(CliRun.Invoke("ledger", "verify-proof", "--checkpoint", cp9Path, "--key", pub, proofPath, "--entry", first));
        Assert.True((bool)ok["verified"]!);
        Assert.Equal("inclusion", (string)ok["kind"]!);

        // The entry file decides, not the proof's claim.
        var wrong = CliRun.Invoke("ledger", "verify-proof", "--checkpoint", cp9Path, "--key", pub, proofPath, "--entry", Write("wrong", "x"));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("ledger_proof_invalid", wrong.Error);
        // A proof for size 9 does not verify against the checkpoint for size 6.
        var stale = CliRun.Invoke("ledger", "verify-proof", "--checkpoint", cp3Path, "--key", pub, proofPath);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("proof is for tree size 9 but the checkpoint is for size 6", stale.Error);

        var consistency = Ledger("prove-consistency", "6", "9");
        var cproof = Json(consistency);
        Assert.Equal(6, (int)cproof["size1"]!);
        Assert.Equal(9, (int)cproof["size2"]!);
        var cPath = Write("consistency.json", consistency.Out);
        var cOk = Json(CliRun.Invoke("ledger", "verify-proof", "--checkpoint", cp9Path, "--old-checkpoint", cp3Path, "--key", pub, cPath));
        Assert.Equal("consistency", (string)cOk["kind"]!);

        var verify = Json(Ledger("verify", "--key", pub));
        Assert.Equal(9, (int)verify["size"]!);
        Assert.Equal(9, (int)verify["checkpointSize"]!);
        Assert.True((bool)verify["checkpointSignatureChecked"]!);

        // Another key cannot vouch for this ledger's checkpoints.
        var (_, otherPub) = Keys(keyType == "ed25519" ? "ecdsa-p256" : "ed25519");
        var unknown = Ledger("verify", "--key", otherPub);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("ledger_checkpoint_unknown_key", unknown.Error);
        var unknownOffline = CliRun.Invoke("ledger", "verify-proof", "--checkpoint", cp9Path, "--key", otherPub, proofPath);
        Assert.Equal(1, unknownOffline.ExitCode);
        Assert.Contains("ledger_checkpoint_unknown_key", unknownOffline.Error);
    }

    [Fact]
    public void PrivateKeyReadableByOthersIsRefusedByCheckpoint()
    {
        var (priv, _) = Keys("ecdsa-p256");
        Json(Ledger("append", Write("e", "e")));
        File.SetUnixFileMode(priv, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var run = Ledger("checkpoint", "--key", priv);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ledger_key_invalid", run.Error);
        Assert.Contains("accessible by others (mode 0644)", run.Error);
    }

    [Fact]
    public void KeysGenerateRefusesToOverwrite()
    {
        var dir = _temp.File("k");
        Assert.Equal(0, CliRun.Invoke("keys", "generate", "--out", dir).ExitCode);
        var again = CliRun.Invoke("keys", "generate", "--out", dir);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not overwriting", again.Error);
        Assert.Equal(2, CliRun.Invoke("keys", "generate", "--out", dir, "--type", "rsa").ExitCode);
    }

    [Fact]
    public void AppendLinesCommitsEachLineAndBatches()
    {
        var input = string.Join("\n", Enumerable.Range(0, 25).Select(i => $"line {i}")) + "\n";
        var run = CliRun.InvokeWithInput(input, "ledger", "append", "--lines", "--batch", "10", "--type", "log", "-", "--data", _data);
        Assert.Equal(0, run.ExitCode);
        var acks = run.Out.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(0, 25), acks.Select(a => (int)a["index"]!));
        Assert.Equal("line 24", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)Json(Ledger("get", "24"))["data"]!)));
        var multi = Ledger("append", Write("x", "x"), Write("y", "y"));
        Assert.Equal(0, multi.ExitCode);
        Assert.Equal(26, (int)JsonNode.Parse(multi.Out.Split('\n')[1])!["index"]!);
    }

    public static TheoryData<string, string> BadProofs() => new()
    {
        { "extra-hash", "must have 3 hashes, got 4" },
        { "missing-hash", "must have 3 hashes, got 2" },
        { "index-beyond", "entry index 9 is outside the tree of size 5" },
        { "not-json", "not valid JSON" },
        { "short-hash", "must be 64 hex digits" },
        { "negative", "must be a non-negative integer" },
        { "both-shapes", "expected an inclusion proof" },
    };

    [Theory]
    [MemberData(nameof(BadProofs))]
    public void MalformedProofsAreClearErrors(string kind, string expected)
    {
        var (priv, pub) = Keys("ed25519");
        for (var i = 0; i < 5; i++) Json(Ledger("append", Write($"e{i}", $"entry {i}")));
        var cp = Write("cp", Ledger("checkpoint", "--key", priv).Out);
        var proof = JsonNode.Parse(Ledger("prove-inclusion", "1").Out)!.AsObject();
        var hashes = proof["hashes"]!.AsArray();
        Assert.Equal(3, hashes.Count);
        string text;
        switch (kind)
        {
            case "extra-hash": hashes.Add(new string('0', 64)); text = proof.ToJsonString(); break;
            case "missing-hash": hashes.RemoveAt(2); text = proof.ToJsonString(); break;
            case "index-beyond": proof["index"] = 9; text = proof.ToJsonString(); break;
            case "not-json": text = "{\"index\": 1, "; break;
            case "short-hash": hashes[0] = "abcd"; text = proof.ToJsonString(); break;
            case "negative": proof["index"] = -1; text = proof.ToJsonString(); break;
            default: proof["size1"] = 1; text = proof.ToJsonString(); break;
        }
        var run = CliRun.Invoke("ledger", "verify-proof", "--checkpoint", cp, "--key", pub, Write("p.json", text));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.StartsWith("error: ledger_", run.Error);
    }

    [Fact]
    public void TruncatedCheckpointFileIsAClearError()
    {
        var (priv, pub) = Keys("ecdsa-p256");
        Json(Ledger("append", Write("e", "e")));
        var full = Ledger("checkpoint", "--key", priv).Out;
        var proof = Write("p.json", Ledger("prove-inclusion", "0").Out);
        foreach (var cut in new[] { 5, full.IndexOf("\n\n", StringComparison.Ordinal) + 1, full.Length - 10 })
        {
            var run = CliRun.Invoke("ledger", "verify-proof", "--checkpoint", Write("cp", full[..cut]), "--key", pub, proof);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("ledger_checkpoint_", run.Error);
            Assert.Contains("cp:", run.Error);
        }
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, CliRun.Invoke("ledger", "verify", "--data", _data, "--store", "Host=x").ExitCode);
        Assert.Equal(2, CliRun.Invoke("ledger", "get", "notanumber", "--data", _data).ExitCode);
        Assert.Equal(2, CliRun.Invoke("ledger", "verify-proof", "p.json").ExitCode);
    }

    [Fact]
    public void MissingInputFileIsAClearErrorAndCreatesNothing()
    {
        var run = Ledger("append", _temp.File("absent.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("input file not found", run.Error);
        Assert.False(Directory.Exists(_data));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
