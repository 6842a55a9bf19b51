using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Http;

/// <summary>http.send over HTTPS to a real TLS listener on 127.0.0.1 whose certificate comes from a private CA.</summary>
public sealed class HttpSendTlsTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"tls\":true}";

    private static (string CaPem, X509Certificate2 Server) PrivateCa()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caReq = new CertificateRequest("CN=Private CA", caKey, HashAlgorithmName.SHA256);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caReq.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = req.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), [1, 2, 3]);
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (ca.ExportCertificatePem(), server);
    }

    private static readonly EvaluationOptions Allowed = new() { HttpSendAllowedHosts = new HashSet<string> { "127.0.0.1" } };

    private static Value Request(int port, string extra = "") => Json($"{{\"method\":\"GET\",\"url\":\"https://127.0.0.1:{port}/\"{extra}}}");

    [Fact]
    public void A_private_ca_given_in_the_request_is_trusted()
    {
        var (caPem, server) = PrivateCa();
        using var listener = new RecordingHttpListener(_ => Ok, server);
        var response = (ObjectValue)Call(Allowed, "http.send", Request(listener.Port, $",\"tls_ca_cert\":{new StringValue(caPem).ToJson()}"))!;
        Assert.Equal(NumberValue.Of(200), response.Get("status_code"));
        Assert.Equal("{\"tls\":true}", response.Get("body")!.ToJson());
        Assert.Single(listener.Requests);
    }

    [Fact]
    public void An_untrusted_certificate_fails_unless_verification_is_skipped()
    {
        var (_, server) = PrivateCa();
        using var listener = new RecordingHttpListener(_ => Ok, server);
        var e = Assert.Throws<BuiltinException>(() => Call(Allowed, "http.send", Request(listener.Port)));
        Assert.StartsWith($"GET https://127.0.0.1:{listener.Port}/:", e.Message);
        Assert.Empty(listener.Requests);
        var quiet = (ObjectValue)Call(Allowed, "http.send", Request(listener.Port, ",\"raise_error\":false"))!;
        Assert.Equal(NumberValue.Zero, quiet.Get("status_code"));

        var skipped = (ObjectValue)Call(Allowed, "http.send", Request(listener.Port, ",\"tls_insecure_skip_verify\":true"))!;
        Assert.Equal(NumberValue.Of(200), skipped.Get("status_code"));
    }

    [Fact]
    public void A_client_certificate_is_presented()
    {
        var (caPem, server) = PrivateCa();
        using var listener = new RecordingHttpListener(_ => Ok, server, askForClientCertificate: true);
        using var clientKey = RSA.Create(2048);
        var req = new CertificateRequest("CN=policy-client", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var clientCert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var extra = $",\"tls_ca_cert\":{new StringValue(caPem).ToJson()},\"tls_client_cert\":{new StringValue(clientCert.ExportCertificatePem()).ToJson()},\"tls_client_key\":{new StringValue(clientKey.ExportPkcs8PrivateKeyPem()).ToJson()}";
        var response = (ObjectValue)Call(Allowed, "http.send", Request(listener.Port, extra))!;
        Assert.Equal(NumberValue.Of(200), response.Get("status_code"));
        Assert.Equal(["CN=policy-client"], listener.ClientCertificateSubjects);
        Assert.Equal("tls_client_cert and tls_client_key must be given together",
            Assert.Throws<BuiltinException>(() => Call(Allowed, "http.send", Request(listener.Port, $",\"tls_client_cert\":{new StringValue(clientCert.ExportCertificatePem()).ToJson()}"))).Message);
    }

    [Fact]
    public void File_and_environment_forms_are_refused()
    {
        Assert.Equal("tls_ca_cert_file is not supported: give the PEM text in tls_ca_cert instead",
            Assert.Throws<BuiltinException>(() => Call(Allowed, "http.send", Request(1, ",\"tls_ca_cert_file\":\"/etc/ca.pem\""))).Message);
        Assert.Equal("tls_client_key_env_variable is not supported: give the PEM text in tls_client_key instead",
            Assert.Throws<BuiltinException>(() => Call(Allowed, "http.send", Request(1, ",\"tls_client_key_env_variable\":\"KEY\""))).Message);
        Assert.Equal("tls_ca_cert holds no PEM certificate",
            Assert.Throws<BuiltinException>(() => Call(Allowed, "http.send", Request(1, ",\"tls_ca_cert\":\"nothing\""))).Message);
    }
}
