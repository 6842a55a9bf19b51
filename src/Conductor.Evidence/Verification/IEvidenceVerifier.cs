namespace Conductor.Evidence.Verification;

/// <summary>
/// A verifier plugin: one kind of signature or trust evidence (a public key, an X.509 chain, a Sigstore bundle,
/// a TUF root chain) behind one contract, so hosts can pick verifiers by name from a <see cref="VerifierRegistry"/>.
/// A verifier holds its trust material (keys, roots, policy) from construction and never reaches the network.
/// </summary>
public interface IEvidenceVerifier
{
    /// <summary>The stable name the verifier is registered under, e.g. <c>key</c>, <c>x509</c>, <c>sigstore</c>, <c>tuf-root</c>.</summary>
    string Name { get; }

    /// <summary>Checks <paramref name="input"/>; never throws for bad evidence, which is reported in the result.</summary>
    VerificationResult Verify(VerificationInput input);
}
