using System.CommandLine;
using Conductor.Rego;

namespace Conductor.Cli.Commands;

/// <summary>
/// <c>conductor check PATH... [--strict] [--v0-compatible]</c>: parses and compiles policies without evaluating
/// them, listing problems as <c>opa check</c> does (<c>N errors occurred:</c> then <c>file:row: code: message</c>).
/// Exit codes: 0 when everything compiles, 1 on errors, 2 for wrong usage.
/// </summary>
public static class CheckCommand
{
    /// <summary>Builds the <c>check</c> command; it writes only to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "Rego files or directories to check", Arity = ArgumentArity.OneOrMore };
        var strict = new Option<bool>("--strict", "-S")
        {
            Description = "Also reject unused local variables and imports, duplicate imports, deprecated builtins and input/data shadowed by :=",
        };
        var v0 = new Option<bool>("--v0-compatible") { Description = "Parse modules with Rego v0 syntax (a bundle .manifest's versions still apply)" };
        var command = new Command("check", "Parse and compile Rego policies, reporting errors") { paths, strict, v0 };
        command.SetAction(parse => Execute(console, parse.GetValue(paths) ?? [], parse.GetValue(strict), parse.GetValue(v0)));
        return command;
    }

    internal static int Execute(CliConsole console, IReadOnlyList<string> paths, bool strict, bool v0Compatible)
    {
        try
        {
            var loaded = PolicyPathLoader.Load(paths, v0Compatible);
            CompiledPolicy.Compile(loaded.Modules, CompileOptions.Default with { Strict = strict });
            return 0;
        }
        catch (RegoException e)
        {
            console.Out.WriteLine(EvalOutputFormatter.ErrorText(e.Errors));
            return 1;
        }
    }
}
