namespace Conductor.Evidence.Verification;

/// <summary>The outcome of a verification: success with the checks that passed, or the first failure with a stable code.</summary>
public sealed record VerificationResult
{
    private VerificationResult(bool verified, string code, string message, IReadOnlyList<string> checks)
    {
        Verified = verified;
        Code = code;
        Message = message;
        Checks = checks;
    }

    /// <summary>True when every check passed.</summary>
    public bool Verified { get; }

    /// <summary><c>ok</c>, or a code from <see cref="VerificationErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>A human-readable explanation naming what failed (which signature, which proof step).</summary>
    public string Message { get; }

    /// <summary>The checks that were performed and passed, in order.</summary>
    public IReadOnlyList<string> Checks { get; }

    /// <summary>A successful result listing the checks performed.</summary>
    public static VerificationResult Success(IReadOnlyList<string> checks) => new(true, "ok", "verified", checks);

    /// <summary>A failed result.</summary>
    public static VerificationResult Failure(string code, string message, IReadOnlyList<string>? checks = null) =>
        new(false, code, message, checks ?? []);

    /// <summary>Runs <paramref name="verify"/>, turning an <see cref="EvidenceVerificationException"/> into a failed result.</summary>
    public static VerificationResult Run(Action<List<string>> verify)
    {
        var checks = new List<string>();
        try
        {
            verify(checks);
            return Success(checks);
        }
        catch (EvidenceVerificationException e)
        {
            return Failure(e.Code, e.Message, checks);
        }
    }
}
