using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Crypto;

/// <summary>
/// Damaged certificates, keys, tokens and CIDRs (every byte position of real inputs, plus random text) must give a
/// result or a <see cref="BuiltinException"/>, never another exception. The random source is seeded, so runs repeat.
/// </summary>
public sealed class MalformedInputTests
{
    private static readonly string[] Families = ["crypto.", "io.jwt.", "net.", "http.send", "providers.aws.", "opa.runtime"];

    private static List<Value> Samples()
    {
        using var rsa = RSA.Create(1024);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=x", ec, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("x.example");
        req.CertificateExtensions.Add(san.Build());
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        var texts = new List<string>
        {
            cert.ExportCertificatePem(),
            Convert.ToBase64String(cert.RawData),
            rsa.ExportRSAPrivateKeyPem(),
            ec.ExportPkcs8PrivateKeyPem(),
            rsa.ExportSubjectPublicKeyInfoPem(),
            req.CreateSigningRequestPem(),
            token,
            "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
            "10.0.0.0/8",
            "2001:db8::/32",
        };
        var samples = new List<Value>();
        foreach (var t in texts)
        {
            samples.Add(new StringValue(t));
            // Each sample damaged at a spread of positions: a character replaced, and the text cut there.
            for (var i = 0; i < t.Length; i += Math.Max(1, t.Length / 40))
            {
                samples.Add(new StringValue(t[..i] + (t[i] == 'A' ? 'z' : 'A') + t[(i + 1)..]));
                samples.Add(new StringValue(t[..i]));
            }
        }
        var random = new Random(20261123);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            samples.Add(new StringValue(Convert.ToBase64String(bytes)));
            samples.Add(new StringValue("-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(bytes) + "\n-----END CERTIFICATE-----"));
            samples.Add(new StringValue(Encoding.Latin1.GetString(bytes)));
        }
        samples.Add(NumberValue.Of(-1));
        samples.Add(NullValue.Instance);
        samples.Add(Json("{\"cert\":\"x\",\"secret\":1}"));
        samples.Add(Json("{\"method\":\"GET\",\"url\":\"http://example.invalid/\"}"));
        samples.Add(Json("[\"10.0.0.0/8\",[\"x\"],{}]"));
        samples.Add(Json("{\"aws_access_key\":\"a\",\"aws_secret_access_key\":\"b\",\"aws_service\":\"s3\",\"aws_region\":\"r\"}"));
        return samples;
    }

    [Fact]
    public void Builtins_answer_or_raise_builtin_errors_on_damaged_input()
    {
        var samples = Samples();
        var random = new Random(7);
        var calls = 0;
        foreach (var def in BuiltinRegistry.Default.All.Where(d => Families.Any(f => d.Name.StartsWith(f, StringComparison.Ordinal))))
        {
            var iterations = def.Arity == 0 ? 1 : samples.Count * 2;
            for (var i = 0; i < iterations; i++)
            {
                var args = new Value[def.Arity];
                for (var a = 0; a < args.Length; a++) args[a] = a == 0 ? samples[i % samples.Count] : samples[random.Next(samples.Count)];
                try
                {
                    def.Function!(new BuiltinContext(new EvaluationOptions()), args);
                }
                catch (BuiltinException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"{def.Name}({string.Join(", ", args.Select(x => x.ToJson()[..Math.Min(60, x.ToJson().Length)]))}) threw {e.GetType().Name}: {e.Message}");
                }
                calls++;
            }
        }
        Assert.True(calls > 10_000, $"only {calls} calls");
    }
}
