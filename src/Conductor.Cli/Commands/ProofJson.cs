using System.Text;
using System.Text.Json;
using Conductor.Ledger;
using Conductor.Ledger.Merkle;

namespace Conductor.Cli.Commands;

/// <summary>
/// The JSON form of proofs printed by `ledger prove-*` and read by `ledger verify-proof`:
/// inclusion {"index","size","rootHash","leafHash","hashes"}; consistency {"size1","size2","rootHash1","rootHash","hashes"}.
/// Hashes are lowercase hex.
/// </summary>
internal static class ProofJson
{
    public static string Write(InclusionProof p) => Write(w =>
    {
        w.WriteNumber("index", p.Index);
        w.WriteNumber("size", p.TreeSize);
        w.WriteString("rootHash", Convert.ToHexStringLower(p.RootHash));
        w.WriteString("leafHash", Convert.ToHexStringLower(p.LeafHash));
        WriteHashes(w, p.Hashes);
    });

    public static string Write(ConsistencyProof p) => Write(w =>
    {
        w.WriteNumber("size1", p.Size1);
        w.WriteNumber("size2", p.Size2);
        w.WriteString("rootHash1", Convert.ToHexStringLower(p.RootHash1));
        w.WriteString("rootHash", Convert.ToHexStringLower(p.RootHash2));
        WriteHashes(w, p.Hashes);
    });

    /// <summary>A parsed proof file: exactly one of the two shapes, fields as given (not yet verified).</summary>
    public sealed record Parsed(bool IsInclusion, ulong IndexOrSize1, ulong SizeOrSize2, byte[]? RootHash, byte[]? RootHash1, byte[]? LeafHash, List<byte[]> Hashes);

    public static Parsed Read(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Bad(source, $"not valid JSON ({e.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(source, "expected a JSON object");
            var inclusion = root.TryGetProperty("index", out _);
            var consistency = root.TryGetProperty("size1", out _);
            if (inclusion == consistency) throw Bad(source, "expected an inclusion proof (with \"index\") or a consistency proof (with \"size1\")");
            var first = Number(root, inclusion ? "index" : "size1", source);
            var second = Number(root, inclusion ? "size" : "size2", source);
            var rootHash = OptionalHash(root, "rootHash", source);
            var rootHash1 = inclusion ? null : OptionalHash(root, "rootHash1", source);
            var leafHash = inclusion ? OptionalHash(root, "leafHash", source) : null;
            if (!root.TryGetProperty("hashes", out var hashes) || hashes.ValueKind != JsonValueKind.Array)
                throw Bad(source, "field \"hashes\" must be an array of hex strings");
            var list = new List<byte[]>();
            var i = 0;
            foreach (var h in hashes.EnumerateArray()) list.Add(Hash(h, $"hashes[{i++}]", source));
            return new Parsed(inclusion, first, second, rootHash, rootHash1, leafHash, list);
        }
    }

    private static ulong Number(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Number || !e.TryGetUInt64(out var v))
            throw Bad(source, $"field \"{name}\" must be a non-negative integer");
        return v;
    }

    private static byte[]? OptionalHash(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var e) ? Hash(e, name, source) : null;

    private static byte[] Hash(JsonElement e, string name, string source)
    {
        var s = e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        if (s.Length != 2 * MerkleHash.Size || !s.All(Uri.IsHexDigit))
            throw Bad(source, $"field \"{name}\" must be {2 * MerkleHash.Size} hex digits");
        return Convert.FromHexString(s);
    }

    private static LedgerException Bad(string source, string message) => new(LedgerErrorCodes.InputMalformed, $"{source}: {message}");

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteHashes(Utf8JsonWriter w, IReadOnlyList<byte[]> hashes)
    {
        w.WriteStartArray("hashes");
        foreach (var h in hashes) w.WriteStringValue(Convert.ToHexStringLower(h));
        w.WriteEndArray();
    }
}
