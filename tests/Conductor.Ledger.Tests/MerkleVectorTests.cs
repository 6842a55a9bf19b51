using System.Text.Json;
using Conductor.Ledger.Merkle;

namespace Conductor.Ledger.Tests;

/// <summary>The transparency-dev/merkle vectors in ../shared/conformance/merkle: valid ones verify, every wantErr one is rejected.</summary>
public class MerkleVectorTests
{
    public static IEnumerable<object[]> InclusionCases() => Cases("inclusion");
    public static IEnumerable<object[]> ConsistencyCases() => Cases("consistency");

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void InclusionVector(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.MerkleVectors, file)));
        var c = doc.RootElement;
        var wantErr = c.GetProperty("wantErr").GetBoolean();
        var proof = Hashes(c.GetProperty("proof"));
        var act = () => MerkleVerifier.VerifyInclusion(c.GetProperty("leafIdx").GetUInt64(), c.GetProperty("treeSize").GetUInt64(),
            B64(c.GetProperty("leafHash")), proof, B64(c.GetProperty("root")));
        if (wantErr)
        {
            var e = Assert.Throws<LedgerException>(act);
            Assert.Equal(LedgerErrorCodes.ProofInvalid, e.Code);
        }
        else
        {
            act();
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void ConsistencyVector(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.MerkleVectors, file)));
        var c = doc.RootElement;
        var wantErr = c.GetProperty("wantErr").GetBoolean();
        var proof = Hashes(c.GetProperty("proof"));
        var act = () => MerkleVerifier.VerifyConsistency(c.GetProperty("size1").GetUInt64(), c.GetProperty("size2").GetUInt64(),
            proof, B64(c.GetProperty("root1")), B64(c.GetProperty("root2")));
        if (wantErr)
        {
            var e = Assert.Throws<LedgerException>(act);
            Assert.Equal(LedgerErrorCodes.ProofInvalid, e.Code);
        }
        else
        {
            act();
        }
    }

    [Fact]
    public void AllVectorFilesAreFound()
    {
        // Guards against the vectors silently disappearing (a missing folder would otherwise run zero cases).
        Assert.True(InclusionCases().Count() >= 60, "inclusion vectors missing");
        Assert.True(ConsistencyCases().Count() >= 60, "consistency vectors missing");
        Assert.Contains(InclusionCases(), c => ((string)c[0]).EndsWith("happy-path.json", StringComparison.Ordinal));
    }

    private static IEnumerable<object[]> Cases(string kind)
    {
        var root = TestPaths.MerkleVectors;
        if (!Directory.Exists(Path.Combine(root, kind)))
            throw new DirectoryNotFoundException($"Merkle vectors not found at {Path.Combine(root, kind)} (expected ../shared/conformance/merkle beside the repo)");
        return Directory.EnumerateFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).Select(f => new object[] { f });
    }

    private static byte[] B64(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString()!);

    private static List<byte[]>? Hashes(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.EnumerateArray().Select(B64).ToList();
}
