using System.Diagnostics;
using Conductor.Rego;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Benchmarks;

/// <summary>
/// Direct calls of core builtins (no evaluator): aggregates over 100,000 elements, sort, walk of a
/// 10,000-node document, object.union of 1,000-key objects, numbers.range and big-integer arithmetic.
/// </summary>
public sealed class CoreBuiltinBenchmarks : IBenchmarkHarness
{
    public string Name => "builtins-core";

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 1.0;
        Console.WriteLine($"{"case",-44} {"calls/s",14} {"µs/call",12}");
        var ints = new ArrayValue(Enumerable.Range(0, 100_000).Select(i => (Value)NumberValue.Of(i)).ToArray());
        var floats = new ArrayValue(Enumerable.Range(0, 100_000).Select(i => (Value)NumberValue.Of(i + 0.25)!).ToArray());
        var random = new Random(7);
        var mixed = new ArrayValue(Enumerable.Range(0, 100_000)
            .Select(i => i % 3 == 0 ? (Value)new StringValue("s" + random.Next()) : NumberValue.Of(random.Next())).ToArray());
        var doc = BuildDocument(10, 4);
        var left = BuildObject(0);
        var right = BuildObject(500);
        var big = NumberValue.Parse("5786314899744711870314487313338784069375375316866554430539107712879654609997")!;
        var big2 = NumberValue.Parse("3029613346087335900692057905494693632329204701910191321772183583923555603055")!;

        Measure("sum(100k integers)", "sum", seconds, ints);
        Measure("sum(100k fractions)", "sum", seconds, floats);
        Measure("max(100k integers)", "max", seconds, ints);
        Measure("sort(100k numbers and strings)", "sort", seconds, mixed);
        Measure("count(100k array)", "count", seconds, ints);
        Measure("object.union(1k keys, 1k keys)", "object.union", seconds, left, right);
        Measure("numbers.range(1, 100000)", "numbers.range", seconds, NumberValue.One, NumberValue.Of(100_000));
        Measure("mul(252-bit, 252-bit)", "mul", seconds, big, big2);
        Measure("plus(1, 2)", "plus", seconds, NumberValue.One, NumberValue.Of(2));
        Measure("plus(0.1, 0.2)", "plus", seconds, NumberValue.Parse("0.1")!, NumberValue.Parse("0.2")!);

        BuiltinRegistry.Default.TryGet("walk", out var walk);
        var context = new BuiltinContext(new EvaluationOptions());
        var nodes = walk.Relation!(context, [doc]).Count();
        Run($"walk({nodes}-node document)", seconds, () => walk.Relation!(context, [doc]).Count());
    }

    private static Value BuildDocument(int fanout, int depth)
    {
        if (depth == 0) return new StringValue("leaf");
        var b = new ObjectBuilder(fanout);
        for (var i = 0; i < fanout; i++) b.Set("k" + i, i % 2 == 0 ? BuildDocument(fanout, depth - 1) : new ArrayValue([NumberValue.Of(i), BuildDocument(1, depth - 1)]));
        return b.Build();
    }

    private static ObjectValue BuildObject(int offset)
    {
        var b = new ObjectBuilder(1000);
        for (var i = 0; i < 1000; i++) b.Set("key" + (i + offset), NumberValue.Of(i));
        return b.Build();
    }

    private static void Measure(string label, string name, double seconds, params Value[] args)
    {
        BuiltinRegistry.Default.TryGet(name, out var def);
        var context = new BuiltinContext(new EvaluationOptions());
        Run(label, seconds, () => def.Function!(context, args));
    }

    private static void Run(string label, double seconds, Action call)
    {
        for (var i = 0; i < 3; i++) call();
        var sw = Stopwatch.StartNew();
        long n = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            call();
            n++;
        }
        var perSecond = n / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{label,-44} {perSecond,14:N0} {1e6 / perSecond,12:N2}");
    }
}
