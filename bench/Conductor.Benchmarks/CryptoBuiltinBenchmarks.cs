using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conductor.Rego;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Benchmarks;

/// <summary>
/// Calls per second of the crypto, JWT and net builtins on one thread, called directly through the registry
/// (no policy evaluation around them): JWT verification per algorithm, decode_verify, CIDR checks, X.509 parsing.
/// </summary>
public sealed class CryptoBuiltinBenchmarks : IBenchmarkHarness
{
    public string Name => "crypto-builtins";

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 1.0;
        Console.WriteLine($"{"case",-48} {"calls/s",14} {"µs/call",10}");
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = B64(Encoding.UTF8.GetBytes("{\"sub\":\"alice\",\"iss\":\"me\",\"exp\":99999999999}"));
        string Token(string alg, Func<byte[], byte[]> sign)
        {
            var input = B64(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}")) + "." + payload;
            return input + "." + B64(sign(Encoding.ASCII.GetBytes(input)));
        }
        var rsaPem = new StringValue(rsa.ExportSubjectPublicKeyInfoPem());
        var ecPem = new StringValue(ec.ExportSubjectPublicKeyInfoPem());
        var secret = Encoding.UTF8.GetBytes("secret");
        Measure("io.jwt.verify_rs256 (2048-bit, PEM key)", "io.jwt.verify_rs256", seconds,
            new StringValue(Token("RS256", d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))), rsaPem);
        Measure("io.jwt.verify_ps256 (2048-bit, PEM key)", "io.jwt.verify_ps256", seconds,
            new StringValue(Token("PS256", d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))), rsaPem);
        Measure("io.jwt.verify_es256 (P-256, PEM key)", "io.jwt.verify_es256", seconds,
            new StringValue(Token("ES256", d => ec.SignData(d, HashAlgorithmName.SHA256))), ecPem);
        var hsToken = new StringValue(Token("HS256", d => HMACSHA256.HashData(secret, d)));
        Measure("io.jwt.verify_hs256", "io.jwt.verify_hs256", seconds, hsToken, new StringValue("secret"));
        Measure("io.jwt.decode_verify (HS256, iss)", "io.jwt.decode_verify", seconds, hsToken,
            JsonValueReader.Parse("{\"secret\":\"secret\",\"iss\":\"me\"}"));
        Measure("io.jwt.decode", "io.jwt.decode", seconds, hsToken);
        Measure("net.cidr_contains (IPv4 address)", "net.cidr_contains", seconds, new StringValue("10.0.0.0/8"), new StringValue("10.20.30.40"));
        Measure("net.cidr_contains (IPv6 network)", "net.cidr_contains", seconds, new StringValue("2001:db8::/32"), new StringValue("2001:db8:1::/48"));
        var cidrs = new ArrayValue(Enumerable.Range(0, 1000).Select(i => (Value)new StringValue($"10.{i / 256}.{i % 256}.0/24")).ToArray());
        Measure("net.cidr_merge (1,000 adjacent /24s)", "net.cidr_merge", seconds, cidrs);
        var req = new CertificateRequest("CN=bench", ec, HashAlgorithmName.SHA256);
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        Measure("crypto.x509.parse_certificates (1 PEM cert)", "crypto.x509.parse_certificates", seconds, new StringValue(cert.ExportCertificatePem()));
        Measure("crypto.sha256 (1 KiB)", "crypto.sha256", seconds, new StringValue(new string('a', 1024)));
    }

    private static void Measure(string label, string builtin, double seconds, params Value[] args)
    {
        BuiltinRegistry.Default.TryGet(builtin, out var def);
        var context = new BuiltinContext(new EvaluationOptions());
        for (var i = 0; i < 50; i++) def.Function!(context, args);
        var sw = Stopwatch.StartNew();
        long n = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 10; i++) def.Function!(context, args);
            n += 10;
        }
        var perSecond = n / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{label,-48} {perSecond,14:N0} {1e6 / perSecond,10:N2}");
    }
}
