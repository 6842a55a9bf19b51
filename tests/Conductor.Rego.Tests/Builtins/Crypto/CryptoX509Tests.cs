using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Crypto;

public sealed class CryptoX509Tests
{
    private static readonly DateTimeOffset NotBefore = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2034, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private sealed record Issued(X509Certificate2 Cert, AsymmetricAlgorithm Key);

    private static Issued Root()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=Test Root,O=Conductor,C=NL", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        return new Issued(req.CreateSelfSigned(NotBefore, NotAfter), key);
    }

    private static Issued Leaf(Issued issuer, string cn = "leaf.example.com")
    {
        var key = RSA.Create(2048);
        var req = new CertificateRequest($"CN={cn},OU=Platform,OU=Policy,O=Conductor", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(cn);
        san.AddUri(new Uri("spiffe://example.com/opa"));
        san.AddIpAddress(System.Net.IPAddress.Parse("10.1.2.3"));
        san.AddEmailAddress("ops@example.com");
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.2.3.4")], false));
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var cert = req.Create(issuer.Cert.SubjectName, X509SignatureGenerator.CreateForECDsa((ECDsa)issuer.Key), NotBefore.AddDays(1), NotAfter.AddDays(-1), [0x01, 0x02, 0x03, 0x04, 0x05]);
        return new Issued(cert, key);
    }

    private static ObjectValue Single(string input) => (ObjectValue)((ArrayValue)Call("crypto.x509.parse_certificates", S(input))!)[0];

    [Fact]
    public void Certificate_fields_follow_gos_x509_certificate()
    {
        var root = Root();
        var leaf = Leaf(root);
        var c = Single(leaf.Cert.ExportCertificatePem());
        Assert.Equal(Convert.ToBase64String(leaf.Cert.RawData), ((StringValue)c.Get("Raw")!).Value);
        Assert.Equal(NumberValue.Of(3), c.Get("Version"));
        Assert.Equal(NumberValue.Of(new BigInteger(0x0102030405)), c.Get("SerialNumber"));
        Assert.Equal(NumberValue.Of(10), c.Get("SignatureAlgorithm")); // ECDSAWithSHA256: signed by the EC root
        Assert.Equal(NumberValue.Of(1), c.Get("PublicKeyAlgorithm")); // RSA
        var rsa = ((RSA)leaf.Key).ExportParameters(false);
        Assert.Equal("{\"E\":65537,\"N\":" + new BigInteger(rsa.Modulus, true, true) + "}", c.Get("PublicKey")!.ToJson());
        Assert.Equal("\"2024-01-03T03:04:05Z\"", c.Get("NotBefore")!.ToJson());
        Assert.Equal("\"2034-01-01T03:04:05Z\"", c.Get("NotAfter")!.ToJson());
        var subject = (ObjectValue)c.Get("Subject")!;
        Assert.Equal("\"leaf.example.com\"", subject.Get("CommonName")!.ToJson());
        Assert.Equal("[\"Conductor\"]", subject.Get("Organization")!.ToJson());
        Assert.Equal("null", subject.Get("Country")!.ToJson());
        Assert.Equal(2, ((ArrayValue)subject.Get("OrganizationalUnit")!).Count);
        Assert.Equal("{\"Type\":[2,5,4,3],\"Value\":\"leaf.example.com\"}", ((ArrayValue)subject.Get("Names")!)[3].ToJson());
        Assert.Equal("[\"Policy\",\"Platform\"]", subject.Get("OrganizationalUnit")!.ToJson());
        var issuer = (ObjectValue)c.Get("Issuer")!;
        Assert.Equal("\"Test Root\"", issuer.Get("CommonName")!.ToJson());
        Assert.Equal("[\"NL\"]", issuer.Get("Country")!.ToJson());
        Assert.Equal("[\"leaf.example.com\"]", c.Get("DNSNames")!.ToJson());
        Assert.Equal("[\"10.1.2.3\"]", c.Get("IPAddresses")!.ToJson());
        Assert.Equal("[\"ops@example.com\"]", c.Get("EmailAddresses")!.ToJson());
        Assert.Equal("[\"spiffe://example.com/opa\"]", c.Get("URIStrings")!.ToJson());
        Assert.Equal("[{\"ForceQuery\":false,\"Fragment\":\"\",\"Host\":\"example.com\",\"OmitHost\":false,\"Opaque\":\"\",\"Path\":\"/opa\",\"RawFragment\":\"\",\"RawPath\":\"\",\"RawQuery\":\"\",\"Scheme\":\"spiffe\",\"User\":null}]",
            c.Get("URIs")!.ToJson());
        Assert.Equal(NumberValue.Of(1 | 4), c.Get("KeyUsage")); // DigitalSignature | KeyEncipherment
        Assert.Equal("[1,2]", c.Get("ExtKeyUsage")!.ToJson());
        Assert.Equal("[[1,2,3,4]]", c.Get("UnknownExtKeyUsage")!.ToJson());
        Assert.Equal(BooleanValue.True, c.Get("BasicConstraintsValid"));
        Assert.Equal(BooleanValue.False, c.Get("IsCA"));
        Assert.Equal(NumberValue.Of(-1), c.Get("MaxPathLen"));
        Assert.Equal("null", c.Get("SubjectKeyId")!.ToJson());
        Assert.Equal(leaf.Cert.Extensions.Count, ((ArrayValue)c.Get("Extensions")!).Count);
        Assert.Equal("null", c.Get("ExtraExtensions")!.ToJson());

        var r = Single(root.Cert.ExportCertificatePem());
        Assert.Equal(BooleanValue.True, r.Get("IsCA"));
        Assert.Equal(NumberValue.Of(1), r.Get("MaxPathLen"));
        Assert.Equal(NumberValue.Of(32 | 64), r.Get("KeyUsage")); // CertSign | CRLSign
        Assert.Equal(NumberValue.Of(3), r.Get("PublicKeyAlgorithm"));
        Assert.Equal("null", r.Get("URIStrings")!.ToJson());
        var ski = new X509SubjectKeyIdentifierExtension(root.Cert.PublicKey, false).SubjectKeyIdentifierBytes.ToArray();
        Assert.Equal(Convert.ToBase64String(ski), ((StringValue)r.Get("SubjectKeyId")!).Value);
    }

    [Fact]
    public void Name_constraints_fill_the_permitted_and_excluded_fields()
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0, true)))
            {
                using (writer.PushSequence()) writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, "example.com", new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 2));
                using (writer.PushSequence()) writer.WriteOctetString([10, 0, 0, 0, 255, 0, 0, 0], new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 7));
            }
            using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 1, true)))
            {
                using (writer.PushSequence()) writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, "bad.example.com", new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 2));
                using (writer.PushSequence()) writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, "x@example.com", new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 1));
            }
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=Constrained CA", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509Extension("2.5.29.30", writer.Encode(), true));
        using var cert = req.CreateSelfSigned(NotBefore, NotAfter);
        var c = Single(cert.ExportCertificatePem());
        Assert.Equal(BooleanValue.True, c.Get("PermittedDNSDomainsCritical"));
        Assert.Equal("[\"example.com\"]", c.Get("PermittedDNSDomains")!.ToJson());
        Assert.Equal("[{\"IP\":\"10.0.0.0\",\"Mask\":\"/wAAAA==\"}]", c.Get("PermittedIPRanges")!.ToJson());
        Assert.Equal("[\"bad.example.com\"]", c.Get("ExcludedDNSDomains")!.ToJson());
        Assert.Equal("[\"x@example.com\"]", c.Get("ExcludedEmailAddresses")!.ToJson());
        Assert.Equal("null", c.Get("ExcludedIPRanges")!.ToJson());
        Assert.Equal("null", c.Get("UnhandledCriticalExtensions")!.ToJson());
    }

    [Fact]
    public void Pem_chains_base64_der_and_base64_pem_are_accepted()
    {
        var root = Root();
        var leaf = Leaf(root);
        var chainPem = leaf.Cert.ExportCertificatePem() + "\n" + root.Cert.ExportCertificatePem();
        string Names(string input) => string.Join(",", ((ArrayValue)Call("crypto.x509.parse_certificates", S(input))!).Items.ToArray()
            .Select(c => ((StringValue)((ObjectValue)((ObjectValue)c).Get("Subject")!).Get("CommonName")!).Value));
        Assert.Equal("leaf.example.com,Test Root", Names(chainPem));
        Assert.Equal("leaf.example.com,Test Root", Names(Convert.ToBase64String(Encoding.UTF8.GetBytes(chainPem))));
        Assert.Equal("leaf.example.com,Test Root", Names(Convert.ToBase64String(Encoding.UTF8.GetBytes(chainPem.Replace("\n", "\r\n")))));
        Assert.Equal("leaf.example.com,Test Root", Names(Convert.ToBase64String([.. leaf.Cert.RawData, .. root.Cert.RawData])));
        Assert.Equal("PEM block type is 'PRIVATE KEY', expected CERTIFICATE",
            Error("crypto.x509.parse_certificates", S(((RSA)leaf.Key).ExportPkcs8PrivateKeyPem())).Message);
        Assert.StartsWith("illegal base64 data at input byte", Error("crypto.x509.parse_certificates", S("not base64!")).Message);
        Assert.StartsWith("x509: malformed certificate", Error("crypto.x509.parse_certificates", S(Convert.ToBase64String([0x30, 0x03, 0x02, 0x01, 0x01]))).Message);
    }

    [Fact]
    public void Chains_verify_from_root_first_to_leaf_last()
    {
        var root = Root();
        var leaf = Leaf(root);
        var rootPem = root.Cert.ExportCertificatePem();
        var leafPem = leaf.Cert.ExportCertificatePem();
        var at2025 = new EvaluationOptions { TimeProvider = new FixedClock(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)) };

        var ok = (ArrayValue)Call(at2025, "crypto.x509.parse_and_verify_certificates", S(rootPem + leafPem))!;
        Assert.Equal(BooleanValue.True, ok[0]);
        var chain = (ArrayValue)ok[1];
        Assert.Equal(2, chain.Count);
        Assert.Equal("\"leaf.example.com\"", ((ObjectValue)((ObjectValue)chain[0]).Get("Subject")!).Get("CommonName")!.ToJson());

        Assert.Equal("[false,[]]", Call(at2025, "crypto.x509.parse_and_verify_certificates", S(leafPem + rootPem))!.ToJson());
        Assert.Equal("[false,[]]", Call(at2025, "crypto.x509.parse_and_verify_certificates", S(leafPem))!.ToJson());
        var otherRoot = Root();
        Assert.Equal("[false,[]]", Call(at2025, "crypto.x509.parse_and_verify_certificates", S(otherRoot.Cert.ExportCertificatePem() + leafPem))!.ToJson());
        var at2040 = new EvaluationOptions { TimeProvider = new FixedClock(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero)) };
        Assert.Equal("[false,[]]", Call(at2040, "crypto.x509.parse_and_verify_certificates", S(rootPem + leafPem))!.ToJson());

        Value Options(string json) => Json(json);
        var input = S(rootPem + leafPem);
        Assert.Equal(BooleanValue.True, ((ArrayValue)Call(at2040, "crypto.x509.parse_and_verify_certificates_with_options", input,
            Options("{\"CurrentTime\":1735689600000000000,\"DNSName\":\"leaf.example.com\",\"KeyUsages\":[\"KeyUsageClientAuth\"]}"))!)[0]);
        Assert.Equal(BooleanValue.False, ((ArrayValue)Call(at2025, "crypto.x509.parse_and_verify_certificates_with_options", input,
            Options("{\"DNSName\":\"other.example.com\"}"))!)[0]);
        Assert.Equal(BooleanValue.False, ((ArrayValue)Call(at2025, "crypto.x509.parse_and_verify_certificates_with_options", input,
            Options("{\"KeyUsages\":[\"KeyUsageCodeSigning\"]}"))!)[0]);
        Assert.Equal("invalid key option: Foo", Assert.Throws<Conductor.Rego.Builtins.BuiltinException>(() =>
            Call(at2025, "crypto.x509.parse_and_verify_certificates_with_options", input, Options("{\"Foo\":1}"))).Message);
    }

    [Fact]
    public void Certificate_requests_parse_subject_key_and_names()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var req = new CertificateRequest("CN=csr.example.com,O=Conductor", key, HashAlgorithmName.SHA384);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("csr.example.com");
        san.AddDnsName("www.csr.example.com");
        req.CertificateExtensions.Add(san.Build());
        var pem = req.CreateSigningRequestPem();
        var csr = (ObjectValue)Call("crypto.x509.parse_certificate_request", S(pem))!;
        Assert.Equal("\"csr.example.com\"", ((ObjectValue)csr.Get("Subject")!).Get("CommonName")!.ToJson());
        Assert.Equal("[\"csr.example.com\",\"www.csr.example.com\"]", csr.Get("DNSNames")!.ToJson());
        Assert.Equal(NumberValue.Of(11), csr.Get("SignatureAlgorithm")); // ECDSAWithSHA384
        Assert.Equal(NumberValue.Of(3), csr.Get("PublicKeyAlgorithm"));
        Assert.Equal(NumberValue.Zero, csr.Get("Version"));
        var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        Assert.Equal(csr, Call("crypto.x509.parse_certificate_request", S(b64)));
        Assert.Equal("invalid PEM-encoded certificate signing request",
            Error("crypto.x509.parse_certificate_request", S(Convert.ToBase64String(Encoding.UTF8.GetBytes(key.ExportPkcs8PrivateKeyPem())))).Message);
    }

    [Fact]
    public void Key_pairs_must_match()
    {
        var root = Root();
        var leaf = Leaf(root);
        var rsa = (RSA)leaf.Key;
        var pair = (ObjectValue)Call("crypto.x509.parse_keypair", S(leaf.Cert.ExportCertificatePem()), S(rsa.ExportRSAPrivateKeyPem()))!;
        Assert.Equal("[\"" + Convert.ToBase64String(leaf.Cert.RawData) + "\"]", pair.Get("Certificate")!.ToJson());
        var p = rsa.ExportParameters(true);
        Assert.Equal(NumberValue.Of(new BigInteger(p.D, true, true)), ((ObjectValue)pair.Get("PrivateKey")!).Get("D"));
        Assert.Null(((ObjectValue)pair.Get("Leaf")!).Get("URIStrings"));
        // PKCS #8 keys and base64-wrapped input work too.
        var b64Cert = Convert.ToBase64String(Encoding.UTF8.GetBytes(leaf.Cert.ExportCertificatePem()));
        Assert.Equal(pair, Call("crypto.x509.parse_keypair", S(b64Cert), S(rsa.ExportPkcs8PrivateKeyPem())));
        using var other = RSA.Create(2048);
        Assert.Equal("tls: private key does not match public key",
            Error("crypto.x509.parse_keypair", S(leaf.Cert.ExportCertificatePem()), S(other.ExportRSAPrivateKeyPem())).Message);
        Assert.Equal("tls: private key type does not match public key type",
            Error("crypto.x509.parse_keypair", S(leaf.Cert.ExportCertificatePem()), S(((ECDsa)root.Key).ExportECPrivateKeyPem())).Message);
    }

    [Fact]
    public void Rsa_private_keys_become_jwks()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        // Minimal big-endian bytes, as Go's big.Int.Bytes: .NET pads D and the CRT values with leading zeros.
        static string U(byte[] b) => Convert.ToBase64String(b.AsSpan(Math.Min(b.AsSpan().IndexOfAnyExcept((byte)0) is var i and >= 0 ? i : b.Length - 1, b.Length - 1)).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expected = $"{{\"d\":\"{U(p.D!)}\",\"dp\":\"{U(p.DP!)}\",\"dq\":\"{U(p.DQ!)}\",\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"{U(p.Modulus!)}\",\"p\":\"{U(p.P!)}\",\"q\":\"{U(p.Q!)}\",\"qi\":\"{U(p.InverseQ!)}\"}}";
        var jwk = (ObjectValue)Call("crypto.x509.parse_rsa_private_key", S(rsa.ExportRSAPrivateKeyPem()))!;
        Assert.Equal(expected, jwk.ToJson());
        // No member starts with a zero byte (base64url "A" then A-P), whatever the key.
        foreach (var (_, v) in jwk.Entries) Assert.DoesNotMatch("^A[A-P]", ((StringValue)v).Value);
        Assert.Equal(expected, Call("crypto.x509.parse_rsa_private_key", S(Convert.ToBase64String(Encoding.UTF8.GetBytes(rsa.ExportRSAPrivateKeyPem()))))!.ToJson());
        Assert.Equal("x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)",
            Error("crypto.x509.parse_rsa_private_key", S(rsa.ExportPkcs8PrivateKeyPem())).Message);
        Assert.Equal("failed to parse PEM block containing the key", Error("crypto.x509.parse_rsa_private_key", S("")).Message);
    }

    [Fact]
    public void Private_keys_of_every_kind_are_parsed()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = rsa.ExportRSAPrivateKeyPem() + "\n" + ec.ExportECPrivateKeyPem() + "\n" + ec.ExportPkcs8PrivateKeyPem() + "\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        var keys = (ArrayValue)Call("crypto.parse_private_keys", S(pem))!;
        Assert.Equal(3, keys.Count);
        var e = ec.ExportParameters(true);
        Assert.Equal($"{{\"Curve\":{{}},\"D\":{new BigInteger(e.D, true, true)},\"X\":{new BigInteger(e.Q.X, true, true)},\"Y\":{new BigInteger(e.Q.Y, true, true)}}}", keys[1].ToJson());
        Assert.Equal(keys[1], keys[2]);
        Assert.Equal("[\"CRTValues\",\"Dp\",\"Dq\",\"Qinv\"]", "[" + string.Join(",", ((ObjectValue)((ObjectValue)keys[0]).Get("Precomputed")!).Keys.Select(k => k.ToJson())) + "]");
        Assert.Equal(keys, Call("crypto.parse_private_keys", S(Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)))));
        Assert.Equal(NullValue.Instance, Call("crypto.parse_private_keys", S("")));
        Assert.Equal("[]", Call("crypto.parse_private_keys", S("no keys here"))!.ToJson());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
