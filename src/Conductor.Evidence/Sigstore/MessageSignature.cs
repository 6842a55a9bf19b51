namespace Conductor.Evidence.Sigstore;

/// <summary>A bundle's signature over the artifact itself (cosign <c>sign-blob</c>).</summary>
/// <param name="DigestAlgorithm">The recorded digest's algorithm (<c>SHA2_256</c>), if recorded.</param>
/// <param name="Digest">The recorded digest of the artifact, if recorded.</param>
/// <param name="Signature">The signature bytes (DER for ECDSA).</param>
public sealed record MessageSignature(string? DigestAlgorithm, byte[]? Digest, byte[] Signature);
