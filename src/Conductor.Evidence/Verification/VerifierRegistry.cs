namespace Conductor.Evidence.Verification;

/// <summary>Verifier plugins by name; a host registers the ones its trust configuration allows.</summary>
public sealed class VerifierRegistry
{
    private readonly Dictionary<string, IEvidenceVerifier> _verifiers = new(StringComparer.Ordinal);

    /// <summary>Adds a verifier; a second verifier with the same name replaces the first.</summary>
    public VerifierRegistry Add(IEvidenceVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifiers[verifier.Name] = verifier;
        return this;
    }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _verifiers.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Looks up a verifier by name.</summary>
    public bool TryGet(string name, out IEvidenceVerifier verifier) => _verifiers.TryGetValue(name, out verifier!);

    /// <summary>Verifies <paramref name="input"/> with the named verifier; an unknown name is a failed result.</summary>
    public VerificationResult Verify(string name, VerificationInput input) =>
        _verifiers.TryGetValue(name, out var verifier)
            ? verifier.Verify(input)
            : VerificationResult.Failure(VerificationErrorCodes.UnsupportedEvidence, $"no verifier named '{name}' is registered");
}
