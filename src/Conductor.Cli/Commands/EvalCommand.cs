using System.CommandLine;
using System.Text;
using Conductor.Rego;
using Conductor.Rego.Loading;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Cli.Commands;

/// <summary>
/// <c>conductor eval [-d PATH]... [-i FILE] [--format json|pretty|raw] [--v0-compatible] [--strict-builtin-errors]
/// [--timeout DURATION] [--explain off|notes] QUERY</c>: evaluates a query against policies and data loaded like <c>opa eval -d</c>,
/// printing OPA's output (JSON result set by default). Exit codes: 0 success (also when undefined), 1 for
/// parse, compile, input and evaluation errors, 2 for wrong usage.
/// </summary>
public static class EvalCommand
{
    /// <summary>Nesting limit for the input document; deeper input is rejected with a located error.</summary>
    public const int MaxInputDepth = JsonValueReader.DefaultMaxDepth;

    /// <summary>Builds the <c>eval</c> command; it writes only to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var data = new Option<string[]>("--data", "-d")
        {
            Description = "Rego, JSON or YAML file or directory to load (repeatable); data files go under their directory's path",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var input = new Option<string?>("--input", "-i") { Description = "Input document: a JSON or YAML file (- reads standard input)" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: json (OPA's result set), pretty (readable), raw (values only)",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "pretty", "raw");
        var v0 = new Option<bool>("--v0-compatible") { Description = "Parse modules and the query with Rego v0 syntax" };
        var strict = new Option<bool>("--strict-builtin-errors") { Description = "Treat the first builtin function error as fatal" };
        var timeout = new Option<string?>("--timeout") { Description = "Stop evaluation after this long (e.g. 5s, 250ms); 0 means no limit" };
        var explain = new Option<string>("--explain")
        {
            Description = "notes: write every trace(note) call to standard error as FILE:ROW: Note \"...\" (default off)",
            DefaultValueFactory = _ => "off",
        };
        explain.AcceptOnlyFromAmong("off", "notes");
        var query = new Argument<string>("query") { Description = "The Rego query to evaluate, e.g. data.ig.ctx.allow" };

        var command = new Command("eval", "Evaluate a Rego query against policies, data and input")
        {
            data, input, format, v0, strict, timeout, explain, query,
        };
        command.SetAction(parse =>
        {
            TimeSpan? limit = null;
            var timeoutText = parse.GetValue(timeout);
            if (timeoutText is not null)
            {
                if (!GoDurations.TryParse(timeoutText, out var t))
                    throw new CliUsageException($"invalid --timeout '{timeoutText}': use a duration such as 5s, 250ms or 1m30s");
                if (t > TimeSpan.Zero) limit = t;
            }
            var settings = new EvalSettings(
                parse.GetValue(query)!,
                parse.GetValue(data) ?? [],
                parse.GetValue(input),
                parse.GetValue(format) ?? "json",
                parse.GetValue(v0),
                parse.GetValue(strict),
                limit,
                parse.GetValue(explain) == "notes");
            return Execute(console, settings);
        });
        return command;
    }

    internal sealed record EvalSettings(
        string Query, IReadOnlyList<string> DataPaths, string? InputPath, string Format,
        bool V0Compatible, bool StrictBuiltinErrors, TimeSpan? Timeout, bool ExplainNotes = false);

    /// <summary>Stack for the evaluation thread: the evaluator recurses, and a deep policy must end in its depth-limit error, not a crash.</summary>
    private const int EvaluationStackBytes = 256 * 1024 * 1024;

    internal static int Execute(CliConsole console, EvalSettings settings)
    {
        var code = 0;
        Exception? escaped = null;
        var thread = new Thread(() =>
        {
            try
            {
                code = ExecuteOnThisThread(console, settings);
            }
            catch (Exception e)
            {
                escaped = e;
            }
        }, EvaluationStackBytes) { Name = "conductor-eval" };
        thread.Start();
        thread.Join();
        // Usage errors raised while evaluating (none today) keep their meaning for the caller.
        if (escaped is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(escaped).Throw();
        return code;
    }

    private static int ExecuteOnThisThread(CliConsole console, EvalSettings settings)
    {
        PreparedQuery prepared;
        QueryResult result;
        try
        {
            (prepared, result) = Evaluate(console, settings);
        }
        catch (RegoException e)
        {
            WriteErrors(console, settings.Format, e.Errors);
            return 1;
        }
        catch (OperationCanceledException)
        {
            WriteErrors(console, settings.Format, [new RegoError(RegoErrorCodes.CancelError, "caller cancelled query execution")]);
            return 1;
        }
        catch (InsufficientExecutionStackException)
        {
            WriteErrors(console, settings.Format, [new RegoError(RegoErrorCodes.DepthLimitError, "value nested too deeply to evaluate or print")]);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect in the engine must still end as a reported error, never a crash with a stack trace.
            WriteErrors(console, settings.Format, [new RegoError(RegoErrorCodes.InternalError, e.Message)]);
            return 1;
        }

        try
        {
            var text = settings.Format switch
            {
                "pretty" => EvalOutputFormatter.Pretty(prepared, result),
                "raw" => EvalOutputFormatter.Raw(result),
                _ => EvalOutputFormatter.Json(prepared, result),
            };
            console.Out.Write(text);
        }
        catch (InsufficientExecutionStackException)
        {
            WriteErrors(console, settings.Format, [new RegoError(RegoErrorCodes.DepthLimitError, "result nested too deeply to print")]);
            return 1;
        }
        return 0;
    }

    private static (PreparedQuery, QueryResult) Evaluate(CliConsole console, EvalSettings settings)
    {
        var parseOptions = RegoParseOptions.Default with { Version = settings.V0Compatible ? RegoVersion.V0 : RegoVersion.V1 };
        var loaded = PolicyLoader.Load(settings.DataPaths, new PolicyLoadOptions { ParseOptions = parseOptions });
        var input = settings.InputPath is null ? null : ReadInput(console, settings.InputPath);

        var policy = CompiledPolicy.Compile(loaded.Modules);
        var prepared = policy.Prepare(settings.Query, parseOptions);

        using var cancel = new CancellationTokenSource();
        if (settings.Timeout is { } t) cancel.CancelAfter(t);
        var result = prepared.Evaluate(new EvaluationOptions
        {
            Input = input,
            Data = loaded.Data,
            Timeout = settings.Timeout,
            Cancellation = cancel.Token,
            StrictBuiltinErrors = settings.StrictBuiltinErrors,
            // OPA prints print() output on standard error, leaving standard output to the result.
            Print = (_, message) => console.Error.WriteLine(message),
            Trace = settings.ExplainNotes ? (at, note) => console.Error.WriteLine(FormatNote(at, note)) : null,
        });
        return (prepared, result);
    }

    /// <summary>One trace note as <c>--explain notes</c> writes it: <c>policy.rego:7: Note "text"</c>.</summary>
    internal static string FormatNote(SourceLocation? at, string note)
    {
        var where = at is { } l ? $"{l.File}:{l.Row}" : "query";
        return $"{where}: Note {GoStyleJsonWriter.Compact(new StringValue(note))}";
    }

    private static Value ReadInput(CliConsole console, string path)
    {
        string text;
        var name = path;
        if (path == "-")
        {
            text = console.In.ReadToEnd();
            name = "stdin";
        }
        else
        {
            if (!File.Exists(path))
                throw new RegoException(RegoErrorCodes.InvalidInput, $"{path}: no such file");
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RegoException(RegoErrorCodes.InvalidInput, $"{path}: {e.Message}");
            }
        }
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".yaml" or ".yml"
            ? YamlValueReader.Parse(text, name, MaxInputDepth)
            : JsonValueReader.Parse(text, name, MaxInputDepth);
    }

    private static void WriteErrors(CliConsole console, string format, IReadOnlyList<RegoError> errors)
    {
        if (format == "json")
        {
            // OPA reports errors in the output document itself, on standard output.
            console.Out.Write(EvalOutputFormatter.JsonErrors(errors));
            return;
        }
        console.Error.WriteLine(EvalOutputFormatter.ErrorText(errors));
    }
}
