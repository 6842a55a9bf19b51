using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Conductor.Evidence.Verification;
using PublicKey = Conductor.Evidence.Keys.PublicKey;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// Checks that a Rekor entry's canonical body records this bundle's signature, signer and artifact (or DSSE
/// envelope), so an entry for some other signature cannot vouch for this one. Supports hashedrekord 0.0.1 and
/// 0.0.2, dsse 0.0.1 and 0.0.2, intoto 0.0.2.
/// </summary>
internal static class RekorEntryBody
{
    public static void Verify(TransparencyLogEntry entry, SigstoreBundle bundle, X509Certificate2? leaf, PublicKey? key, byte[] artifactDigest)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(entry.CanonicalizedBody);
        }
        catch (JsonException e)
        {
            throw Invalid($"the entry body is not JSON: {e.Message}");
        }
        using (document)
        {
            var body = document.RootElement;
            try
            {
                var kind = JsonFields.String(body, "kind", "body");
                var version = JsonFields.String(body, "apiVersion", "body");
                if (kind != entry.Kind || version != entry.KindVersion)
                    throw Invalid($"the entry body is {kind}/{version} but the bundle says {entry.Kind}/{entry.KindVersion}");
                var spec = JsonFields.Object(body, "spec", "body");
                switch ($"{kind}/{version}")
                {
                    case "hashedrekord/0.0.1": HashedRekordV001(spec, bundle, leaf, key, artifactDigest); break;
                    case "hashedrekord/0.0.2": HashedRekordV002(spec, bundle, leaf, key, artifactDigest); break;
                    case "dsse/0.0.1": DsseV001(spec, bundle, leaf, key); break;
                    case "dsse/0.0.2": DsseV002(spec, bundle, leaf, key); break;
                    case "intoto/0.0.2": IntotoV002(spec, bundle, leaf, key); break;
                    default: throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"tlog entry kind {kind}/{version} is not supported");
                }
            }
            catch (EvidenceVerificationException e) when (e.Code == VerificationErrorCodes.MalformedEvidence)
            {
                throw Invalid($"the entry body is malformed: {e.Message}");
            }
        }
    }

    private static void HashedRekordV001(JsonElement spec, SigstoreBundle bundle, X509Certificate2? leaf, PublicKey? key, byte[] artifactDigest)
    {
        var message = bundle.MessageSignature ?? throw Invalid("a hashedrekord 0.0.1 entry cannot record a DSSE envelope");
        var signature = JsonFields.Object(spec, "signature", "spec");
        Require(JsonFields.Base64(signature, "content", "spec.signature").AsSpan().SequenceEqual(message.Signature), "the entry records a different signature");
        var publicKey = JsonFields.Object(signature, "publicKey", "spec.signature");
        Require(MatchesSigner(JsonFields.Base64(publicKey, "content", "spec.signature.publicKey"), pem: true, leaf, key), "the entry records a different signing certificate or key");
        var hash = JsonFields.Object(JsonFields.Object(spec, "data", "spec"), "hash", "spec.data");
        Require(JsonFields.String(hash, "algorithm", "spec.data.hash") == "sha256", "the entry's artifact hash is not SHA-256");
        Require(string.Equals(JsonFields.String(hash, "value", "spec.data.hash"), Convert.ToHexStringLower(artifactDigest), StringComparison.OrdinalIgnoreCase),
            "the entry records a different artifact digest");
    }

    private static void HashedRekordV002(JsonElement spec, SigstoreBundle bundle, X509Certificate2? leaf, PublicKey? key, byte[] artifactDigest)
    {
        var v2 = JsonFields.Object(spec, "hashedRekordV002", "spec");
        var data = JsonFields.Object(v2, "data", "spec.hashedRekordV002");
        Require(JsonFields.String(data, "algorithm", "spec.hashedRekordV002.data") == "SHA2_256", "the entry's digest is not SHA-256");
        // For DSSE, Rekor v2 logs a hashedrekord over the PAE of the envelope (rekor-v2 spec §6.1.4).
        var expected = bundle.DsseEnvelope is { } envelope ? SHA256.HashData(envelope.PreAuthenticationEncoding()) : artifactDigest;
        Require(JsonFields.Base64(data, "digest", "spec.hashedRekordV002.data").AsSpan().SequenceEqual(expected),
            bundle.DsseEnvelope is null ? "the entry records a different artifact digest" : "the entry records a different DSSE envelope");
        var signature = JsonFields.Object(v2, "signature", "spec.hashedRekordV002");
        Require(JsonFields.Base64(signature, "content", "spec.hashedRekordV002.signature").AsSpan().SequenceEqual(bundle.SignatureBytes), "the entry records a different signature");
        Require(MatchesV2Verifier(JsonFields.Object(signature, "verifier", "spec.hashedRekordV002.signature"), leaf, key), "the entry records a different signing certificate or key");
    }

    private static void DsseV001(JsonElement spec, SigstoreBundle bundle, X509Certificate2? leaf, PublicKey? key)
    {
        var envelope = bundle.DsseEnvelope ?? throw Invalid("a dsse entry cannot record a message signature");
        var payloadHash = JsonFields.Object(spec, "payloadHash", "spec");
        Require(JsonFields.String(payloadHash, "algorithm", "spec.payloadHash") == "sha256", "the entry's payload hash is not SHA-256");
        Require(string.Equals(JsonFields.String(payloadHash, "value", "spec.payloadHash"), Convert.ToHexStringLower(SHA256.HashData(envelope.Payload)), StringComparison.OrdinalIgnoreCase),
            "the entry records a different DSSE payload");
        var recorded = new List<(byte[] Signature, byte[] Verifier)>();
        foreach (var s in JsonFields.Array(spec, "signatures", "spec"))
            recorded.Add((JsonFields.Base64(s, "signature", "spec.signatures[]"), JsonFields.Base64(s, "verifier", "spec.signatures[]")));
        RequireSameSignatures(envelope, recorded, pem: true, leaf, key);
    }

    private static void DsseV002(JsonElement spec, SigstoreBundle bundle, X509Certificate2? leaf, PublicKey? key)
    {
        var envelope = bundle.DsseEnvelope ?? throw Invalid("a dsse entry cannot record a message signature");
        var v2 = JsonFields.Object(spec, "dsseV002", "spec");
        var payloadHash = JsonFields.Object(v2, "payloadHash", "spec.dsseV002");
        Require(JsonFields.String(payloadHash, "algorithm", "spec.dsseV002.payloadHash") == "SHA2_256", "the entry's payload hash is not SHA-256");
        Require(JsonFields.Base64(payloadHash, "digest", "spec.dsseV002.payloadHash").AsSpan().SequenceEqual(SHA256.HashData(envelope.Payload)), "the entry records a different DSSE payload");
        var signatures = JsonFields.Array(v2, "signatures", "spec.dsseV002").ToList();
        Require(signatures.Count == envelope.Signatures.Count, "the entry records a different number of DSSE signatures");
        foreach (var s in envelope.Signatures)
        {
            Require(signatures.Any(r =>
                JsonFields.Base64(r, "content", "spec.dsseV002.signatures[]").AsSpan().SequenceEqual(s.Signature)
                && MatchesV2Verifier(JsonFields.Object(r, "verifier", "spec.dsseV002.signatures[]"), leaf, key)),
                "the entry records a different DSSE signature");
        }
    }

    private static void IntotoV002(JsonElement spec, SigstoreBundle bundle, X509Certificate2? leaf, PublicKey? key)
    {
        var envelope = bundle.DsseEnvelope ?? throw Invalid("an intoto entry cannot record a message signature");
        var content = JsonFields.Object(spec, "content", "spec");
        var payloadHash = JsonFields.Object(content, "payloadHash", "spec.content");
        Require(JsonFields.String(payloadHash, "algorithm", "spec.content.payloadHash") == "sha256", "the entry's payload hash is not SHA-256");
        Require(string.Equals(JsonFields.String(payloadHash, "value", "spec.content.payloadHash"), Convert.ToHexStringLower(SHA256.HashData(envelope.Payload)), StringComparison.OrdinalIgnoreCase),
            "the entry records a different DSSE payload");
        var recordedEnvelope = JsonFields.Object(content, "envelope", "spec.content");
        Require(JsonFields.String(recordedEnvelope, "payloadType", "spec.content.envelope") == envelope.PayloadType, "the entry records a different payload type");
        // intoto 0.0.2 stores each signature base64-encoded a second time.
        var recorded = new List<(byte[] Signature, byte[] Verifier)>();
        foreach (var s in JsonFields.Array(recordedEnvelope, "signatures", "spec.content.envelope"))
        {
            var once = JsonFields.Base64(s, "sig", "spec.content.envelope.signatures[]");
            recorded.Add((JsonFields.DecodeBase64(Encoding.ASCII.GetString(once), "spec.content.envelope.signatures[].sig"),
                JsonFields.Base64(s, "publicKey", "spec.content.envelope.signatures[]")));
        }
        RequireSameSignatures(envelope, recorded, pem: true, leaf, key);
    }

    private static void RequireSameSignatures(DsseEnvelope envelope, List<(byte[] Signature, byte[] Verifier)> recorded, bool pem, X509Certificate2? leaf, PublicKey? key)
    {
        Require(recorded.Count == envelope.Signatures.Count, "the entry records a different number of DSSE signatures");
        foreach (var s in envelope.Signatures)
            Require(recorded.Any(r => r.Signature.AsSpan().SequenceEqual(s.Signature) && MatchesSigner(r.Verifier, pem, leaf, key)),
                "the entry records a different DSSE signature");
    }

    private static bool MatchesV2Verifier(JsonElement verifier, X509Certificate2? leaf, PublicKey? key)
    {
        var certificate = JsonFields.OptionalObject(verifier, "x509Certificate", "verifier");
        if (certificate is not null) return MatchesSigner(JsonFields.Base64(certificate.Value, "rawBytes", "verifier.x509Certificate"), pem: false, leaf, null);
        var publicKey = JsonFields.OptionalObject(verifier, "publicKey", "verifier");
        if (publicKey is not null) return key is not null && JsonFields.Base64(publicKey.Value, "rawBytes", "verifier.publicKey").AsSpan().SequenceEqual(key.SubjectPublicKeyInfo);
        return false;
    }

    /// <summary>Compares recorded signer material (a PEM certificate or key, or a DER certificate) with the bundle's signer.</summary>
    private static bool MatchesSigner(byte[] material, bool pem, X509Certificate2? leaf, PublicKey? key)
    {
        if (!pem) return leaf is not null && material.AsSpan().SequenceEqual(leaf.RawData);
        var text = Encoding.ASCII.GetString(material);
        if (!PemEncoding.TryFind(text, out var fields)) return false;
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text[fields.Base64Data]);
        }
        catch (FormatException)
        {
            return false;
        }
        return text[fields.Label] switch
        {
            "CERTIFICATE" => leaf is not null && der.AsSpan().SequenceEqual(leaf.RawData),
            "PUBLIC KEY" => key is not null && leaf is null && der.AsSpan().SequenceEqual(key.SubjectPublicKeyInfo),
            _ => false,
        };
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw Invalid(message);
    }

    private static EvidenceVerificationException Invalid(string message) => new(VerificationErrorCodes.TlogEntryInvalid, message);
}
