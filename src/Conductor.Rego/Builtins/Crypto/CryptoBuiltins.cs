using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Crypto;

/// <summary>OPA's crypto.* builtins: digests and HMACs (hex output), X.509 certificate, CSR and key parsing (Go's
/// JSON shapes), and certificate chain verification.</summary>
public sealed class CryptoBuiltins : IBuiltinFamily
{
    private static readonly RegoType CertObject = RegoType.ObjectOf(RegoType.String, RegoType.Any);

    public void Register(BuiltinRegistry registry)
    {
        var s = RegoType.String;
        registry.Register("crypto.md5", BuiltinSignature.Of(s, s), (_, a) => Hex(MD5.HashData(Utf8(a, 0))));
        registry.Register("crypto.sha1", BuiltinSignature.Of(s, s), (_, a) => Hex(SHA1.HashData(Utf8(a, 0))));
        registry.Register("crypto.sha256", BuiltinSignature.Of(s, s), (_, a) => Hex(SHA256.HashData(Utf8(a, 0))));
        registry.Register("crypto.hmac.md5", BuiltinSignature.Of(s, s, s), (_, a) => Hex(HMACMD5.HashData(Utf8(a, 1), Utf8(a, 0))));
        registry.Register("crypto.hmac.sha1", BuiltinSignature.Of(s, s, s), (_, a) => Hex(HMACSHA1.HashData(Utf8(a, 1), Utf8(a, 0))));
        registry.Register("crypto.hmac.sha256", BuiltinSignature.Of(s, s, s), (_, a) => Hex(HMACSHA256.HashData(Utf8(a, 1), Utf8(a, 0))));
        registry.Register("crypto.hmac.sha512", BuiltinSignature.Of(s, s, s), (_, a) => Hex(HMACSHA512.HashData(Utf8(a, 1), Utf8(a, 0))));
        registry.Register("crypto.hmac.equal", BuiltinSignature.Of(RegoType.Boolean, s, s), (_, a) =>
            BooleanValue.Of(CryptographicOperations.FixedTimeEquals(Utf8(a, 0), Utf8(a, 1))));

        registry.Register("crypto.x509.parse_certificates", BuiltinSignature.Of(RegoType.ArrayOf(CertObject), s), (_, a) =>
            new ArrayValue(ParseCertificates(BuiltinArgs.String(a, 0)).Select(c => (Value)c.Json).ToArray()));
        var verifiedType = RegoType.ArrayOf(RegoType.Boolean, RegoType.ArrayOf(CertObject));
        registry.Register(new BuiltinDefinition("crypto.x509.parse_and_verify_certificates", BuiltinSignature.Of(verifiedType, s),
            (c, a) => ParseAndVerify(c, BuiltinArgs.String(a, 0), null)) { Nondeterministic = true });
        registry.Register(new BuiltinDefinition("crypto.x509.parse_and_verify_certificates_with_options",
            BuiltinSignature.Of(verifiedType, s, RegoType.ObjectOf(RegoType.String, RegoType.Any)),
            (c, a) => ParseAndVerify(c, BuiltinArgs.String(a, 0), BuiltinArgs.Object(a, 1))) { Nondeterministic = true });
        registry.Register("crypto.x509.parse_certificate_request", BuiltinSignature.Of(CertObject, s), (_, a) => ParseCertificateRequest(BuiltinArgs.String(a, 0)));
        registry.Register("crypto.x509.parse_keypair", BuiltinSignature.Of(CertObject, s, s), (_, a) => ParseKeyPair(a));
        registry.Register("crypto.x509.parse_rsa_private_key", BuiltinSignature.Of(CertObject, s), (_, a) => ParseRsaPrivateKey(BuiltinArgs.String(a, 0)));
        registry.Register("crypto.parse_private_keys", BuiltinSignature.Of(RegoType.ArrayOf(CertObject), s), (_, a) => ParsePrivateKeys(BuiltinArgs.String(a, 0)));
    }

    private static byte[] Utf8(ReadOnlySpan<Value> args, int index) => Encoding.UTF8.GetBytes(BuiltinArgs.String(args, index));

