using System.Text.Json;

namespace Conductor.Conformance;

/// <summary>
/// <c>dotnet run --project tools/Conformance -c Release -- PATH... [--json FILE] [--base DIR] [--timeout SECONDS] [--parallel N]</c>:
/// runs every conformance case under the paths, prints <c>FAIL file note: reason</c> per failing case and ends with
/// <c>N passed, M failed</c>. File names are relative to <c>--base</c> (default: the current directory), so
/// <c>--base ../shared/conformance</c> prints lines in the form known-failures.txt uses. Exits 0 whatever the counts; 2 when it cannot run (bad arguments, missing paths).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var paths = new List<string>();
        string? jsonFile = null;
        var baseDirectory = Directory.GetCurrentDirectory();
        var runner = new ConformanceRunner();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--json":
                        jsonFile = Next(args, ref i);
                        break;
                    case "--timeout":
                        runner = new ConformanceRunner { CaseTimeout = TimeSpan.FromSeconds(double.Parse(Next(args, ref i), System.Globalization.CultureInfo.InvariantCulture)), Parallelism = runner.Parallelism };
                        break;
                    case "--base":
                        baseDirectory = Path.GetFullPath(Next(args, ref i));
                        break;
                    case "--parallel":
                        runner = new ConformanceRunner { CaseTimeout = runner.CaseTimeout, Parallelism = int.Parse(Next(args, ref i), System.Globalization.CultureInfo.InvariantCulture) };
                        break;
                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unknown option {args[i]}");
                        paths.Add(args[i]);
                        break;
                }
            }
            if (paths.Count == 0) throw new ArgumentException("give at least one file or directory of cases");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"conformance: {e.Message}");
            Console.Error.WriteLine("usage: Conformance PATH... [--json FILE] [--base DIR] [--timeout SECONDS] [--parallel N]");
            return 2;
        }

        IReadOnlyList<ConformanceCase> cases;
        try
        {
            cases = ConformanceCaseLoader.Load(paths, baseDirectory);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"conformance: {e.Message}");
            return 2;
        }

        var outcomes = runner.RunAll(cases);
        var passed = 0;
        foreach (var o in outcomes)
        {
            if (o.Passed) passed++;
            else Console.WriteLine(o.FailLine);
        }
        Console.WriteLine($"{passed} passed, {outcomes.Count - passed} failed");
        if (jsonFile is not null) WriteJson(jsonFile, outcomes);
        return 0;
    }

    private static string Next(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static void WriteJson(string file, IReadOnlyList<ConformanceOutcome> outcomes)
    {
        using var stream = File.Create(file);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("passed", outcomes.Count(o => o.Passed));
        w.WriteNumber("failed", outcomes.Count(o => !o.Passed));
        w.WriteStartArray("cases");
        foreach (var o in outcomes)
        {
            w.WriteStartObject();
            w.WriteString("file", o.Case.File);
            w.WriteString("note", o.Case.Note);
            w.WriteBoolean("passed", o.Passed);
            if (o.Reason is not null) w.WriteString("reason", o.Reason);
            w.WriteNumber("elapsed_ms", Math.Round(o.Elapsed.TotalMilliseconds, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
