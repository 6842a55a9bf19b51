using System.Diagnostics;
using System.Text;
using Conductor.Ledger;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;
using Conductor.Ledger.Merkle;
using Conductor.Storage;
using Npgsql;

namespace Conductor.Benchmarks;

/// <summary>
/// Ledger throughput on SQLite and PostgreSQL: appends one at a time (one commit each), concurrent appends through
/// group commit, batched appends up to N entries (default 1,000,000), then inclusion/consistency proof generation and
/// verification at that size, a signed checkpoint, and a full `verify`.
/// Usage: <c>-- ledger [--entries N] [--postgres CONNECTION] [--only sqlite|postgres]</c>; PostgreSQL defaults to
/// $CONDUCTOR_TEST_POSTGRES and is skipped when neither is set.
/// </summary>
public sealed class LedgerBenchmarks : IBenchmarkHarness
{
    public string Name => "ledger";

    private readonly List<string[]> _rows = [];

    public void Run(string[] args)
    {
        var entries = 1_000_000;
        string? postgres = Environment.GetEnvironmentVariable("CONDUCTOR_TEST_POSTGRES");
        string? only = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--entries") entries = int.Parse(args[i + 1]);
            if (args[i] == "--postgres") postgres = args[i + 1];
            if (args[i] == "--only") only = args[i + 1];
        }

        if (only is null or "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "conductor-ledger-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                Measure("sqlite", () => LedgerStores.Open(dir, null, create: true), entries);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }
        if (only is null or "postgres")
        {
            if (string.IsNullOrEmpty(postgres))
            {
                Console.WriteLine("postgres: skipped (set CONDUCTOR_TEST_POSTGRES or pass --postgres)");
            }
            else
            {
                var db = "ledger_bench_" + Guid.NewGuid().ToString("N")[..8];
                Execute(postgres, $"CREATE DATABASE {db}");
                var cs = new NpgsqlConnectionStringBuilder(postgres) { Database = db }.ToString();
                try
                {
                    Measure("postgres", () => LedgerStores.Open(null, cs, create: true), entries);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    Execute(postgres, $"DROP DATABASE {db} WITH (FORCE)");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average at the end: {LoadAverage()}");
        Console.WriteLine($"| {"store",-8} | {"measure",-52} | {"result",-28} |");
        Console.WriteLine($"|{new string('-', 10)}|{new string('-', 54)}|{new string('-', 30)}|");
        foreach (var r in _rows) Console.WriteLine($"| {r[0],-8} | {r[1],-52} | {r[2],-28} |");
    }

    private void Measure(string store, Func<Conductor.Ledger.Storage.ILedgerStore> open, int entries)
    {
        using var ledger = new LedgerService(open(), ownsStore: true);
        byte[] Entry(long i) => Encoding.UTF8.GetBytes($"{{\"decision\":\"allow\",\"policy\":\"ig.ctx\",\"n\":{i},\"subject\":\"user-{i % 977}\",\"resource\":\"doc-{i % 5003}\",\"at\":\"2026-11-23T17:00:00Z\"}}");

        // One commit per append: the durable path (fsync per entry).
        const int singles = 1000;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < singles; i++) ledger.Append(Entry(ledger.Size), "decision");
        sw.Stop();
        Row(store, $"append one at a time ({singles}, 1 commit each)", $"{singles / sw.Elapsed.TotalSeconds:N0} appends/s");

        // Concurrent callers of Append share commits (group commit).
        const int threads = 16, perThread = 250;
        sw.Restart();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < perThread; i++) ledger.Append(Entry(t * 100_000 + i), "decision");
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        sw.Stop();
        Row(store, $"append concurrently ({threads} threads, group commit)", $"{threads * perThread / sw.Elapsed.TotalSeconds:N0} appends/s");

        // Batched appends up to the target size.
        const int batchSize = 1000;
        var start = ledger.Size;
        sw.Restart();
        while (ledger.Size < entries)
        {
            var n = (int)Math.Min(batchSize, entries - ledger.Size);
            var baseIndex = ledger.Size;
            ledger.AppendBatch(Enumerable.Range(0, n).Select(i => new NewEntry(Entry(baseIndex + i), "decision")).ToList());
        }
        sw.Stop();
        var appended = ledger.Size - start;
        Row(store, $"append batched ({batchSize}/commit, {appended:N0} entries)", $"{appended / sw.Elapsed.TotalSeconds:N0} appends/s");

        var size = ledger.Size;
        var random = new Random(42);
        var root = ledger.RootHash(size);

        // Warm up, then time proofs at random indexes.
        for (var i = 0; i < 50; i++) ledger.ProveInclusion(random.NextInt64(size), size);
        const int proofs = 2000;
        var proofTimes = new double[proofs];
        var verifyTimes = new double[proofs];
        for (var i = 0; i < proofs; i++)
        {
            var index = random.NextInt64(size);
            var t0 = Stopwatch.GetTimestamp();
            var p = ledger.ProveInclusion(index, size);
            var t1 = Stopwatch.GetTimestamp();
            MerkleVerifier.VerifyInclusion(index, size, p.LeafHash, p.Hashes, root);
            var t2 = Stopwatch.GetTimestamp();
            proofTimes[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
            verifyTimes[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds;
        }
        Row(store, $"inclusion proof at {size:N0} entries (median / mean / p99)", Stats(proofTimes));
        Row(store, "inclusion proof verification (median / mean / p99)", Stats(verifyTimes));

        var consistencyTimes = new double[500];
        var consistencyVerify = new double[500];
        for (var i = 0; i < consistencyTimes.Length; i++)
        {
            var m = 1 + random.NextInt64(size - 1);
            var t0 = Stopwatch.GetTimestamp();
            var p = ledger.ProveConsistency(m, size);
            var t1 = Stopwatch.GetTimestamp();
            MerkleVerifier.VerifyConsistency(m, size, p.Hashes, p.RootHash1, root);
            var t2 = Stopwatch.GetTimestamp();
            consistencyTimes[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
            consistencyVerify[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds;
        }
        Row(store, $"consistency proof at {size:N0} entries (median / mean / p99)", Stats(consistencyTimes));
        Row(store, "consistency proof verification (median / mean / p99)", Stats(consistencyVerify));

        using var key = SigningKey.Generate(KeyType.EcdsaP256);
        var signer = new NoteSigner(ledger.Origin, key);
        sw.Restart();
        ledger.Checkpoint(signer);
        sw.Stop();
        Row(store, "signed checkpoint (root + ECDSA P-256)", $"{sw.Elapsed.TotalMilliseconds:N2} ms");

        sw.Restart();
        var result = ledger.Verify([signer.Verifier]);
        sw.Stop();
        if (!result.IsValid) throw new InvalidOperationException(result.Problem!.Message);
        Row(store, $"verify whole ledger ({size:N0} entries)", $"{sw.Elapsed.TotalSeconds:N1} s ({size / sw.Elapsed.TotalSeconds:N0} entries/s)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Stats(double[] micros)
    {
        var sorted = micros.Order().ToArray();
        return $"{sorted[sorted.Length / 2]:N0} / {micros.Average():N0} / {sorted[(int)(sorted.Length * 0.99)]:N0} µs";
    }

    private void Row(string store, string measure, string result)
    {
        _rows.Add([store, measure, result]);
        Console.WriteLine($"{store}: {measure}: {result}");
    }

    private static void Execute(string cs, string sql)
    {
        using var conn = new NpgsqlConnection(cs);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }
}
