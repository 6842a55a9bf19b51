using System.Diagnostics;
using Conductor.Evidence.Bundles;
using Conductor.Ledger;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;
using Conductor.Storage;

namespace Conductor.Benchmarks;

/// <summary>
/// Evidence bundle throughput: build (hash every artifact, canonical manifest, signature, ledger append, signed
/// checkpoint) and verify (signatures, proof, checkpoint and every artifact's hash) over N files totalling M MiB
/// (default 10,000 files, 1 GiB), beside <c>openssl dgst -sha256</c> over the same files. The files are read once
/// first so every run hashes from the page cache and the figures compare CPU work, not the disk.
/// Usage: <c>-- evidence [--files N] [--mib M] [--runs R]</c> (default 5 runs).
/// </summary>
public sealed class EvidenceBenchmarks : IBenchmarkHarness
{
    public string Name => "evidence";

    public void Run(string[] args)
    {
        var files = 10_000;
        var mib = 1024;
        var runs = 5;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--files") files = int.Parse(args[i + 1]);
            if (args[i] == "--mib") mib = int.Parse(args[i + 1]);
            if (args[i] == "--runs") runs = int.Parse(args[i + 1]);
        }
        var root = Path.Combine(Path.GetTempPath(), "conductor-evidence-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var artifacts = Path.Combine(root, "artifacts");
            var totalBytes = Generate(artifacts, files, (long)mib * 1024 * 1024);
            var paths = Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            WarmCache(paths);
            var mb = totalBytes / 1e6;
            using var key = SigningKey.Generate(KeyType.EcdsaP256);
            var run = 0;
            string? lastBundle = null;
            // The machine is shared, so every run measures all operations back to back and each operation is
            // compared with the openssl time of the same run; the table shows best times and median ratios.
            var operations = new (string Name, Action Action)[]
            {
                ("openssl dgst -sha256 (all files, 1 process)", () => OpensslDigest(paths)),
                ("hash artifacts, 1 thread", () => ArtifactHasher.Hash(ArtifactHasher.Resolve([artifacts]), parallelism: 1)),
                ($"hash artifacts, {Environment.ProcessorCount} threads", () => ArtifactHasher.Hash(ArtifactHasher.Resolve([artifacts]))),
                ("evidence build (hash, sign, ledger, checkpoint)", () =>
                {
                    var data = Path.Combine(root, $"data-{run}");
                    lastBundle = Path.Combine(root, $"bundle-{run++}");
                    using var ledger = new LedgerService(LedgerStores.Open(data, null, create: true), ownsStore: true);
                    new EvidenceBundleBuilder(ledger).Build(new EvidenceBuildRequest("1.0.0", ArtifactHasher.Resolve([artifacts]),
                        DateTimeOffset.FromUnixTimeSeconds(1_767_225_600), key, new NoteSigner(ledger.Origin, key), lastBundle));
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }),
                ($"evidence verify --artifacts ({Environment.ProcessorCount} threads)", () =>
                {
                    var report = EvidenceBundleVerifier.Verify(lastBundle!, key.PublicKey.ExportPem(), key.PublicKey.ExportPem(), artifacts);
                    if (!report.Verified) throw new InvalidOperationException(string.Join("; ", report.Failures));
                }),
            };
            // Breakdown of the fixed costs around hashing.
            var inputsOnce = ArtifactHasher.Resolve([artifacts]);
            var hashedOnce = ArtifactHasher.Hash(inputsOnce);
            operations =
            [
                .. operations,
                ("  part: resolve 10k names (directory walk)", () => ArtifactHasher.Resolve([artifacts])),
                ("  part: canonical manifest + parse + re-canonicalise", () =>
                {
                    var bytes = new EvidenceManifest("1.0.0", DateTimeOffset.UnixEpoch, null, hashedOnce).ToCanonicalJson();
                    EvidenceManifest.Parse(bytes);
                    Conductor.Evidence.Json.CanonicalJson.Canonicalize(bytes);
                }),
                ("  part: new SQLite ledger, append, checkpoint", () =>
                {
                    using var ledger = new LedgerService(LedgerStores.Open(Path.Combine(root, $"ledger-only-{run++}"), null, create: true), ownsStore: true);
                    ledger.Append(new byte[100], "evidence");
                    ledger.Checkpoint(new NoteSigner(ledger.Origin, key));
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }),
            ];
            var times = operations.Select(_ => new List<double>()).ToArray();
            for (var r = 0; r < runs; r++)
                for (var o = 0; o < operations.Length; o++)
                    times[o].Add(Time(operations[o].Action));

            Console.WriteLine($"{files} files, {totalBytes / (1024.0 * 1024):F0} MiB, {Environment.ProcessorCount} cores, load average {LoadAverage()}; {runs} interleaved runs");
            Console.WriteLine($"{"operation",-48} {"best s",8} {"MB/s",8} {"median vs openssl",18}");
            for (var o = 0; o < operations.Length; o++)
            {
                var ratios = Enumerable.Range(0, runs).Select(r => times[0][r] / times[o][r]).Order().ToList();
                var best = times[o].Min();
                Console.WriteLine($"{operations[o].Name,-48} {best,8:F3} {mb / best,8:F0} {ratios[runs / 2],17:F2}x");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Files of varying size (half to one and a half times the mean) in 100 folders, from a fixed seed.</summary>
    private static long Generate(string directory, int files, long totalBytes)
    {
        var random = new Random(20261123);
        var mean = totalBytes / files;
        var sizes = Enumerable.Range(0, files).Select(_ => mean / 2 + random.NextInt64(mean + 1)).ToArray();
        // Scale so the total is exact.
        var scale = (double)totalBytes / sizes.Sum();
        for (var i = 0; i < files; i++) sizes[i] = (long)(sizes[i] * scale);
        sizes[^1] += totalBytes - sizes.Sum();
        var buffer = new byte[sizes.Max()];
        long written = 0;
        for (var i = 0; i < files; i++)
        {
            var dir = Path.Combine(directory, $"d{i % 100:D2}");
            Directory.CreateDirectory(dir);
            random.NextBytes(buffer.AsSpan(0, (int)sizes[i]));
            File.WriteAllBytes(Path.Combine(dir, $"artifact-{i:D5}.bin"), buffer.AsSpan(0, (int)sizes[i]).ToArray());
            written += sizes[i];
        }
        return written;
    }

    private static void WarmCache(string[] paths)
    {
        var buffer = new byte[1 << 20];
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            while (stream.Read(buffer) > 0) { }
        }
    }

    /// <summary>openssl dgst -sha256 over every file; arguments in chunks to stay under the command-line limit.</summary>
    private static void OpensslDigest(string[] paths)
    {
        foreach (var chunk in paths.Chunk(2000))
        {
            var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true };
            start.ArgumentList.Add("dgst");
            start.ArgumentList.Add("-sha256");
            foreach (var p in chunk) start.ArgumentList.Add(p);
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException("openssl dgst failed");
        }
    }
}
