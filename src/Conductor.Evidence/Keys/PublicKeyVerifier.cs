using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Keys;

/// <summary>
/// The <c>key</c> verifier plugin: a detached signature over the artifact, checked with one configured public key
/// (PEM ECDSA P-256/P-384, RSA PKCS#1 v1.5 or PSS, Ed25519). Reads <see cref="VerificationInput.Artifact"/> and
/// <see cref="VerificationInput.Signature"/>.
/// </summary>
public sealed class PublicKeyVerifier(PublicKey key, SignatureOptions? options = null) : IEvidenceVerifier
{
    /// <inheritdoc />
    public string Name => "key";

    /// <summary>The configured key.</summary>
    public PublicKey Key { get; } = key;

    /// <inheritdoc />
    public VerificationResult Verify(VerificationInput input) => VerificationResult.Run(checks =>
    {
        var artifact = input.Artifact ?? throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no artifact was given");
        if (input.Signature.IsEmpty) throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no signature was given");
        VerifyArtifactSignature(Key, artifact, input.Signature.Span, options);
        checks.Add($"signature verifies with the {Key.Algorithm} key");
    });

    /// <summary>
    /// Verifies a signature over an artifact, using only its digest when the scheme allows (ECDSA, RSA) so
    /// large files are never read whole.
    /// </summary>
    internal static void VerifyArtifactSignature(PublicKey key, ArtifactReference artifact, ReadOnlySpan<byte> signature, SignatureOptions? options)
    {
        options ??= SignatureOptions.Default;
        bool ok;
        if (key.Algorithm == PublicKeyAlgorithm.Ed25519)
        {
            ok = key.VerifyData(artifact.ReadContent(), signature, options);
        }
        else
        {
            var hash = options.Hash ?? key.DefaultHash;
            if (hash == System.Security.Cryptography.HashAlgorithmName.SHA256)
                ok = key.VerifyDigest(artifact.Sha256, hash, signature, options);
            else
                ok = key.VerifyData(artifact.ReadContent(), signature, options);
        }
        if (!ok) throw new EvidenceVerificationException(VerificationErrorCodes.SignatureInvalid, "the signature over the artifact does not verify with the key");
    }
}
