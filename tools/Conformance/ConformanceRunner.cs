using System.Diagnostics;
using Conductor.Rego;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Conformance;

/// <summary>
/// Runs conformance cases with the semantics of OPA's own runner (<c>topdown.TestRego</c>): modules named
/// <c>test-N.rego</c>; results compared as a set of binding objects after conversion to JSON values (numbers by
/// value, sets as sorted arrays); <c>sort_bindings</c> sorts array bindings; <c>want_error</c> is a substring of
/// the error text ("file:row: code: message"), <c>want_error_code</c> the error's code. Each case runs in
/// isolation on its own thread with a time limit (passed to the engine and as a cancellation) and a watchdog, so
/// a hung case is reported as failed rather than waited on.
/// </summary>
public sealed class ConformanceRunner
{
    /// <summary>Time limit given to the engine for one case.</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra time after <see cref="CaseTimeout"/> before the watchdog gives up on a case that ignores cancellation.</summary>
    public TimeSpan WatchdogGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Cases run at once (each case is independent: its own policy, data, input and thread).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Stack for each case's thread: deep recursion in a policy must end in an engine error, not kill the run.</summary>
    public int CaseStackBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Runs every case; the outcomes are in the order of <paramref name="cases"/>.</summary>
    public IReadOnlyList<ConformanceOutcome> RunAll(IReadOnlyList<ConformanceCase> cases, Action<ConformanceOutcome>? onOutcome = null)
    {
        var outcomes = new ConformanceOutcome[cases.Count];
        var next = -1;
        var workers = new Thread[Math.Max(1, Math.Min(Parallelism, cases.Count))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < cases.Count)
                {
                    outcomes[i] = Run(cases[i]);
                    onOutcome?.Invoke(outcomes[i]);
                }
            }) { IsBackground = true, Name = "conformance-worker" };
            workers[w].Start();
        }
        foreach (var t in workers) t.Join();
        return outcomes;
    }

    /// <summary>Runs one case on a fresh thread and waits at most <see cref="CaseTimeout"/> plus <see cref="WatchdogGrace"/>.</summary>
    public ConformanceOutcome Run(ConformanceCase c)
    {
        if (c.LoadError is not null) return new ConformanceOutcome(c, false, c.LoadError, TimeSpan.Zero);
        var sw = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(CaseTimeout);
        string? reason = null;
        var thread = new Thread(() =>
        {
            try
            {
                reason = Check(c, CaseTimeout, cancel.Token);
            }
            catch (Exception e)
            {
                reason = "runner error: " + OneLine(e.Message);
            }
        }, CaseStackBytes) { IsBackground = true, Name = "conformance-case" };
        thread.Start();
        if (!thread.Join(CaseTimeout + WatchdogGrace))
        {
            cancel.Cancel();
            // The thread cannot be stopped; it is a background thread and is left to finish or die with the process.
            return new ConformanceOutcome(c, false, $"hung: no result after {(CaseTimeout + WatchdogGrace).TotalSeconds:0.#} s (watchdog)", sw.Elapsed);
        }
        return new ConformanceOutcome(c, reason is null, reason, sw.Elapsed);
    }

    /// <summary>Evaluates a case; null when it passes, else why it failed (one line).</summary>
    public static string? Check(ConformanceCase c, TimeSpan timeout, CancellationToken cancellation)
    {
        var parseOptions = RegoParseOptions.Default with { Version = c.Version };
        var printed = new List<string>();
        QueryResult result;
        try
        {
            var modules = new List<Module>(c.Modules.Count);
            for (var i = 0; i < c.Modules.Count; i++) modules.Add(RegoParser.ParseModule($"test-{i}.rego", c.Modules[i], parseOptions));
            var policy = CompiledPolicy.Compile(modules);
            var query = policy.Prepare(c.Query, parseOptions);
            var input = c.Input ?? (c.InputTerm is null ? null : EvaluateTerm(c.InputTerm, parseOptions, timeout, cancellation));
            result = query.Evaluate(new EvaluationOptions
            {
                Input = input,
                Data = c.Data,
                Timeout = timeout,
                Cancellation = cancellation,
                StrictBuiltinErrors = c.StrictError,
                Print = (_, message) =>
                {
                    lock (printed) printed.Add(message);
                },
                // As OPA's case runner: no runtime is configured unless the case sets env, so opa.runtime() is {}.
                Runtime = c.Env.Count == 0 ? ObjectValue.Empty : RuntimeWithEnv(c.Env),
            });
        }
        catch (RegoException e)
        {
            return CheckError(c, e.Errors, e.Message);
        }
        catch (OperationCanceledException)
        {
            return CheckError(c, [new RegoError(RegoErrorCodes.CancelError, "caller cancelled query execution")], "eval_cancel_error: caller cancelled query execution");
        }
        catch (Exception e)
        {
            return $"engine raised {e.GetType().Name}: {OneLine(e.Message)}";
        }
        result = TopdownSolutions(result);

        if (c.WantError is not null || c.WantErrorCode is not null)
        {
            var what = c.WantErrorCode ?? "";
            if (c.WantError is not null) what = (what.Length > 0 ? what + " " : "") + Quote(c.WantError);
            return $"expected error {what} but got {(result.IsUndefined ? "undefined" : Limit(RowsText(result, c)))}";
        }
        if (c.WantOutput is not null)
        {
            var got = string.Join("\n", printed).TrimEnd('\n');
            if (got != c.WantOutput.TrimEnd('\n')) return $"print output: want {Quote(c.WantOutput)} got {Quote(got)}";
        }
        if (c.WantResult is not null)
        {
            var want = new SetValue(c.WantResult.Select(o => ToJsonValue(o)));
            var got = GotSet(result, c);
            if (!want.Equals(got)) return $"unexpected result: want {Limit(want.ToString())} got {Limit(got.ToString())}";
            return null;
        }
        if (c.WantDefined is { } defined)
        {
            if (defined == result.IsUndefined) return defined ? "want defined, got undefined" : $"want undefined, got {Limit(RowsText(result, c))}";
            return null;
        }
        // No expectation but the output: the query must be undefined.
        if (c.WantOutput is null && !result.IsUndefined) return $"want undefined, got {Limit(RowsText(result, c))}";
        return null;
    }

    /// <summary>
    /// The solutions OPA's runner sees. The engine reports a top-level expression that is false as a solution with
    /// value false (as <c>opa eval</c> prints it); OPA's runner evaluates the query directly, where such an
    /// expression simply fails, so those rows are dropped.
    /// </summary>
    private static QueryResult TopdownSolutions(QueryResult result)
    {
        var keep = result.Rows.Where(r => !r.Expressions.Any(e => e is BooleanValue { Value: false })).ToList();
        return keep.Count == result.Rows.Count ? result : new QueryResult(keep);
    }

    private static string? CheckError(ConformanceCase c, IReadOnlyList<RegoError> errors, string message)
    {
        var text = OneLine(string.Join("; ", errors.Select(ErrorText)));
        if (c.WantError is null && c.WantErrorCode is null) return "unexpected error: " + Limit(text);
        if (c.WantErrorCode is not null && !errors.Any(e => e.Code == c.WantErrorCode))
            return $"want error code {c.WantErrorCode}, got {Limit(text)}";
        if (c.WantError is not null && !message.Contains(c.WantError, StringComparison.Ordinal) &&
            !errors.Any(e => ErrorText(e).Contains(c.WantError, StringComparison.Ordinal)))
            return $"want error containing {Quote(c.WantError)}, got {Limit(text)}";
        return null;
    }

    /// <summary>An error as OPA's Go error string: "file:row: code: message", or "row:col: code: message" without a file.</summary>
    public static string ErrorText(RegoError e)
    {
        var text = $"{e.Code}: {e.Message}";
        if (e.Location is not { } loc) return text;
        return (loc.File.Length > 0 ? $"{loc.File}:{loc.Row}" : $"{loc.Row}:{loc.Col}") + ": " + text;
    }

    private static Value EvaluateTerm(string term, RegoParseOptions parseOptions, TimeSpan timeout, CancellationToken cancellation)
    {
        var body = RegoParser.ParseQuery(term, parseOptions);
        var r = CompiledPolicy.Compile([]).Prepare(body).Evaluate(new EvaluationOptions { Timeout = timeout, Cancellation = cancellation });
        if (r.IsUndefined || r.Rows[0].Expressions.Count != 1) throw new RegoException(RegoErrorCodes.InvalidInput, $"input_term {term} has no single value");
        return r.Rows[0].Expressions[0];
    }

    private static ObjectValue RuntimeWithEnv(IReadOnlyDictionary<string, string> env)
    {
        var e = new ObjectBuilder();
        foreach (var (k, v) in env) e.Set(k, new StringValue(v));
        var o = new ObjectBuilder();
        o.Set("env", e.Build());
        return o.Build();
    }

    private static SetValue GotSet(QueryResult result, ConformanceCase c)
    {
        var rows = new List<Value>(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            var o = new ObjectBuilder();
            foreach (var (name, value) in row.Bindings)
            {
                if (c.IgnoreGeneratedVars && (name.StartsWith("__localq", StringComparison.Ordinal) || name.StartsWith('$'))) continue;
                var v = ToJsonValue(value);
                if (c.SortBindings && v is ArrayValue a)
                {
                    var items = a.Items.ToArray();
                    Array.Sort(items);
                    v = new ArrayValue(items);
                }
                o.Set(name, v);
            }
            rows.Add(o.Build());
        }
        return new SetValue(rows);
    }

    private static string RowsText(QueryResult result, ConformanceCase c) => GotSet(result, c).ToString();

    /// <summary>A value as OPA's runner sees it after its JSON round trip: sets become sorted arrays, object keys strings.</summary>
    public static Value ToJsonValue(Value v)
    {
        switch (v)
        {
            case SetValue s:
            {
                var items = new Value[s.Count];
                var i = 0;
                foreach (var item in s.Sorted) items[i++] = ToJsonValue(item);
                return new ArrayValue(items);
            }
            case ArrayValue a:
            {
                var items = new Value[a.Count];
                for (var i = 0; i < items.Length; i++) items[i] = ToJsonValue(a[i]);
                return new ArrayValue(items);
            }
            case ObjectValue o:
            {
                var b = new ObjectBuilder(o.Count);
                foreach (var kv in o.Entries) b.Set(kv.Key is StringValue ? kv.Key : new StringValue(kv.Key.ToJson()), ToJsonValue(kv.Value));
                return b.Build();
            }
            default:
                return v;
        }
    }

    private static string Quote(string s) => "\"" + OneLine(s) + "\"";

    private static string OneLine(string s) => s.Replace("\r", "").Replace("\n", "\\n");

    private static string Limit(string s)
    {
        s = OneLine(s);
        return s.Length <= 400 ? s : s[..400] + "...";
    }
}
