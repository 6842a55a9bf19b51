namespace Conductor.Evidence.Verification;

/// <summary>Stable error codes reported by verifiers.</summary>
public static class VerificationErrorCodes
{
    /// <summary>Evidence could not be parsed (malformed JSON, base64, DER, PEM or note).</summary>
    public const string MalformedEvidence = "evidence_malformed";
    /// <summary>The evidence format or version is not supported.</summary>
    public const string UnsupportedEvidence = "evidence_unsupported";
    /// <summary>A required input (artifact, key, identity) was missing or does not fit the evidence.</summary>
    public const string MissingInput = "evidence_missing_input";
    /// <summary>A signature over the artifact or a statement does not verify.</summary>
    public const string SignatureInvalid = "signature_invalid";
    /// <summary>The artifact does not match the digest recorded in the evidence.</summary>
    public const string ArtifactMismatch = "artifact_mismatch";
    /// <summary>A certificate does not chain to a trusted root at the relevant time.</summary>
    public const string CertificateInvalid = "certificate_invalid";
    /// <summary>The signing identity or issuer does not match the policy.</summary>
    public const string IdentityMismatch = "identity_mismatch";
    /// <summary>No valid signed certificate timestamp (certificate transparency) was found.</summary>
    public const string SctInvalid = "sct_invalid";
    /// <summary>A transparency log entry is invalid (unknown log, body mismatch, bad promise).</summary>
    public const string TlogEntryInvalid = "tlog_entry_invalid";
    /// <summary>A Merkle inclusion proof does not lead to the claimed root.</summary>
    public const string InclusionProofInvalid = "inclusion_proof_invalid";
    /// <summary>A checkpoint (signed tree head) is malformed, unsigned, or does not match the proof.</summary>
    public const string CheckpointInvalid = "checkpoint_invalid";
    /// <summary>A timestamp (RFC 3161 or log integration time) is invalid or untrusted.</summary>
    public const string TimestampInvalid = "timestamp_invalid";
    /// <summary>The trust material (trusted root, TUF root) is malformed or inconsistent.</summary>
    public const string TrustRootInvalid = "trust_root_invalid";
    /// <summary>Metadata has expired.</summary>
    public const string Expired = "metadata_expired";
    /// <summary>Too few valid signatures to meet a threshold.</summary>
    public const string ThresholdNotMet = "threshold_not_met";
}