    private static StringValue Hex(byte[] digest) => new(Convert.ToHexStringLower(digest));

    private static bool StartsWithPem(string s) => s.StartsWith("-----BEGIN", StringComparison.Ordinal);

    // Certificates ---------------------------------------------------------------------------------------------

    /// <summary>PEM text, base64 of PEM, or base64 of DER (one or more certificates), as OPA accepts.</summary>
    private static List<(byte[] Der, ObjectValue Json)> ParseCertificates(string input)
    {
        if (StartsWithPem(input)) return CertificatesFromPem(input);
        var bytes = GoBase64.DecodeStd(input);
        var text = Encoding.UTF8.GetString(bytes);
        if (StartsWithPem(text)) return CertificatesFromPem(text);
        return GoX509Json.ParseCertificates(bytes);
    }

    private static List<(byte[] Der, ObjectValue Json)> CertificatesFromPem(string pem)
    {
        var der = new List<byte>();
        foreach (var block in PemBlock.DecodeAll(pem))
        {
            if (block.Type != "CERTIFICATE") throw BuiltinException.Error($"PEM block type is '{block.Type}', expected CERTIFICATE");
            der.AddRange(block.Bytes);
        }
        return GoX509Json.ParseCertificates(der.ToArray());
    }

    private static readonly ArrayValue Invalid = new([BooleanValue.False, ArrayValue.Empty]);

    private static readonly Dictionary<string, string?> KeyUsageOids = new(StringComparer.Ordinal)
    {
        ["KeyUsageAny"] = null,
        ["KeyUsageServerAuth"] = "1.3.6.1.5.5.7.3.1",
        ["KeyUsageClientAuth"] = "1.3.6.1.5.5.7.3.2",
        ["KeyUsageCodeSigning"] = "1.3.6.1.5.5.7.3.3",
        ["KeyUsageEmailProtection"] = "1.3.6.1.5.5.7.3.4",
        ["KeyUsageIPSECEndSystem"] = "1.3.6.1.5.5.7.3.5",
        ["KeyUsageIPSECTunnel"] = "1.3.6.1.5.5.7.3.6",
        ["KeyUsageIPSECUser"] = "1.3.6.1.5.5.7.3.7",
        ["KeyUsageTimeStamping"] = "1.3.6.1.5.5.7.3.8",
        ["KeyUsageOCSPSigning"] = "1.3.6.1.5.5.7.3.9",
        ["KeyUsageMicrosoftServerGatedCrypto"] = "1.3.6.1.4.1.311.10.3.3",
        ["KeyUsageNetscapeServerGatedCrypto"] = "2.16.840.1.113730.4.1",
        ["KeyUsageMicrosoftCommercialCodeSigning"] = "1.3.6.1.4.1.311.2.1.22",
        ["KeyUsageMicrosoftKernelCodeSigning"] = "1.3.6.1.4.1.311.61.1.1",
    };

    /// <summary>
    /// The first certificate is the trusted root, the last the leaf, those between intermediates. The result is
    /// [true, chain from leaf to root] or [false, []]. Without a CurrentTime option the query's clock is used.
    /// </summary>
    private static Value ParseAndVerify(BuiltinContext context, string input, ObjectValue? options)
    {
        string? dnsName = null;
        var time = DateTimeOffset.UnixEpoch.AddTicks(context.NowNanoseconds / 100);
        var usages = new List<string> { "KeyUsageServerAuth" };
        if (options is not null)
        {
            foreach (var (k, v) in options.Entries)
            {
                var key = k is StringValue ks ? ks.Value : k.ToString();
                switch (key)
                {
                    case "DNSName":
                        dnsName = v is StringValue d ? d.Value : throw BuiltinException.Error("'DNSName' should be a string");
                        break;
                    case "CurrentTime":
                        if (v is not NumberValue n || !n.IsInteger) throw BuiltinException.Error("'CurrentTime' should be a valid int64 number");
                        time = DateTimeOffset.UnixEpoch.AddTicks((long)(n.ToDouble() / 100));
                        break;
                    case "MaxConstraintComparisons":
                        if (v is not NumberValue) throw BuiltinException.Error("'MaxConstraintComparisons' should be a valid number");
                        break;
                    case "KeyUsages":
                        if (v is not ArrayValue list) throw BuiltinException.Error("'KeyUsages' should be an Array or Set");
                        usages = [];
                        foreach (var item in list.Items)
                        {
                            if (item is not StringValue u || !KeyUsageOids.ContainsKey(u.Value)) throw BuiltinException.Error($"invalid entries for 'KeyUsages' found: {item}");
                            usages.Add(u.Value);
                        }
                        break;
                    default:
                        throw BuiltinException.Error($"invalid key option: {key}");
                }
            }
        }
        List<(byte[] Der, ObjectValue Json)> certs;
        try
        {
            certs = ParseCertificates(input);
        }
        catch (BuiltinException)
        {
            return Invalid;
        }
        if (certs.Count < 2) return Invalid;
        var chain = VerifyChain(certs, time, dnsName, usages);
        return chain is null ? Invalid : new ArrayValue([BooleanValue.True, new ArrayValue(chain.Select(c => (Value)c).ToArray())]);
    }

