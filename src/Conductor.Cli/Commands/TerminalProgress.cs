using System.Diagnostics;
using Conductor.Evidence.Bundles;

namespace Conductor.Cli.Commands;

/// <summary>
/// A one-line progress display on stderr for long hashing runs; only when stderr is a terminal, so logs and
/// tests see no control characters. Redraws at most four times a second.
/// </summary>
internal sealed class TerminalProgress(TextWriter error) : IProgress<HashingProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _lock = new();
    private long _lastDraw = -1000;
    private bool _drawn;

    public static TerminalProgress? Create(CliConsole console) =>
        ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected ? new TerminalProgress(console.Error) : null;

    public void Report(HashingProgress value)
    {
        lock (_lock)
        {
            var now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 250 && value.FilesDone != value.FilesTotal) return;
            _lastDraw = now;
            _drawn = true;
            var mib = value.BytesDone / (1024.0 * 1024);
            var rate = now > 0 ? mib / (now / 1000.0) : 0;
            error.Write($"\rhashing {value.FilesDone}/{value.FilesTotal} files, {mib:F0}/{value.BytesTotal / (1024.0 * 1024):F0} MiB, {rate:F0} MiB/s   ");
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            if (_drawn) error.WriteLine();
            _drawn = false;
        }
    }

    public void Dispose() => Finish();
}
