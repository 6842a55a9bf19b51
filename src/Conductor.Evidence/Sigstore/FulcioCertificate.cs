using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>Reads the identity a Fulcio certificate binds: its subject alternative names and OIDC issuer extension.</summary>
public static class FulcioCertificate
{
    /// <summary>The OIDC issuer extension (raw string, deprecated).</summary>
    public const string IssuerV1Oid = "1.3.6.1.4.1.57264.1.1";
    /// <summary>The OIDC issuer extension (DER UTF8String).</summary>
    public const string IssuerV2Oid = "1.3.6.1.4.1.57264.1.8";
    private const string OtherNameUsernameOid = "1.3.6.1.4.1.57264.1.7";

    /// <summary>The subject alternative names: e-mail addresses, URIs, DNS names and Fulcio username other-names.</summary>
    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null) return names;
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    reader.ReadEncodedValue();
                    continue;
                }
                switch (tag.TagValue)
                {
                    case 1 or 2 or 6:
                        names.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 0:
                        var other = reader.ReadSequence(tag);
                        var oid = other.ReadObjectIdentifier();
                        var value = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                        if (oid == OtherNameUsernameOid) names.Add(value.ReadCharacterString(UniversalTagNumber.UTF8String));
                        break;
                    default:
                        reader.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (AsnContentException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"the certificate's subject alternative name extension is malformed: {e.Message}");
        }
        return names;
    }

    /// <summary>The OIDC issuer that authenticated the signer, or null when the certificate has none.</summary>
    public static string? Issuer(X509Certificate2 certificate)
    {
        var v2 = certificate.Extensions[IssuerV2Oid];
        if (v2 is not null)
        {
            try
            {
                return AsnDecoder.ReadCharacterString(v2.RawData, AsnEncodingRules.DER, UniversalTagNumber.UTF8String, out _);
            }
            catch (AsnContentException e)
            {
                throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"the certificate's OIDC issuer extension is malformed: {e.Message}");
            }
        }
        var v1 = certificate.Extensions[IssuerV1Oid];
        return v1 is null ? null : Encoding.UTF8.GetString(v1.RawData);
    }
}
