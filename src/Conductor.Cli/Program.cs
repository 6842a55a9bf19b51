namespace Conductor.Cli;

/// <summary>Process entry point: wires the real console into <see cref="ConductorCommand"/>.</summary>
public static class Program
{
    public static int Main(string[] args) =>
        ConductorCommand.Run(args, Console.Out, Console.Error, Console.In);
}
