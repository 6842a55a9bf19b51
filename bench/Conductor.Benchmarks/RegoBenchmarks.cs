using System.Diagnostics;
using System.Text;
using Conductor.Rego;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Benchmarks;

/// <summary>
/// Rego evaluation throughput on one thread, policy compiled once and input parsed once:
/// (a) seed 001's contextual ABAC policy; (b) 1,000 rules keyed on input.action vs 1 rule;
/// (c) a rule scanning 10,000 records in data.
/// </summary>
public sealed class RegoBenchmarks : IBenchmarkHarness
{
    public string Name => "rego";

    private const string Seed001 = """
        package ig.ctx

        import future.keywords.if

        default allow := false

        allow if {
          input.actor.tenant == input.resource.tenant
          input.actor.purposes[_] == input.resource.purpose
          not high_risk_device
        }

        high_risk_device if {
          input.context.device_trust == "low"
          input.action == "export"
        }

        explanation[msg] {
          not allow
          msg := "tenant or purpose mismatch or high-risk device"
        }
        """;

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 2.0;
        // Rates are per second of this thread's CPU time, so other load on the machine does not skew them.
        Console.WriteLine($"{"case",-48} {"evals/cpu-s",14} {"µs/eval",10} {"result",10}");

        Calibrate(seconds);
        var abacInput = JsonValueReader.Parse("""
            {"actor":{"id":"u1","tenant":"acme","purposes":["investigation","audit"]},
             "resource":{"id":"r9","tenant":"acme","purpose":"audit"},
             "action":"read","context":{"device_trust":"high","network_zone":"corp","session_risk":0.1}}
            """);
        Measure("(a) seed 001 ig.ctx allow", Compile(Seed001, RegoVersion.V0), "data.ig.ctx.allow", abacInput, null, seconds);

        var many = new StringBuilder("package bench\n\n");
        for (var i = 0; i < 1000; i++)
        {
            many.Append($"allow if {{\n  input.action == \"action_{i}\"\n  input.user == \"alice\"\n}}\n\n");
        }
        var one = "package bench\n\nallow if {\n  input.action == \"action_500\"\n  input.user == \"alice\"\n}\n";
        var actionInput = JsonValueReader.Parse("""{"action":"action_500","user":"alice"}""");
        var rOne = Measure("(b) 1 rule keyed on input.action", Compile(one, RegoVersion.V1), "data.bench.allow", actionInput, null, seconds);
        var rMany = Measure("(b) 1,000 rules keyed on input.action", Compile(many.ToString(), RegoVersion.V1), "data.bench.allow", actionInput, null, seconds);
        Console.WriteLine($"{"(b) 1,000-rule time / 1-rule time",-48} {rOne / rMany,14:F2}x");

        var records = new StringBuilder("{\"records\":[");
        for (var i = 0; i < 10000; i++)
        {
            if (i > 0) records.Append(',');
            records.Append($"{{\"id\":\"rec{i}\",\"owner\":\"user{i % 100}\",\"size\":{i}}}");
        }
        records.Append("]}");
        var data = JsonValueReader.Parse(records.ToString());
        const string scan = """
            package scan

            mine contains r.id if {
              some r in data.records
              r.owner == input.user
            }
            """;
        Measure("(c) scan 10,000 records (set of matches)", Compile(scan, RegoVersion.V1), "data.scan.mine", JsonValueReader.Parse("""{"user":"user42"}"""), data, seconds);
        const string scanAny = """
            package scan

            allow if {
              some r in data.records
              r.owner == input.user
            }
            """;
        Measure("(e) scan, compare with a constant", Compile("package scan\n\nallow if {\n  some r in data.records\n  r.owner == \"nobody\"\n}\n", RegoVersion.V1), "data.scan.allow", JsonValueReader.Parse("{}"), data, seconds);
        Measure("(d) count(data.records), no iteration", Compile("package scan\n\nn := count(data.records)\n", RegoVersion.V1), "data.scan.n", JsonValueReader.Parse("{}"), data, seconds);
        Measure("(d) iterate 10,000 records, no test", Compile("package scan\n\nn := count([1 | some r in data.records])\n", RegoVersion.V1), "data.scan.n", JsonValueReader.Parse("{}"), data, seconds);
        Measure("(d) iterate 10,000 records, ref test", Compile("package scan\n\nn := count([1 | some r in data.records; r.owner])\n", RegoVersion.V1), "data.scan.n", JsonValueReader.Parse("{}"), data, seconds);
        Measure("(c') scan until no match (10,000 records)", Compile(scanAny, RegoVersion.V1), "data.scan.allow", JsonValueReader.Parse("""{"user":"nobody"}"""), data, seconds);
    }

    /// <summary>A fixed loop (10,000 delegate calls over an array of values) to judge the machine's speed under its current load.</summary>
    private static void Calibrate(double seconds)
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (Value)NumberValue.Of(i)).ToArray();
        Func<Value, bool> f = v => v.Kind == ValueKind.Number;
        var n = 0L;
        var hits = 0L;
        var cpu0 = ThreadCpu.Now();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < Math.Min(seconds, 1))
        {
            foreach (var v in values) if (f(v)) hits++;
            n++;
        }
        var rate = n / (ThreadCpu.Now() - cpu0).TotalSeconds;
        Console.WriteLine($"{"calibration: 10,000 delegate calls",-48} {rate,14:N0} {1e6 / rate,10:F2} {hits > 0,10}");
    }

    private static CompiledPolicy Compile(string source, RegoVersion version) =>
        CompiledPolicy.Compile([RegoParser.ParseModule("bench.rego", source, new RegoParseOptions { Version = version })]);

    /// <summary>Runs the query repeatedly for the given time; returns evaluations per second.</summary>
    private static double Measure(string name, CompiledPolicy policy, string query, Value input, Value? data, double seconds)
    {
        var prepared = policy.Prepare(query);
        var options = new EvaluationOptions { Input = input, Data = data };
        var result = prepared.Evaluate(options);
        var shown = result.IsUndefined ? "undefined" : Shorten(result.Rows[0].Expressions[0].ToJson());
        // Warm up (tiered JIT), then measure.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(1.0, seconds / 2)) prepared.Evaluate(options);
        var n = 0L;
        var cpu0 = ThreadCpu.Now();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 16; i++) prepared.Evaluate(options);
            n += 16;
        }
        var rate = n / (ThreadCpu.Now() - cpu0).TotalSeconds;
        Console.WriteLine($"{name,-48} {rate,14:N0} {1e6 / rate,10:F2} {shown,10}");
        return rate;
    }

    private static string Shorten(string s) => s.Length <= 10 ? s : s[..7] + "...";
}
