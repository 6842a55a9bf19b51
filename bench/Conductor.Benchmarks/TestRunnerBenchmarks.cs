using System.Diagnostics;
using System.Text;
using Conductor.Rego.Syntax;
using Conductor.Rego.Testing;

namespace Conductor.Benchmarks;

/// <summary>
/// Rego unit-test throughput: a policy with 1,000 generated tests (each runs the policy with its own input via
/// <c>with input as</c>), with and without coverage collection. Run:
/// <c>dotnet run -c Release --project bench/Conductor.Benchmarks -- testrunner [rounds]</c>.
/// </summary>
public sealed class TestRunnerBenchmarks : IBenchmarkHarness
{
    public string Name => "testrunner";

    public void Run(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
        var policy = RegoParser.ParseModule("policy.rego", """
            package bench

            default allow := false

            allow if {
            	input.actor.tenant == input.resource.tenant
            	some p in input.actor.purposes
            	p == input.resource.purpose
            	not risky
            }

            risky if {
            	input.device == "low"
            	input.action == "export"
            }

            """);
        var tests = new StringBuilder("package bench_test\n\nimport data.bench\n\n");
        for (var i = 0; i < 1000; i++)
        {
            var tenant = i % 3 == 0 ? "b" : "a";
            var expect = tenant == "a" ? "bench.allow" : "not bench.allow";
            tests.Append($"test_{i} if {{\n\t{expect} with input as {{\"actor\": {{\"tenant\": \"a\", \"purposes\": [\"x\", \"p{i}\"]}}, \"resource\": {{\"tenant\": \"{tenant}\", \"purpose\": \"p{i}\"}}, \"device\": \"high\", \"action\": \"read\"}}\n}}\n\n");
        }
        var testModule = RegoParser.ParseModule("policy_test.rego", tests.ToString());
        Console.WriteLine($"{"case",-20} {"tests",6} {"ms/run best",12} {"tests/s best",13} {"cpu s/run",10}");
        foreach (var coverage in new[] { false, true })
        {
            var options = new TestRunOptions { Coverage = coverage };
            var check = TestRunner.Run([policy, testModule], options);
            if (!check.AllPassed) throw new InvalidOperationException("benchmark tests must pass");
            var best = double.MaxValue;
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            for (var i = 0; i < rounds; i++)
            {
                var sw = Stopwatch.StartNew();
                TestRunner.Run([policy, testModule], options);
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / rounds;
            Console.WriteLine($"{(coverage ? "with coverage" : "no coverage"),-20} {1000,6} {best,12:F1} {1000 / best * 1000,13:F0} {cpu,10:F2}");
        }
    }
}
