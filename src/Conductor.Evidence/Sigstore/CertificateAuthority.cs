using System.Security.Cryptography.X509Certificates;

namespace Conductor.Evidence.Sigstore;

/// <summary>A certificate authority (Fulcio) or timestamp authority from a trusted root.</summary>
/// <param name="Uri">The authority's URI.</param>
/// <param name="Chain">Its certificates, leaf-most first and the root last.</param>
/// <param name="ValidFor">When certificates issued (or timestamps signed) by it are acceptable.</param>
public sealed record CertificateAuthority(string Uri, IReadOnlyList<X509Certificate2> Chain, TimeRange ValidFor)
{
    /// <summary>The self-issued certificates of the chain: the trust anchors.</summary>
    public IEnumerable<X509Certificate2> Roots => Chain.Where(X509.CertificateChainValidator.IsSelfIssued);

    /// <summary>The certificates that are not roots.</summary>
    public IEnumerable<X509Certificate2> Intermediates => Chain.Where(c => !X509.CertificateChainValidator.IsSelfIssued(c));
}
