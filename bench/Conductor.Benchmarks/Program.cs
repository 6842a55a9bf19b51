using System.Reflection;

namespace Conductor.Benchmarks;

/// <summary>Runs the benchmark harnesses named on the command line (all of them with no argument).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var harnesses = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IBenchmarkHarness).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmarkHarness)Activator.CreateInstance(t)!)
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var wanted = args.Length == 0 ? harnesses.Select(h => h.Name).ToList() : [args[0]];
        foreach (var name in wanted)
        {
            var h = harnesses.FirstOrDefault(x => x.Name == name);
            if (h is null)
            {
                Console.Error.WriteLine($"unknown benchmark '{name}'; known: {string.Join(", ", harnesses.Select(x => x.Name))}");
                return 2;
            }
            Console.WriteLine($"== {h.Name} ==");
            h.Run(args.Skip(1).ToArray());
        }
        return 0;
    }
}
