using Conductor.Rego.Tests.Syntax;
using System.Diagnostics;
using System.Text;
using Conductor.Rego.Syntax;

namespace Conductor.Benchmarks;

/// <summary>
/// Rego parse speed in MB/s on one thread: a large generated module with a realistic mix of rule forms, and the
/// same amount of text as many small queries. Run: <c>dotnet run -c Release --project bench/Conductor.Benchmarks -- parser [seconds]</c>.
/// </summary>
public sealed class ParserBenchmarks : IBenchmarkHarness
{
    public string Name => "parser";

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 3.0;
        // CPU time is reported next to wall time: on a shared, loaded machine wall time mostly measures waiting.
        // "best" is the fastest single parse: the closest to an unloaded machine's figure.
        Console.WriteLine($"{"case",-24} {"size",8} {"MB/s wall",10} {"MB/s cpu",9} {"MB/s best",10} {"ms/parse",9} {"alloc B/B",10} {"GC %",5}");

        foreach (var blocks in new[] { 100, 5_000 })
        {
            var module = ParserWorkload.GenerateModule(blocks);
            Measure($"module, {blocks * 6} rules", module.Length, seconds, () => RegoParser.ParseModule("bench.rego", module));
        }

        var queries = Enumerable.Range(0, 2_000)
            .Select(i => $"x := data.a.b[{i}]; some y in x.items; y.name == \"n{i}\"; count(y.tags) > 2")
            .ToArray();
        var total = queries.Sum(q => q.Length);
        Measure("2000 queries", total, seconds, () =>
        {
            foreach (var q in queries) RegoParser.ParseQuery(q);
        });
    }

    private static void Measure(string name, int chars, double seconds, Action parse)
    {
        parse(); // warm up (JIT)
        parse();
        var runs = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var pauseBefore = GC.GetTotalPauseDuration();
        var sw = Stopwatch.StartNew();
        var best = double.MaxValue;
        while (sw.Elapsed.TotalSeconds < seconds || runs < 3)
        {
            var t0 = sw.Elapsed.TotalSeconds;
            parse();
            best = Math.Min(best, sw.Elapsed.TotalSeconds - t0);
            runs++;
        }
        sw.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var alloc = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        var gcShare = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds / sw.Elapsed.TotalSeconds * 100;
        // Sources are ASCII, so chars = bytes.
        var mb = (double)chars * runs / (1024 * 1024);
        var mbPerSecond = mb / sw.Elapsed.TotalSeconds;
        var mbPerCpuSecond = mb / cpu;
        var mbPerBestSecond = chars / (1024.0 * 1024) / best;
        var msPerParse = sw.Elapsed.TotalMilliseconds / runs;
        var size = chars >= 1024 * 1024 ? $"{chars / (1024.0 * 1024):F1} MB" : $"{chars / 1024.0:F0} KB";
        Console.WriteLine($"{name,-24} {size,8} {mbPerSecond,10:F1} {mbPerCpuSecond,9:F1} {mbPerBestSecond,10:F1} {msPerParse,9:F2} {(double)alloc / runs / chars,10:F1} {gcShare,5:F0}");
    }
}
