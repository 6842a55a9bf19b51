namespace Conductor.Cli;

/// <summary>The standard streams a command writes to; the process console in production, buffers in tests.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In);
