using System.Security.Cryptography;

namespace Conductor.Ledger.Tests;

/// <summary>RFC 6962 §2.1 written out literally (recursive MTH, PATH, PROOF) to check the store-backed implementation against.</summary>
internal static class ReferenceMerkle
{
    public static byte[] Leaf(byte[] d) => SHA256.HashData([0x00, .. d]);

    public static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0) return SHA256.HashData([]);
        if (d.Count == 1) return Leaf(d[0]);
        var k = K(d.Count);
        return SHA256.HashData([0x01, .. Mth(Slice(d, 0, k)), .. Mth(Slice(d, k, d.Count))]);
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1) return [];
        var k = K(d.Count);
        return m < k
            ? [.. Path(m, Slice(d, 0, k)), Mth(Slice(d, k, d.Count))]
            : [.. Path(m - k, Slice(d, k, d.Count)), Mth(Slice(d, 0, k))];
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n) return b ? [] : [Mth(d)];
        var k = K(n);
        return m <= k
            ? [.. SubProof(m, Slice(d, 0, k), b), Mth(Slice(d, k, n))]
            : [.. SubProof(m - k, Slice(d, k, n), false), Mth(Slice(d, 0, k))];
    }

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n) k *= 2;
        return k;
    }

    private static List<byte[]> Slice(IReadOnlyList<byte[]> d, int start, int end) => d.Skip(start).Take(end - start).ToList();
}
