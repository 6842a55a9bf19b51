namespace Conductor.Cli;

/// <summary>Thrown by a command that fails for a reason it has already explained; exits with <see cref="ExitCode"/>.</summary>
public sealed class CliFailureException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
