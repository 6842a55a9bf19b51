using System.Text.Json;
using Conductor.Evidence.Keys;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// A Sigstore <c>trusted_root.json</c>: the transparency logs, CT logs, Fulcio CAs and timestamp authorities a
/// verifier trusts, each with its validity window. A validity window without its start is rejected rather
/// than treated as unbounded.
/// </summary>
public sealed class TrustedRoot
{
    private const string ResourceName = "Conductor.Evidence.Sigstore.public-good-trusted_root.json";
    private static readonly Lazy<TrustedRoot> PublicGoodRoot = new(LoadPublicGood);

    private TrustedRoot(
        IReadOnlyList<TransparencyLogInstance> tlogs,
        IReadOnlyList<TransparencyLogInstance> ctlogs,
        IReadOnlyList<CertificateAuthority> certificateAuthorities,
        IReadOnlyList<CertificateAuthority> timestampAuthorities)
    {
        TransparencyLogs = tlogs;
        CertificateTransparencyLogs = ctlogs;
        CertificateAuthorities = certificateAuthorities;
        TimestampAuthorities = timestampAuthorities;
    }

    /// <summary>Rekor logs.</summary>
    public IReadOnlyList<TransparencyLogInstance> TransparencyLogs { get; }

    /// <summary>Certificate-transparency logs (for SCTs in Fulcio certificates).</summary>
    public IReadOnlyList<TransparencyLogInstance> CertificateTransparencyLogs { get; }

    /// <summary>Fulcio certificate authorities.</summary>
    public IReadOnlyList<CertificateAuthority> CertificateAuthorities { get; }

    /// <summary>RFC 3161 timestamp authorities.</summary>
    public IReadOnlyList<CertificateAuthority> TimestampAuthorities { get; }

    /// <summary>The Sigstore public-good trusted root built into this library.</summary>
    public static TrustedRoot PublicGood => PublicGoodRoot.Value;

    /// <summary>Parses a trusted root; throws <see cref="EvidenceVerificationException"/> naming the bad member.</summary>
    public static TrustedRoot Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.TrustRootInvalid, $"trusted root is not valid JSON: {e.Message}");
        }
        using (document)
        {
            try
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw JsonFields.Malformed("trusted root is not a JSON object");
                var mediaType = JsonFields.OptionalString(root, "mediaType", "$");
                if (mediaType is not null && !mediaType.StartsWith("application/vnd.dev.sigstore.trustedroot", StringComparison.Ordinal))
                    throw JsonFields.Malformed($"trusted root has media type '{mediaType}'");
                return new TrustedRoot(
                    ReadLogs(root, "tlogs"),
                    ReadLogs(root, "ctlogs"),
                    ReadAuthorities(root, "certificateAuthorities"),
                    ReadAuthorities(root, "timestampAuthorities"));
            }
            catch (EvidenceVerificationException e) when (e.Code != VerificationErrorCodes.TrustRootInvalid)
            {
                throw new EvidenceVerificationException(VerificationErrorCodes.TrustRootInvalid, $"trusted root: {e.Message}");
            }
        }
    }

    /// <summary>Finds the Rekor log with the given log ID.</summary>
    public TransparencyLogInstance? FindTransparencyLog(ReadOnlySpan<byte> logId)
    {
        foreach (var log in TransparencyLogs)
            if (log.LogId.AsSpan().SequenceEqual(logId)) return log;
        return null;
    }

    private static List<TransparencyLogInstance> ReadLogs(JsonElement root, string name)
    {
        var logs = new List<TransparencyLogInstance>();
        var index = 0;
        foreach (var item in JsonFields.Array(root, name, "$", optional: true))
        {
            var path = $"$.{name}[{index++}]";
            var baseUrl = JsonFields.OptionalString(item, "baseUrl", path) ?? "";
            var keyElement = JsonFields.Object(item, "publicKey", path);
            var keyPath = path + ".publicKey";
            var details = JsonFields.OptionalString(keyElement, "keyDetails", keyPath) ?? "";
            var validFor = ReadRange(keyElement, keyPath);
            var logId = JsonFields.Base64(JsonFields.Object(item, "logId", path), "keyId", path + ".logId");
            var raw = JsonFields.OptionalBase64(keyElement, "rawBytes", keyPath);
            PublicKey? key = null;
            if (raw is not null)
            {
                // A key this build cannot read makes only that log unusable, not the whole root.
                try { key = PublicKey.FromDer(raw); }
                catch (EvidenceVerificationException) { key = null; }
            }
            logs.Add(new TransparencyLogInstance(baseUrl, logId, key, details, validFor));
        }
        return logs;
    }

    private static List<CertificateAuthority> ReadAuthorities(JsonElement root, string name)
    {
        var authorities = new List<CertificateAuthority>();
        var index = 0;
        foreach (var item in JsonFields.Array(root, name, "$", optional: true))
        {
            var path = $"$.{name}[{index++}]";
            var uri = JsonFields.OptionalString(item, "uri", path) ?? "";
            var chainElement = JsonFields.Object(item, "certChain", path);
            var certificates = new List<System.Security.Cryptography.X509Certificates.X509Certificate2>();
            var certIndex = 0;
            foreach (var cert in JsonFields.Array(chainElement, "certificates", path + ".certChain"))
            {
                var certPath = $"{path}.certChain.certificates[{certIndex++}]";
                certificates.Add(PublicKey.LoadCertificate(JsonFields.Base64(cert, "rawBytes", certPath)));
            }
            if (certificates.Count == 0) throw JsonFields.Malformed($"{path}.certChain has no certificates");
            authorities.Add(new CertificateAuthority(uri, certificates, ReadRange(item, path)));
        }
        return authorities;
    }

    private static TimeRange ReadRange(JsonElement parent, string path)
    {
        var range = JsonFields.OptionalObject(parent, "validFor", path);
        if (range is null) return TimeRange.Unbounded;
        var start = JsonFields.OptionalTime(range.Value, "start", path + ".validFor")
            ?? throw new EvidenceVerificationException(VerificationErrorCodes.TrustRootInvalid, $"trusted root: {path}.validFor.start is missing");
        var end = JsonFields.OptionalTime(range.Value, "end", path + ".validFor");
        return new TimeRange(start, end);
    }

    private static TrustedRoot LoadPublicGood()
    {
        using var stream = typeof(TrustedRoot).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }
}
