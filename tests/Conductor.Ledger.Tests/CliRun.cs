using Conductor.Cli;

namespace Conductor.Ledger.Tests;

/// <summary>Runs `conductor` in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Invoke(params string[] args) => InvokeWithInput("", args);

    public static CliRun InvokeWithInput(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = ConductorCommand.Run(args, o, e, new StringReader(stdin));
        return new CliRun(code, o.ToString(), e.ToString());
    }
}
