using System.Formats.Asn1;
using System.Security.Cryptography;
using Conductor.Evidence.Keys;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tuf;

/// <summary>A key from TUF root metadata: ecdsa (PEM), ed25519 (hex) or rsa (PEM, RSASSA-PSS).</summary>
public sealed record TufKey(string KeyId, string KeyType, string Scheme, PublicKey Key)
{
    /// <summary>Verifies a TUF signature (hex-decoded bytes) over canonical <paramref name="signed"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> signed, ReadOnlySpan<byte> signature) => Scheme switch
    {
        "ecdsa-sha2-nistp256" => Key.VerifyData(signed, signature, new SignatureOptions(HashAlgorithmName.SHA256)),
        "ecdsa-sha2-nistp384" => Key.VerifyData(signed, signature, new SignatureOptions(HashAlgorithmName.SHA384)),
        "ed25519" => Key.VerifyData(signed, signature),
        "rsassa-pss-sha256" => Key.VerifyData(signed, signature, new SignatureOptions(HashAlgorithmName.SHA256, RSASignaturePadding.Pss)),
        "rsa-pkcs1v15-sha256" => Key.VerifyData(signed, signature, new SignatureOptions(HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        _ => false,
    };

    /// <summary>Reads a key from its TUF JSON form.</summary>
    internal static TufKey Parse(string keyId, string keyType, string scheme, string publicValue)
    {
        if (keyType == "ed25519")
        {
            byte[] raw;
            try
            {
                raw = Convert.FromHexString(publicValue);
            }
            catch (FormatException)
            {
                throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"TUF key {keyId}: the ed25519 public key is not hex");
            }
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence()) writer.WriteObjectIdentifier("1.3.101.112");
                writer.WriteBitString(raw);
            }
            return new TufKey(keyId, keyType, scheme, PublicKey.FromSubjectPublicKeyInfo(writer.Encode()));
        }
        return new TufKey(keyId, keyType, scheme, PublicKey.FromPem(publicValue));
    }
}
