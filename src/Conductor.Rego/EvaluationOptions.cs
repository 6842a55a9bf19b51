using Conductor.Rego.Values;

namespace Conductor.Rego;

/// <summary>Everything one query evaluation takes; the host sets these explicitly.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The <c>input</c> document; null means input is undefined.</summary>
    public Value? Input { get; init; }

    /// <summary>The base <c>data</c> document (merged with the policy's rules); null means an empty object.</summary>
    public Value? Data { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>A deadline for the evaluation; past it, an <c>eval_cancel_error</c> is raised.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Maximum depth of rule/function calls and comprehensions; deeper raises <c>eval_depth_limit_error</c>.</summary>
    public int MaxDepth { get; init; } = 2000;

    /// <summary>Raise builtin errors instead of treating the expression as undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Random source for rand.* builtins; null uses a shared random.</summary>
    public Random? Random { get; init; }

    /// <summary>Receives <c>print</c> output with the location of the call.</summary>
    public Action<SourceLocation?, string>? Print { get; init; }

    /// <summary>Receives the note of every <c>trace(note)</c> call with the location of the call; null drops them.</summary>
    public Action<SourceLocation?, string>? Trace { get; init; }

    /// <summary>Hosts <c>http.send</c> may call; null or empty disables http.send (an eval_builtin_error, never a connection).</summary>
    public IReadOnlySet<string>? HttpSendAllowedHosts { get; init; }

    /// <summary>
    /// Receives the location of every expression the evaluator runs and of every rule head that produces a value
    /// (for test coverage); null costs nothing.
    /// </summary>
    public Action<SourceLocation>? Coverage { get; init; }

    /// <summary>Receives the case path of every <c>internal.test_case</c> call (parameterized tests); set by the test runner.</summary>
    internal Action<ArrayValue>? TestCaseEntered { get; init; }

    /// <summary>The value of <c>opa.runtime()</c>.</summary>
    public Value? Runtime { get; init; }
}
