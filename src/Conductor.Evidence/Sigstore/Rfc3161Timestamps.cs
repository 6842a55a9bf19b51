using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// Verifies RFC 3161 timestamps over a signature: the token's message imprint is the hash of the signature, the
/// token is signed by a timestamp authority of the trusted root whose chain is valid at the token's time, and
/// that time lies inside the authority's validity window (both ends included).
/// </summary>
public static class Rfc3161Timestamps
{
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    /// <summary>Verifies one timestamp (a TimeStampResp or a bare token) and returns its generation time.</summary>
    public static DateTimeOffset Verify(byte[] encoded, ReadOnlySpan<byte> signature, IReadOnlyList<CertificateAuthority> authorities)
    {
        var (cms, info) = Decode(encoded);
        var hashOid = info.HashAlgorithmId.Value;
        byte[] expected = hashOid switch
        {
            "2.16.840.1.101.3.4.2.1" => SHA256.HashData(signature),
            "2.16.840.1.101.3.4.2.2" => SHA384.HashData(signature),
            "2.16.840.1.101.3.4.2.3" => SHA512.HashData(signature),
            _ => throw Invalid($"the timestamp uses unsupported digest algorithm {hashOid}"),
        };
        if (!info.GetMessageHash().Span.SequenceEqual(expected))
            throw Invalid("the timestamp's message imprint is not the hash of the bundle's signature");
        var time = info.Timestamp;
        if (authorities.Count == 0) throw Invalid("the trusted root has no timestamp authorities");
        if (cms.SignerInfos.Count != 1) throw Invalid($"the timestamp has {cms.SignerInfos.Count} signers, not one");
        var signerInfo = cms.SignerInfos[0];

        var problems = new List<string>();
        var embedded = cms.Certificates.Cast<X509Certificate2>().ToList();
        foreach (var authority in authorities)
        {
            // The signer is named by the token; its certificate may be embedded or only in the trusted root.
            var signer = embedded.Concat(authority.Chain).FirstOrDefault(c => Identifies(signerInfo.SignerIdentifier, c));
            if (signer is null)
            {
                problems.Add($"its signer is not a certificate of {authority.Uri}");
                continue;
            }
            try
            {
                signerInfo.CheckSignature([signer], verifySignatureOnly: true);
            }
            catch (CryptographicException)
            {
                problems.Add($"its signature does not verify with {authority.Uri}'s certificate");
                continue;
            }
            // RFC 3161 §2.3: the signing certificate must be for timestamping only.
            var usage = signer.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (usage is null || !usage.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == TimeStampingOid))
            {
                problems.Add($"the certificate of {authority.Uri} that signed it is not for timestamping");
                continue;
            }
            if (!authority.ValidFor.Contains(time))
            {
                problems.Add($"time {time.UtcDateTime:O} is outside {authority.Uri}'s validity {authority.ValidFor}");
                continue;
            }
            try
            {
                X509.CertificateChainValidator.Validate(signer, authority.Intermediates.Concat(embedded), authority.Roots, time);
            }
            catch (EvidenceVerificationException e)
            {
                problems.Add(e.Message);
                continue;
            }
            return time;
        }
        throw Invalid($"the timestamp does not verify with any trusted timestamp authority ({string.Join("; ", problems)})");
    }

    private static bool Identifies(SubjectIdentifier identifier, X509Certificate2 certificate)
    {
        switch (identifier.Type)
        {
            case SubjectIdentifierType.IssuerAndSerialNumber:
                var issuerSerial = (X509IssuerSerial)identifier.Value!;
                return certificate.IssuerName.Name == issuerSerial.IssuerName
                    && string.Equals(certificate.SerialNumber, issuerSerial.SerialNumber, StringComparison.OrdinalIgnoreCase);
            case SubjectIdentifierType.SubjectKeyIdentifier:
                var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier;
                return ski is not null && string.Equals(ski, (string)identifier.Value!, StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    private static (SignedCms Cms, Rfc3161TimestampTokenInfo Info) Decode(byte[] encoded)
    {
        ReadOnlyMemory<byte> tokenBytes = encoded;
        try
        {
            // A TimeStampResp is SEQUENCE { PKIStatusInfo, token }; a bare token (ContentInfo) starts with an OID.
            var outer = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
            if (outer.PeekTag() == Asn1Tag.Sequence)
            {
                var status = outer.ReadSequence();
                if (!status.TryReadInt32(out var code) || code is not (0 or 1))
                    throw Invalid("the timestamp response's status is not 'granted'");
                if (!outer.HasData) throw Invalid("the timestamp response holds no token");
                tokenBytes = outer.ReadEncodedValue();
            }
        }
        catch (AsnContentException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"the RFC 3161 timestamp is not valid DER: {e.Message}");
        }
        // SignedCms rather than Rfc3161TimestampToken: the latter insists on an ESS signing-certificate attribute
        // that RFC 3161 timestamps from some authorities lack.
        var cms = new SignedCms();
        try
        {
            cms.Decode(tokenBytes.Span);
        }
        catch (CryptographicException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"the RFC 3161 timestamp token is not CMS signed data: {e.Message}");
        }
        if (cms.ContentInfo.ContentType.Value != TstInfoContentType)
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, "the RFC 3161 timestamp token does not hold a TSTInfo");
        if (!Rfc3161TimestampTokenInfo.TryDecode(cms.ContentInfo.Content, out var info, out _) || info is null)
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, "the RFC 3161 TSTInfo cannot be decoded");
        return (cms, info);
    }

    private static EvidenceVerificationException Invalid(string message) => new(VerificationErrorCodes.TimestampInvalid, message);
}
