using Conductor.Rego.Values;

namespace Conductor.Rego.Testing;

/// <summary>Options for <see cref="TestRunner.Run"/>.</summary>
public sealed record TestRunOptions
{
    /// <summary>The base <c>data</c> document the tests see; null means an empty object.</summary>
    public Value? Data { get; init; }

    /// <summary>
    /// Only tests whose full name (<c>data.pkg.test_x</c>) matches this regular expression somewhere run, as with
    /// <c>opa test --run</c>; null runs every test. It is compiled with <c>RegexOptions.NonBacktracking</c>, so
    /// matching stays linear in the name's length.
    /// </summary>
    public string? RunPattern { get; init; }

    /// <summary>Limit for each test on its own (OPA's default is 5 seconds); null means no limit.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Collect line coverage of every module (see <see cref="TestRunReport.Coverage"/>).</summary>
    public bool Coverage { get; init; }

    /// <summary>Raise builtin errors as test errors instead of making the expression undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>Cancels the whole run; the test running when it fires ends with an error and later tests do not run.</summary>
    public CancellationToken Cancellation { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