    private static List<ObjectValue>? VerifyChain(List<(byte[] Der, ObjectValue Json)> certs, DateTimeOffset time, string? dnsName, List<string> usages)
    {
        var loaded = new List<X509Certificate2>();
        try
        {
            foreach (var (der, _) in certs) loaded.Add(X509CertificateLoader.LoadCertificate(der));
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(loaded[0]);
            for (var i = 1; i < loaded.Count - 1; i++) chain.ChainPolicy.ExtraStore.Add(loaded[i]);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            if (!usages.Contains("KeyUsageAny"))
            {
                foreach (var u in usages) chain.ChainPolicy.ApplicationPolicy.Add(new Oid(KeyUsageOids[u]!));
            }
            var leaf = loaded[^1];
            if (!chain.Build(leaf)) return null;
            if (dnsName is not null && !MatchesHostname(leaf, dnsName)) return null;
            var result = new List<ObjectValue>();
            foreach (var element in chain.ChainElements)
            {
                var raw = element.Certificate.RawData;
                var match = certs.FirstOrDefault(c => c.Der.AsSpan().SequenceEqual(raw));
                result.Add(match.Json ?? GoX509Json.Certificate(raw));
            }
            return result;
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            return null;
        }
        finally
        {
            foreach (var c in loaded) c.Dispose();
        }
    }

    /// <summary>Go's hostname check: DNS SANs only (no common name fallback), "*." wildcards for one label.</summary>
    private static bool MatchesHostname(X509Certificate2 leaf, string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        foreach (var ext in leaf.Extensions)
        {
            if (ext is not X509SubjectAlternativeNameExtension san) continue;
            foreach (var ip in san.EnumerateIPAddresses())
            {
                if (System.Net.IPAddress.TryParse(host, out var hostIp) && hostIp.Equals(ip)) return true;
            }
            foreach (var name in san.EnumerateDnsNames())
            {
                var pattern = name.TrimEnd('.').ToLowerInvariant();
                if (pattern == host) return true;
                if (pattern.StartsWith("*.", StringComparison.Ordinal))
                {
                    var dot = host.IndexOf('.');
                    if (dot > 0 && host[(dot + 1)..] == pattern[2..]) return true;
                }
            }
        }
        return false;
    }

    // Requests and keys ------------------------------------------------------------------------------------------

