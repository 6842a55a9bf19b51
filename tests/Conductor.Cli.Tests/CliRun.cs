namespace Conductor.Cli.Tests;

/// <summary>Runs the real `conductor` command in-process with captured streams.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args) => WithStdin("", args);

    public static CliRun WithStdin(string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = ConductorCommand.Run(args, stdout, stderr, new StringReader(stdin));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
