namespace Conductor.Benchmarks;

/// <summary>A benchmark run by name: <c>dotnet run -c Release --project bench/Conductor.Benchmarks -- NAME</c>. Found by reflection.</summary>
public interface IBenchmarkHarness
{
    string Name { get; }

    void Run(string[] args);
}
