using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Conductor.Evidence.Keys;
using PublicKey = Conductor.Evidence.Keys.PublicKey;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.X509;

/// <summary>
/// The <c>x509</c> verifier plugin: a detached signature over the artifact made by the key of a certificate that
/// chains to one of the configured roots, with every certificate valid at the signing time.
/// Reads <see cref="VerificationInput.Documents"/>[0] (PEM certificates, leaf first, then intermediates),
/// <see cref="VerificationInput.Signature"/>, <see cref="VerificationInput.Artifact"/> and
/// <see cref="VerificationInput.SigningTime"/> (required: validity is judged at signing time, not now).
/// </summary>
public sealed class X509ChainVerifier(IReadOnlyList<X509Certificate2> roots, SignatureOptions? options = null) : IEvidenceVerifier
{
    /// <inheritdoc />
    public string Name => "x509";

    /// <summary>The trust anchors.</summary>
    public IReadOnlyList<X509Certificate2> Roots { get; } = roots;

    /// <inheritdoc />
    public VerificationResult Verify(VerificationInput input) => VerificationResult.Run(checks =>
    {
        if (input.Documents.Count == 0) throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no certificate chain was given");
        var certificates = ReadPemCertificates(System.Text.Encoding.UTF8.GetString(input.Documents[0].Span));
        if (certificates.Count == 0) throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, "the certificate chain holds no CERTIFICATE block");
        var time = input.SigningTime ?? throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "the signing time is needed to check certificate validity");
        var artifact = input.Artifact ?? throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no artifact was given");
        if (input.Signature.IsEmpty) throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no signature was given");

        var leaf = certificates[0];
        var chain = CertificateChainValidator.Validate(leaf, certificates.Skip(1), Roots, time);
        checks.Add($"certificate chain of '{CertificateChainValidator.Describe(leaf)}' ({chain.Count} certificates) is valid at {time.UtcDateTime:O}");
        PublicKeyVerifier.VerifyArtifactSignature(PublicKey.FromCertificate(leaf), artifact, input.Signature.Span, options);
        checks.Add("signature verifies with the leaf certificate's key");
    });

    /// <summary>Reads every CERTIFICATE block of a PEM text, in order.</summary>
    public static List<X509Certificate2> ReadPemCertificates(string pem)
    {
        var result = new List<X509Certificate2>();
        var rest = pem.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var span = rest.Span;
            if (span[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                byte[] der;
                try
                {
                    der = Convert.FromBase64String(span[fields.Base64Data].ToString());
                }
                catch (FormatException)
                {
                    throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"certificate {result.Count + 1} is not valid base64");
                }
                result.Add(PublicKey.LoadCertificate(der));
            }
            rest = rest[fields.Location.End..];
        }
        return result;
    }
}