    private static Value ParseCertificateRequest(string input)
    {
        byte[] bytes;
        if (input.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", StringComparison.Ordinal)) bytes = Encoding.UTF8.GetBytes(input);
        else bytes = GoBase64.DecodeStd(input);
        var text = Encoding.UTF8.GetString(bytes);
        if (PemBlock.Decode(text, out _) is { } block)
        {
            if (block.Type != "CERTIFICATE REQUEST") throw BuiltinException.Error("invalid PEM-encoded certificate signing request");
            bytes = block.Bytes;
        }
        return GoX509Json.CertificateRequest(bytes);
    }

    private static byte[] PemOrBase64(string input)
    {
        if (StartsWithPem(input)) return Encoding.UTF8.GetBytes(input);
        return GoBase64.DecodeStd(input);
    }

    private static Value ParseKeyPair(ReadOnlySpan<Value> args)
    {
        var certText = BuiltinArgs.String(args, 0);
        var keyText = BuiltinArgs.String(args, 1);
        var certInput = Encoding.UTF8.GetString(PemOrBase64(certText));
        var keyInput = Encoding.UTF8.GetString(PemOrBase64(keyText));
        // DER input is wrapped as PEM first, as OPA does.
        if (!StartsWithPem(certInput)) certInput = ToPem("CERTIFICATE", PemOrBase64(certText));
        if (!StartsWithPem(keyInput)) keyInput = ToPem("PRIVATE KEY", PemOrBase64(keyText));

        var certBlocks = PemBlock.DecodeAll(certInput).Where(b => b.Type == "CERTIFICATE").ToList();
        if (certBlocks.Count == 0) throw BuiltinException.Error("tls: failed to find any PEM data in certificate input");
        var keyBlock = PemBlock.DecodeAll(keyInput).FirstOrDefault(b => b.Type == "PRIVATE KEY" || b.Type.EndsWith(" PRIVATE KEY", StringComparison.Ordinal))
            ?? throw BuiltinException.Error("tls: failed to find any PEM data in key input");
        var key = PrivateKeyMaterial.TryParse(keyBlock.Bytes) ?? throw BuiltinException.Error("tls: failed to parse private key");
        var leaf = GoX509Json.ParseCertificates(certBlocks[0].Bytes)[0];
        var spki = Convert.FromBase64String(((StringValue)leaf.Json.Get("RawSubjectPublicKeyInfo")!).Value);
        bool matches, typeMatches;
        try
        {
            matches = key.MatchesPublicKey(spki, out typeMatches);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException or System.Formats.Asn1.AsnContentException)
        {
            throw BuiltinException.Error($"tls: failed to parse certificate public key: {e.Message}");
        }
        if (!matches)
            throw BuiltinException.Error(typeMatches ? "tls: private key does not match public key" : "tls: private key type does not match public key type");

        // Go's tls.Certificate; its Leaf is a plain x509.Certificate, without OPA's URIStrings.
        var leafBuilder = new ObjectBuilder();
        foreach (var (k, v) in leaf.Json.Entries)
        {
            if (k is StringValue { Value: "URIStrings" }) continue;
            leafBuilder.Set(k, v);
        }
        var o = new ObjectBuilder();
        o.Set("Certificate", new ArrayValue(certBlocks.Select(b => GoX509Json.Bytes(b.Bytes)).ToArray()));
        o.Set("PrivateKey", key.ToGoJson());
        o.Set("SupportedSignatureAlgorithms", NullValue.Instance);
        o.Set("OCSPStaple", NullValue.Instance);
        o.Set("SignedCertificateTimestamps", NullValue.Instance);
        o.Set("Leaf", leafBuilder.Build());
        return o.Build();
    }

    private static string ToPem(string type, byte[] der) => $"-----BEGIN {type}-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)}\n-----END {type}-----\n";

    private static Value ParseRsaPrivateKey(string input)
    {
        var text = Encoding.UTF8.GetString(PemOrBase64(input));
        var block = PemBlock.Decode(text, out _) ?? throw BuiltinException.Error("failed to parse PEM block containing the key");
        return PrivateKeyMaterial.ParsePkcs1(block.Bytes).ToRsaJwk();
    }

    private static Value ParsePrivateKeys(string input)
    {
        if (input.Length == 0) return NullValue.Instance;
        var text = input;
        // The whole input may be base64 of the PEM text.
        if (GoBase64.TryDecodeStd(input, out _) is { } decoded) text = Encoding.UTF8.GetString(decoded);
        var keys = new List<Value>();
        foreach (var block in PemBlock.DecodeAll(text))
        {
            if (PrivateKeyMaterial.TryParse(block.Bytes) is { } key) keys.Add(key.ToGoJson());
        }
        return new ArrayValue(keys.ToArray());
    }
}
