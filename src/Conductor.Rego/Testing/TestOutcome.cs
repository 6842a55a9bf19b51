namespace Conductor.Rego.Testing;

/// <summary>How one test ended, as <c>opa test</c> reports it.</summary>
public enum TestOutcome
{
    /// <summary>The test rule is <c>true</c>.</summary>
    Pass,

    /// <summary>The test rule is undefined or has a value other than <c>true</c>.</summary>
    Fail,

    /// <summary>Evaluating the test raised an error (conflict, builtin error, timeout...).</summary>
    Error,

    /// <summary>A <c>todo_test_*</c> rule: listed, never evaluated.</summary>
    Skipped,
}
