using System.Diagnostics;
using Conductor.Rego;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Benchmarks;

/// <summary>
/// regex.match, regex.find_all_string_submatch_n and glob.match through the builtin registry on inputs of 30 B,
/// 1 KB and 10 KB, including the catastrophic-backtracking pattern (a+)+$ on "aaa…X", to show time grows linearly.
/// <c>dotnet run -c Release --project bench/Conductor.Benchmarks -- regex [seconds-per-case]</c>
/// </summary>
public sealed class RegexBenchmarks : IBenchmarkHarness
{
    public string Name => "regex";

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0.5;
        Console.WriteLine($"{"case",-52} {"size",7} {"ns/op",12} {"ns/byte",9} {"result",8}");
        foreach (var size in new[] { 30, 1024, 10 * 1024 })
        {
            var evil = new string('a', size - 1) + "X";
            Measure("regex.match (a+)+$ on aaa...X", size, "regex.match", [new StringValue("(a+)+$"), new StringValue(evil)], seconds);
            var words = Words(size);
            Measure("regex.match ^([a-z]+ )*[a-z]+$ on words", size, "regex.match", [new StringValue("^([a-z]+ )*[a-z]+$"), new StringValue(words)], seconds);
            Measure("regex.find_all_string_submatch_n (\\w)(\\w+)", size, "regex.find_all_string_submatch_n",
                [new StringValue(@"(\w)(\w+)"), new StringValue(words), NumberValue.Of(-1)], seconds);
            var host = string.Join('.', Enumerable.Repeat("abcd", Math.Max(1, size / 5))) + ".x";
            Measure("glob.match *.*.**.y on host", size, "glob.match",
                [new StringValue("*.*.**.y"), new ArrayValue([new StringValue(".")]), new StringValue(host[..Math.Min(host.Length, size)])], seconds);
        }
    }

    private static string Words(int size)
    {
        var words = new System.Text.StringBuilder();
        while (words.Length < size) words.Append(words.Length == 0 ? "" : " ").Append("lorem");
        return words.ToString(0, size).TrimEnd(' ');
    }

    private static void Measure(string label, int size, string builtin, Value[] args, double seconds)
    {
        if (!BuiltinRegistry.Default.TryGet(builtin, out var def)) throw new InvalidOperationException(builtin);
        var context = new BuiltinContext(new EvaluationOptions());
        Value? result = null;
        // NonBacktracking builds its automaton lazily and the JIT tiers up: warm up before measuring.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < seconds) result = def.Function!(context, args);
        var sw = Stopwatch.StartNew();
        long ops = 0;
        var budget = TimeSpan.FromSeconds(seconds);
        while (sw.Elapsed < budget)
        {
            for (var i = 0; i < 8; i++) result = def.Function!(context, args);
            ops += 8;
        }
        sw.Stop();
        var ns = sw.Elapsed.TotalNanoseconds / ops;
        var shown = result switch { ArrayValue a => $"{a.Count} hits", null => "undef", var v => v.ToString() };
        Console.WriteLine($"{label,-52} {size,7} {ns,12:F0} {ns / size,9:F2} {shown,8}");
    }
}
