namespace Conductor.Evidence.Verification;

/// <summary>Raised inside verifiers when evidence fails a check or cannot be read; carries a stable code.</summary>
public sealed class EvidenceVerificationException(string code, string message) : Exception(message)
{
    /// <summary>A code from <see cref="VerificationErrorCodes"/>.</summary>
    public string Code { get; } = code;
}
