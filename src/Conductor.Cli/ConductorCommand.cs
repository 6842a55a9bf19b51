using System.CommandLine;

namespace Conductor.Cli;

/// <summary>
/// The root `conductor` command. Each command group lives in its own file under Commands/ and is added
/// here with one line; tests call <see cref="Run"/> in-process with their own writers.
/// </summary>
public static class ConductorCommand
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("Conductor: policy-as-code decisions, a provenance ledger and verifiable evidence.");
        // Command groups (one line each).
        root.Subcommands.Add(Commands.EvalCommand.Create(console));
        root.Subcommands.Add(Commands.KeysCommand.Build(console));
        root.Subcommands.Add(Commands.LedgerCommand.Build(console));
        root.Subcommands.Add(Commands.SigstoreCommand.Build(console));
        root.Subcommands.Add(Commands.EvidenceCommand.Build(console));
        root.Subcommands.Add(Commands.TestCommand.Create(console));
        root.Subcommands.Add(Commands.CheckCommand.Create(console));
        root.Subcommands.Add(Commands.CapabilitiesCommand.Create(console));
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var console = new CliConsole(stdout, stderr, stdin);
        var root = Build(console);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            var code = parse.Invoke(config);
            // System.CommandLine reports parse errors with exit code 1; usage errors are 2 for us, as for opa.
            if (parse.Errors.Count > 0) return 2;
            return code;
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (CliFailureException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }
}
