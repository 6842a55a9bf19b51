using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conductor.Rego.Builtins.Http;

/// <summary>
/// The TLS settings of one http.send request (tls_ca_cert, tls_client_cert/tls_client_key, tls_insecure_skip_verify,
/// tls_server_name, tls_use_system_certs) and the pooled client that applies them. Clients are shared between
/// requests with equal settings. The *_file and *_env_variable forms are refused: the library reads no files or
/// environment variables of its own.
/// </summary>
internal sealed record HttpSendTls(string? CaCertificatesPem, string? ClientCertificatePem, string? ClientKeyPem, bool InsecureSkipVerify, string? ServerName, bool UseSystemCertificates)
{
    public static readonly HttpSendTls Default = new(null, null, null, false, null, true);

    private const int ClientLimit = 64;
    private static readonly ConcurrentDictionary<HttpSendTls, HttpClient> Clients = new();

    /// <summary>The client for these settings; redirects are not followed by it (http.send follows them itself).</summary>
    public HttpClient Client()
    {
        if (Clients.TryGetValue(this, out var client)) return client;
        client = new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        if (Clients.Count >= ClientLimit) Clients.Clear();
        return Clients.GetOrAdd(this, client);
    }

    private SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (ServerName is not null) handler.SslOptions.TargetHost = ServerName;
        if (ClientCertificatePem is not null && ClientKeyPem is not null)
        {
            handler.SslOptions.ClientCertificates = [LoadClientCertificate(ClientCertificatePem, ClientKeyPem)];
        }
        if (InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (CaCertificatesPem is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(CaCertificatesPem);
            var useSystem = UseSystemCertificates;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null) return false;
                // Name mismatches are never forgiven; chain errors are rechecked against the given CAs.
                if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                if (errors == SslPolicyErrors.None && useSystem) return true;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = new X509Certificate2(certificate);
                return chain.Build(leaf);
            };
        }
        return handler;
    }

    private static X509Certificate2 LoadClientCertificate(string certPem, string keyPem)
    {
        using var withKey = X509Certificate2.CreateFromPem(certPem, keyPem);
        // An ephemeral key cannot be used by the TLS stack on every platform; a PKCS#12 round trip gives a usable one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Reads the TLS fields of an http.send request object.</summary>
    public static HttpSendTls FromRequest(Values.ObjectValue request)
    {
        foreach (var unsupported in new[] { "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key_file", "tls_client_key_env_variable" })
        {
            if (request.Get(unsupported) is not null)
                throw BuiltinException.Error($"{unsupported} is not supported: give the PEM text in {unsupported[..unsupported.LastIndexOf('_')].Replace("_env", "")} instead");
        }
        string? Text(string name) => request.Get(name) switch
        {
            null => null,
            Values.StringValue s => s.Value,
            _ => throw BuiltinException.Error($"\"{name}\" must be a string"),
        };
        bool Flag(string name, bool fallback) => request.Get(name) switch
        {
            null => fallback,
            Values.BooleanValue b => b.Value,
            _ => throw BuiltinException.Error($"\"{name}\" must be a boolean"),
        };
        var tls = new HttpSendTls(Text("tls_ca_cert"), Text("tls_client_cert"), Text("tls_client_key"), Flag("tls_insecure_skip_verify", false),
            Text("tls_server_name"), Flag("tls_use_system_certs", true));
        if ((tls.ClientCertificatePem is null) != (tls.ClientKeyPem is null))
            throw BuiltinException.Error("tls_client_cert and tls_client_key must be given together");
        try
        {
            if (tls.CaCertificatesPem is not null)
            {
                var check = new X509Certificate2Collection();
                check.ImportFromPem(tls.CaCertificatesPem);
                if (check.Count == 0) throw BuiltinException.Error("tls_ca_cert holds no PEM certificate");
                foreach (var c in check) c.Dispose();
            }
            if (tls.ClientCertificatePem is not null) LoadClientCertificate(tls.ClientCertificatePem, tls.ClientKeyPem!).Dispose();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw BuiltinException.Error($"invalid TLS material: {e.Message}");
        }
        return tls;
    }
}
