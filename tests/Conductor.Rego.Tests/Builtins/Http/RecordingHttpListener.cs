using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conductor.Rego.Tests.Builtins.Http;

/// <summary>A real TCP server on 127.0.0.1 that records every connection and request and answers each with a fixed response.</summary>
public sealed class RecordingHttpListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public RecordingHttpListener(Func<string, string> respond)
    {
        _listener.Start();
        _loop = Task.Run(() => AcceptLoop(respond));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public List<string> Requests { get; } = [];

    private async Task AcceptLoop(Func<string, string> respond)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            using (client)
            {
                var stream = client.GetStream();
                var request = await ReadRequest(stream);
                lock (Requests) Requests.Add(request);
                var bytes = Encoding.UTF8.GetBytes(respond(request));
                await stream.WriteAsync(bytes);
                await stream.FlushAsync();
            }
        }
    }

    private static async Task<string> ReadRequest(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while (true)
        {
            var n = await stream.ReadAsync(chunk);
            if (n == 0) return Encoding.UTF8.GetString(buffer.ToArray());
            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
            headerEnd = Encoding.UTF8.GetString(buffer.ToArray()).IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd >= 0) break;
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var lengthLine = text[..headerEnd].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim());
        while (buffer.Count < headerEnd + 4 + length)
        {
            var n = await stream.ReadAsync(chunk);
            if (n == 0) break;
            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
