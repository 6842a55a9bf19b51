using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tuf;

/// <summary>
/// The <c>tuf-root</c> verifier plugin: walks a chain of TUF <c>root.json</c> versions from a trusted root
/// (TUF specification §5.3): each next version must be exactly one more, be signed by a threshold of the
/// previous root's root keys and by a threshold of its own, and the final root must not have expired.
/// Reads <see cref="VerificationInput.Documents"/>: the next root versions in order (none checks only the anchor).
/// </summary>
public sealed class TufRootVerifier(byte[] trustedRoot, TimeProvider? time = null) : IEvidenceVerifier
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Name => "tuf-root";

    /// <inheritdoc />
    public VerificationResult Verify(VerificationInput input) => VerificationResult.Run(checks =>
        VerifyChain(input.Documents.Select(d => d.ToArray()).ToList(), checks));

    /// <summary>Verifies the chain and returns the newest trusted root; throws on failure.</summary>
    public TufRoot VerifyChain(IReadOnlyList<byte[]> updates, List<string> checks)
    {
        var trusted = TufRoot.Parse(trustedRoot, "trusted root");
        // The anchor is trusted by configuration; checking that it carries its own threshold catches a corrupt copy.
        RequireThreshold(trusted, trusted, $"root v{trusted.Version}", "its own");
        checks.Add($"trusted root v{trusted.Version} is signed by {trusted.RootThreshold} of its root keys");
        for (var i = 0; i < updates.Count; i++)
        {
            var next = TufRoot.Parse(updates[i], $"root update {i + 1}");
            if (next.Version != trusted.Version + 1)
                throw new EvidenceVerificationException(VerificationErrorCodes.TrustRootInvalid,
                    $"root update {i + 1} has version {next.Version}; after v{trusted.Version} the next version must be {trusted.Version + 1}");
            RequireThreshold(next, trusted, $"root v{next.Version}", $"v{trusted.Version}'s");
            RequireThreshold(next, next, $"root v{next.Version}", "its own");
            checks.Add($"root v{next.Version} is signed by thresholds of v{trusted.Version}'s and its own root keys");
            trusted = next;
        }
        var now = _time.GetUtcNow();
        if (trusted.Expires <= now)
            throw new EvidenceVerificationException(VerificationErrorCodes.Expired, $"root v{trusted.Version} expired at {trusted.Expires.UtcDateTime:O}");
        checks.Add($"root v{trusted.Version} is valid until {trusted.Expires.UtcDateTime:O}");
        return trusted;
    }

    private static void RequireThreshold(TufRoot metadata, TufRoot signer, string what, string whose)
    {
        var count = metadata.CountValidSignatures(signer);
        if (count < signer.RootThreshold)
            throw new EvidenceVerificationException(VerificationErrorCodes.ThresholdNotMet,
                $"{what} has {count} valid signatures by {whose} root keys; the threshold is {signer.RootThreshold}");
    }
}
