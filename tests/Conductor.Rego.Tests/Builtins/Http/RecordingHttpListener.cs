using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Net.Sockets;
using System.Text;

namespace Conductor.Rego.Tests.Builtins.Http;

/// <summary>A real TCP server on 127.0.0.1 that records every connection and request and answers each as told (null: hang up).</summary>
public sealed class RecordingHttpListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private readonly X509Certificate2? _serverCertificate;
    private readonly bool _askForClientCertificate;

    /// <summary>Subjects of the client certificates presented over TLS.</summary>
    public List<string> ClientCertificateSubjects { get; } = [];

    /// <summary>Listens for plain HTTP, or for HTTPS with <paramref name="serverCertificate"/>.</summary>
    public RecordingHttpListener(Func<string, string?> respond, X509Certificate2? serverCertificate = null, bool askForClientCertificate = false)
    {
        _serverCertificate = serverCertificate;
        _askForClientCertificate = askForClientCertificate;
        _listener.Start();
        _loop = Task.Run(() => AcceptLoop(respond));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public List<string> Requests { get; } = [];

    private async Task AcceptLoop(Func<string, string?> respond)
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
            // Each connection on its own task, so a stalled TLS handshake cannot hold up the next one.
            _ = Task.Run(() => Serve(client, respond));
        }
    }

    private async Task Serve(TcpClient client, Func<string, string?> respond)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            if (_serverCertificate is not null)
            {
                var tls = new SslStream(stream);
                try
                {
                    using var handshake = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _serverCertificate,
                        ClientCertificateRequired = _askForClientCertificate,
                        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                        {
                            if (certificate is not null) lock (ClientCertificateSubjects) ClientCertificateSubjects.Add(certificate.Subject);
                            return true;
                        },
                    }, handshake.Token);
                }
                catch (Exception)
                {
                    // The client refused the certificate: the connection is counted, no request arrives.
                    return;
                }
                stream = tls;
            }
            string request;
            try
            {
                request = await ReadRequest(stream);
            }
            catch (Exception)
            {
                return;
            }
            // With TLS 1.3 the client may reject the certificate after the server's side of the handshake is done.
            if (request.Length == 0) return;
            lock (Requests) Requests.Add(request);
            var answer = respond(request);
            // No answer: the connection is closed without a response, as a failing server would.
            if (answer is null) return;
            var bytes = Encoding.UTF8.GetBytes(answer);
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }
    }

    private static async Task<string> ReadRequest(Stream stream)
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
