using System.Diagnostics;

namespace Conductor.Evidence.Tests;

/// <summary>Runs the system's openssl, so keys and signatures come from an independent implementation.</summary>
internal static class OpenSsl
{
    public static void Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {stderr}");
    }
}
