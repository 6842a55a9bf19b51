using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Conductor.Evidence.Keys;
using Conductor.Evidence.Verification;
using Conductor.Evidence.X509;
using PublicKey = Conductor.Evidence.Keys.PublicKey;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// The <c>sigstore</c> verifier plugin: offline verification of a Sigstore bundle (v0.1–v0.3, message signature or
/// DSSE) against a trusted root and a policy, following the Sigstore client specification:
/// the signature over the artifact (or DSSE envelope and in-toto subject), each Rekor entry (known log, body that
/// records this signature, signer and artifact, signed entry timestamp, inclusion proof and signed checkpoint),
/// RFC 3161 timestamps, and for certificates the Fulcio chain at every verified time, SCTs and identity.
/// Reads <see cref="VerificationInput.Documents"/>[0] (bundle JSON) and <see cref="VerificationInput.Artifact"/>.
/// </summary>
public sealed class SigstoreBundleVerifier(TrustedRoot trustedRoot, SigstoreVerificationPolicy policy) : IEvidenceVerifier
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    /// <inheritdoc />
    public string Name => "sigstore";

    /// <inheritdoc />
    public VerificationResult Verify(VerificationInput input) => VerificationResult.Run(checks =>
    {
        if (input.Documents.Count == 0) throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no bundle was given");
        var artifact = input.Artifact ?? throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no artifact was given");
        Verify(SigstoreBundle.Parse(input.Documents[0].Span), artifact, checks);
    });

    /// <summary>Verifies a parsed bundle, appending each passed check to <paramref name="checks"/>; throws on failure.</summary>
    public void Verify(SigstoreBundle bundle, ArtifactReference artifact, List<string> checks)
    {
        // 1. Who signed: the policy decides whether a key or a certificate is expected.
        X509Certificate2? leaf = null;
        PublicKey signer;
        if (policy.Key is not null)
        {
            if (!bundle.SignedWithKey)
                throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "the bundle is signed with a certificate, but a key was given");
            signer = policy.Key;
        }
        else
        {
            if (bundle.SignedWithKey)
                throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "the bundle is signed with a managed key; verify it with a key, not an identity");
            if (bundle.Certificates.Any(CertificateChainValidator.IsSelfIssued))
                throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid, "the bundle's certificate chain contains a root certificate; roots come only from the trusted root");
            leaf = bundle.Certificates[0];
            signer = PublicKey.FromCertificate(leaf);
        }

        // 2. The signature over the artifact, or over the DSSE envelope whose statement names the artifact.
        VerifyContent(bundle, artifact, signer, checks);

        // 3. Transparency log entries and 4. RFC 3161 timestamps yield the verified times.
        var times = new List<DateTimeOffset>();
        VerifyTlogEntries(bundle, leaf, signer, artifact, times, checks);
        for (var i = 0; i < bundle.Rfc3161Timestamps.Count; i++)
        {
            var time = Rfc3161Timestamps.Verify(bundle.Rfc3161Timestamps[i], bundle.SignatureBytes, trustedRoot.TimestampAuthorities);
            times.Add(time);
            checks.Add($"RFC 3161 timestamp {i} verifies: {time.UtcDateTime:O}");
        }
        if (times.Count == 0)
            throw new EvidenceVerificationException(VerificationErrorCodes.TimestampInvalid, "the bundle has no verified time (no signed entry timestamp and no RFC 3161 timestamp)");
        foreach (var entry in bundle.TlogEntries.Where(e => e.SignedEntryTimestamp is null))
        {
            var log = trustedRoot.FindTransparencyLog(entry.LogId)!;
            foreach (var time in times)
                if (!log.ValidFor.Contains(time))
                    throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, $"the key of log {log.BaseUrl} was not valid at {time.UtcDateTime:O} (valid {log.ValidFor})");
        }

        // 5. The certificate: Fulcio chain at every verified time, SCTs, usage and identity.
        if (leaf is not null) VerifyCertificate(bundle, leaf, times, checks);
    }

    private static void VerifyContent(SigstoreBundle bundle, ArtifactReference artifact, PublicKey signer, List<string> checks)
    {
        if (bundle.MessageSignature is { } message)
        {
            if (message.Digest is not null)
            {
                if (message.DigestAlgorithm is not null and not "SHA2_256")
                    throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"message digest algorithm {message.DigestAlgorithm} is not supported");
                if (!message.Digest.AsSpan().SequenceEqual(artifact.Sha256))
                    throw new EvidenceVerificationException(VerificationErrorCodes.ArtifactMismatch,
                        $"the artifact's SHA-256 {Convert.ToHexStringLower(artifact.Sha256)} is not the bundle's message digest {Convert.ToHexStringLower(message.Digest)}");
            }
            try
            {
                PublicKeyVerifier.VerifyArtifactSignature(signer, artifact, message.Signature, null);
            }
            catch (EvidenceVerificationException e) when (e.Code == VerificationErrorCodes.SignatureInvalid)
            {
                throw new EvidenceVerificationException(VerificationErrorCodes.SignatureInvalid, "the bundle's message signature does not verify over the artifact with the signer's key");
            }
            checks.Add("message signature verifies over the artifact");
            return;
        }

        var envelope = bundle.DsseEnvelope!;
        if (!signer.VerifyData(envelope.PreAuthenticationEncoding(), envelope.Signatures[0].Signature))
            throw new EvidenceVerificationException(VerificationErrorCodes.SignatureInvalid, "the DSSE envelope signature does not verify with the signer's key");
        checks.Add("DSSE envelope signature verifies");
        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
            throw new EvidenceVerificationException(VerificationErrorCodes.ArtifactMismatch, $"the DSSE payload type '{envelope.PayloadType}' is not an in-toto statement, so it cannot name the artifact");
        var hex = Convert.ToHexStringLower(artifact.Sha256);
        if (!InTotoSubjectDigests(envelope.Payload).Any(d => string.Equals(d, hex, StringComparison.OrdinalIgnoreCase)))
            throw new EvidenceVerificationException(VerificationErrorCodes.ArtifactMismatch, $"no subject of the in-toto statement has the artifact's SHA-256 {hex}");
        checks.Add("in-toto statement names the artifact");
    }

    private static List<string> InTotoSubjectDigests(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var result = new List<string>();
            foreach (var subject in JsonFields.Array(document.RootElement, "subject", "statement"))
            {
                var digest = JsonFields.OptionalObject(subject, "digest", "statement.subject[]");
                var sha = digest is null ? null : JsonFields.OptionalString(digest.Value, "sha256", "statement.subject[].digest");
                if (sha is not null) result.Add(sha);
            }
            return result;
        }
        catch (JsonException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"the in-toto statement is not JSON: {e.Message}");
        }
    }

    private void VerifyTlogEntries(SigstoreBundle bundle, X509Certificate2? leaf, PublicKey signer, ArtifactReference artifact, List<DateTimeOffset> times, List<string> checks)
    {
        if (bundle.TlogEntries.Count == 0)
            throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, "the bundle has no transparency log entry");
        for (var i = 0; i < bundle.TlogEntries.Count; i++)
        {
            var entry = bundle.TlogEntries[i];
            var label = $"tlog entry {i} (log index {entry.LogIndex})";
            var log = trustedRoot.FindTransparencyLog(entry.LogId)
                ?? throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, $"{label} is from log {Convert.ToBase64String(entry.LogId)}, which the trusted root does not list");
            var logKey = log.Key
                ?? throw new EvidenceVerificationException(VerificationErrorCodes.TrustRootInvalid, $"the key of log {log.BaseUrl} ({log.KeyDetails}) cannot be read");

            try
            {
                RekorEntryBody.Verify(entry, bundle, leaf, leaf is null ? signer : null, artifact.Sha256);
            }
            catch (EvidenceVerificationException e)
            {
                throw new EvidenceVerificationException(e.Code, $"{label}: {e.Message}");
            }
            checks.Add($"{label} records this signature, signer and artifact");

            if (bundle.Version == "0.1" && entry.SignedEntryTimestamp is null)
                throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, $"{label} has no inclusion promise, which a v0.1 bundle requires");
            if (bundle.Version != "0.1" && entry.InclusionProof is null)
                throw new EvidenceVerificationException(VerificationErrorCodes.InclusionProofInvalid, $"{label} has no inclusion proof, which a v{bundle.Version} bundle requires");

            if (entry.SignedEntryTimestamp is { } set)
            {
                var integrated = entry.IntegratedTime
                    ?? throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, $"{label} has an inclusion promise but no integrated time");
                var payload = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{integrated},\"logID\":\"{Convert.ToHexStringLower(entry.LogId)}\",\"logIndex\":{entry.LogIndex}}}");
                if (!logKey.VerifyData(Encoding.UTF8.GetBytes(payload), set))
                    throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, $"{label}: the signed entry timestamp does not verify with the key of log {log.BaseUrl}");
                var time = DateTimeOffset.FromUnixTimeSeconds(integrated);
                if (!log.ValidFor.Contains(time))
                    throw new EvidenceVerificationException(VerificationErrorCodes.TlogEntryInvalid, $"{label}: integrated time {time.UtcDateTime:O} is outside the validity of log {log.BaseUrl}'s key {log.ValidFor}");
                times.Add(time);
                checks.Add($"{label}: signed entry timestamp verifies, integrated at {time.UtcDateTime:O}");
            }

            if (entry.InclusionProof is { } proof)
            {
                var leafHash = MerkleInclusion.LeafHash(entry.CanonicalizedBody);
                try
                {
                    MerkleInclusion.Verify(proof.LogIndex, proof.TreeSize, leafHash, proof.Hashes, proof.RootHash);
                }
                catch (EvidenceVerificationException e)
                {
                    throw new EvidenceVerificationException(e.Code, $"{label}: {e.Message}");
                }
                checks.Add($"{label}: inclusion proof leads to root {Convert.ToBase64String(proof.RootHash)} of tree size {proof.TreeSize}");
                VerifyCheckpoint(label, proof, log, logKey);
                checks.Add($"{label}: checkpoint signed by {log.Host} commits to that root");
            }
        }
    }

    private static void VerifyCheckpoint(string label, LogInclusionProof proof, TransparencyLogInstance log, PublicKey logKey)
    {
        if (proof.Checkpoint is null)
            throw new EvidenceVerificationException(VerificationErrorCodes.CheckpointInvalid, $"{label}: the inclusion proof has no checkpoint");
        try
        {
            var checkpoint = Checkpoint.Parse(proof.Checkpoint);
            if (checkpoint.Origin != log.Host && !checkpoint.Origin.StartsWith(log.Host + " - ", StringComparison.Ordinal))
                throw new EvidenceVerificationException(VerificationErrorCodes.CheckpointInvalid, $"the checkpoint origin '{checkpoint.Origin}' is not log {log.Host}");
            if (checkpoint.TreeSize != proof.TreeSize)
                throw new EvidenceVerificationException(VerificationErrorCodes.CheckpointInvalid, $"the checkpoint is for tree size {checkpoint.TreeSize}, the proof for {proof.TreeSize}");
            if (!checkpoint.RootHash.AsSpan().SequenceEqual(proof.RootHash))
                throw new EvidenceVerificationException(VerificationErrorCodes.CheckpointInvalid, "the checkpoint's root hash is not the inclusion proof's root hash");
            checkpoint.VerifySignedBy(log.Host, log.LogId.AsSpan(0, 4), logKey);
        }
        catch (EvidenceVerificationException e)
        {
            throw new EvidenceVerificationException(e.Code, $"{label}: {e.Message}");
        }
    }

    private void VerifyCertificate(SigstoreBundle bundle, X509Certificate2 leaf, List<DateTimeOffset> times, List<string> checks)
    {
        IReadOnlyList<X509Certificate2>? chain = null;
        foreach (var time in times)
        {
            var problems = new List<string>();
            IReadOnlyList<X509Certificate2>? found = null;
            foreach (var authority in trustedRoot.CertificateAuthorities)
            {
                if (!authority.ValidFor.Contains(time))
                {
                    problems.Add($"CA {authority.Uri} is valid {authority.ValidFor}");
                    continue;
                }
                try
                {
                    found = CertificateChainValidator.Validate(leaf, authority.Intermediates.Concat(bundle.Certificates.Skip(1)), authority.Roots, time);
                    break;
                }
                catch (EvidenceVerificationException e)
                {
                    problems.Add(e.Message);
                }
            }
            if (found is null)
                throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid,
                    $"the signing certificate is not valid under a trusted Fulcio CA at the verified time {time.UtcDateTime:O} ({string.Join("; ", problems)})");
            chain ??= found;
            checks.Add($"signing certificate chains to a trusted CA at {time.UtcDateTime:O}");
        }
        if (chain is null || chain.Count < 2)
            throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid, "the signing certificate has no issuer in the trusted root");

        var sctCount = SignedCertificateTimestamps.Verify(leaf, chain[1], trustedRoot.CertificateTransparencyLogs);
        checks.Add($"{sctCount} signed certificate timestamp(s) verify");

        var usage = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usage is null || !usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == CodeSigningOid))
            throw new EvidenceVerificationException(VerificationErrorCodes.CertificateInvalid, "the signing certificate is not for code signing");

        var names = FulcioCertificate.SubjectAlternativeNames(leaf);
        if (!names.Contains(policy.Identity!, StringComparer.Ordinal))
            throw new EvidenceVerificationException(VerificationErrorCodes.IdentityMismatch,
                $"the certificate identity is {(names.Count == 0 ? "empty" : string.Join(", ", names.Select(n => $"'{n}'")))}, not '{policy.Identity}'");
        var issuer = FulcioCertificate.Issuer(leaf);
        if (issuer != policy.Issuer)
            throw new EvidenceVerificationException(VerificationErrorCodes.IdentityMismatch, $"the certificate's OIDC issuer is '{issuer ?? "(none)"}', not '{policy.Issuer}'");
        checks.Add($"certificate identity '{policy.Identity}' from issuer '{policy.Issuer}'");
    }
}
