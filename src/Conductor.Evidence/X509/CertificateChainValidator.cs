using System.Security.Cryptography.X509Certificates;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.X509;

/// <summary>
/// Builds and checks a certificate chain to a fixed set of trust anchors at a given time, offline: only the
/// configured roots are trusted (never the system store), no certificates are downloaded, and revocation is
/// not consulted (the evidence formats carry their own time proofs instead).
/// </summary>
public static class CertificateChainValidator
{
    /// <summary>
    /// Validates <paramref name="leaf"/> at <paramref name="time"/> and returns the chain, leaf first and
    /// trust anchor last. Throws <see cref="EvidenceVerificationException"/> naming the problem otherwise.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> Validate(
        X509Certificate2 leaf,
        IEnumerable<X509Certificate2> intermediates,
        IEnumerable<X509Certificate2> roots,
        DateTimeOffset time)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = time.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        var rootCount = 0;
        foreach (var root in roots)
        {
            policy.CustomTrustStore.Add(root);
            rootCount++;
        }
        if (rootCount == 0) throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid, "no trusted root certificates are configured");
        foreach (var intermediate in intermediates) policy.ExtraStore.Add(intermediate);

        if (!chain.Build(leaf))
        {
            var problems = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
            var detail = chain.ChainElements
                .SelectMany(e => e.ChainElementStatus.Select(s => $"{e.Certificate.Subject}: {s.StatusInformation.Trim()}"))
                .Distinct()
                .ToList();
            throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid,
                $"the certificate '{Describe(leaf)}' does not chain to a trusted root at {time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ({string.Join(", ", problems)}{(detail.Count > 0 ? "; " + string.Join("; ", detail) : "")})");
        }
        var result = chain.ChainElements.Select(e => e.Certificate).ToList();
        // CustomRootTrust already guarantees the anchor is one of ours; checking it again keeps the rule local.
        var anchor = result[^1];
        if (!policy.CustomTrustStore.Cast<X509Certificate2>().Any(r => r.RawData.AsSpan().SequenceEqual(anchor.RawData)))
            throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid, $"the chain of '{Describe(leaf)}' ends at an untrusted certificate");
        return result;
    }

    /// <summary>True when the certificate names itself as issuer (a root).</summary>
    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    internal static string Describe(X509Certificate2 certificate) =>
        string.IsNullOrEmpty(certificate.Subject) ? $"serial {certificate.SerialNumber}" : certificate.Subject;
}
