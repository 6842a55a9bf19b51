using Conductor.Cli;

namespace Conductor.Evidence.Tests;

/// <summary>Runs the real `conductor` command in-process and captures its streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ConductorCommand.Run(args, stdout, stderr, new StringReader(""));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
