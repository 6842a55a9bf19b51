namespace Conductor.Evidence.Verification;

/// <summary>What a verifier is asked to check. Each plugin documents which members it reads.</summary>
public sealed record VerificationInput
{
    /// <summary>The signed artifact (its bytes, a file, or only its SHA-256 digest).</summary>
    public ArtifactReference? Artifact { get; init; }

    /// <summary>A detached signature over the artifact, when the evidence format has one.</summary>
    public ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>Evidence documents: a PEM certificate chain, a Sigstore bundle, or a sequence of TUF root files.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Documents { get; init; } = [];

    /// <summary>When the signature was made, for checks of validity windows (X.509).</summary>
    public DateTimeOffset? SigningTime { get; init; }
}
