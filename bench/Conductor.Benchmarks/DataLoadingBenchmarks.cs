using System.Diagnostics;
using System.Text;
using Conductor.Rego.Loading;
using Conductor.Rego.Values;

namespace Conductor.Benchmarks;

/// <summary>
/// Reading data as `conductor eval -d/-i` does, on one thread: a generated ~1 MB document as JSON and as YAML,
/// the conformance YAML files (../shared/conformance, when present), and loading a directory of 200 data files.
/// </summary>
public sealed class DataLoadingBenchmarks : IBenchmarkHarness
{
    public string Name => "loading";

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 2.0;
        Console.WriteLine($"{"case",-44} {"ops/s",10} {"ms/op",10} {"MB/s",10}");

        var json = new StringBuilder("{\"records\": [");
        var yaml = new StringBuilder("records:\n");
        for (var i = 0; i < 10_000; i++)
        {
            if (i > 0) json.Append(',');
            json.Append($"{{\"id\": \"r{i}\", \"tenant\": \"t{i % 17}\", \"labels\": [\"pii\", \"eu\"], \"score\": {i * 0.5}, \"active\": true}}");
            yaml.Append($"- id: r{i}\n  tenant: t{i % 17}\n  labels: [pii, eu]\n  score: {i * 0.5}\n  active: true\n");
        }
        var jsonText = json.Append("]}").ToString();
        var yamlText = yaml.ToString();
        Measure("JSON document (10,000 records)", Encoding.UTF8.GetByteCount(jsonText), seconds, () => JsonValueReader.Parse(jsonText));
        Measure("YAML document (10,000 records)", Encoding.UTF8.GetByteCount(yamlText), seconds, () => YamlValueReader.Parse(yamlText));

        var root = FindConformance();
        if (root is not null)
        {
            var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
            var bytes = files.Sum(f => Encoding.UTF8.GetByteCount(f));
            Measure($"conformance YAML ({files.Count} files)", bytes, seconds, () =>
            {
                foreach (var f in files) YamlValueReader.Parse(f);
            });
        }

        var dir = Path.Combine(Path.GetTempPath(), "conductor-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            long total = 0;
            for (var i = 0; i < 200; i++)
            {
                var sub = Path.Combine(dir, $"team{i % 20}", $"svc{i}");
                Directory.CreateDirectory(sub);
                var text = $"{{\"owner\": \"o{i}\", \"limits\": {{\"rps\": {i}, \"burst\": {i * 2}}}, \"regions\": [\"eu-west-1\", \"us-east-1\"]}}";
                File.WriteAllText(Path.Combine(sub, "data.json"), text);
                total += text.Length;
            }
            Measure("PolicyLoader: directory of 200 data files", total, seconds, () => PolicyLoader.Load([dir]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? FindConformance()
    {
        var d = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (d is not null)
        {
            var candidate = Path.Combine(d.FullName, "..", "shared", "conformance");
            if (File.Exists(Path.Combine(d.FullName, "Conductor.slnx")) && Directory.Exists(candidate)) return candidate;
            d = d.Parent;
        }
        return null;
    }

    private static void Measure(string name, long bytes, double seconds, Action op)
    {
        for (var i = 0; i < 3; i++) op();
        var sw = Stopwatch.StartNew();
        long n = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            op();
            n++;
        }
        var perOp = sw.Elapsed.TotalMilliseconds / n;
        Console.WriteLine($"{name,-44} {n / sw.Elapsed.TotalSeconds,10:0.0} {perOp,10:0.000} {bytes / 1e6 / (perOp / 1000),10:0.0}");
    }
}
