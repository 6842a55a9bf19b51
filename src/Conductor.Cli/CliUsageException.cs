namespace Conductor.Cli;

/// <summary>Thrown by a command for wrong usage (bad flag combination); the process exits with code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
