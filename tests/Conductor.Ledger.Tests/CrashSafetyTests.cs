using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Conductor.Storage;

namespace Conductor.Ledger.Tests;

/// <summary>
/// SIGKILLs a real `conductor ledger append --lines` process at random moments while it appends in a loop; after each
/// kill every acknowledged entry must be in the ledger and the ledger must verify.
/// </summary>
public sealed class CrashSafetyTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void AcknowledgedAppendsSurviveSigkillOnSqlite() => KillRepeatedly(["--data", _temp.File("data")]);

    [Fact]
    public void AcknowledgedAppendsSurviveSigkillOnPostgres() => KillRepeatedly(["--store", postgres.NewSchema()]);

    private static void KillRepeatedly(string[] storeArgs)
    {
        var random = new Random();
        var acknowledged = new List<(long Index, string Line, string LeafHash)>();
        const int rounds = 4;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate one-at-a-time commits and group commits.
            var batch = round % 2 == 0 ? "1" : "20";
            var acks = RunAndKill(storeArgs, round, batch, random);
            Assert.True(acks.Count > 0, $"round {round}: the appender acknowledged nothing before it was killed");
            acknowledged.AddRange(acks);

            using var ledger = new LedgerService(LedgerStores.Open(storeArgs[0] == "--data" ? storeArgs[1] : null, storeArgs[0] == "--store" ? storeArgs[1] : null, create: false), ownsStore: true);
            Assert.True(ledger.Size >= acknowledged.Count, $"round {round}: {ledger.Size} entries stored, {acknowledged.Count} acknowledged");
            foreach (var (index, line, leafHash) in acknowledged)
            {
                var entry = ledger.GetEntry(index);
                Assert.Equal(line, Encoding.UTF8.GetString(entry.Data));
                Assert.Equal(leafHash, Convert.ToHexStringLower(entry.LeafHash));
            }
            var verify = CliRun.Invoke(["ledger", "verify", .. storeArgs]);
            Assert.True(verify.ExitCode == 0, $"round {round}: verify failed after SIGKILL: {verify.Error}");
        }
        Assert.Equal(acknowledged.Count, acknowledged.Select(a => a.Index).Distinct().Count());
    }

    private static List<(long, string, string)> RunAndKill(string[] storeArgs, int round, string batch, Random random)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { TestPaths.ConductorDll, "ledger", "append", "--lines", "--batch", batch, "--type", "crash-test", "-" }.Concat(storeArgs))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var acks = new List<(long, string, string)>();
        var firstAck = new ManualResetEventSlim();
        var writer = new Thread(() =>
        {
            try
            {
                for (var k = 0; ; k++)
                {
                    var line = $"round {round} line {k} " + new string('x', k % 50);
                    lock (lines) lines.Add(line);
                    process.StandardInput.WriteLine(line);
                    if (k % 16 == 0) process.StandardInput.Flush();
                }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            catch (InvalidOperationException) { }
        }) { IsBackground = true };
        var reader = new Thread(() =>
        {
            while (process.StandardOutput.ReadLine() is { } ackLine)
            {
                JsonNode? ack;
                try { ack = JsonNode.Parse(ackLine); } catch (System.Text.Json.JsonException) { break; } // cut mid-line by the kill
                lock (acks)
                {
                    string line;
                    lock (lines) line = lines[acks.Count];
                    acks.Add(((long)ack!["index"]!, line, (string)ack["leafHash"]!));
                }
                firstAck.Set();
            }
        }) { IsBackground = true };
        var stderr = process.StandardError.ReadToEndAsync();
        writer.Start();
        reader.Start();
        if (!firstAck.Wait(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new Xunit.Sdk.XunitException($"appender never acknowledged an entry; stderr: {stderr.Result}");
        }
        Thread.Sleep(random.Next(20, 400));
        process.Kill(); // SIGKILL on Unix: no chance to flush or roll back
        process.WaitForExit();
        reader.Join(TimeSpan.FromSeconds(30));
        lock (acks) return [.. acks];
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
