namespace Conductor.Ledger;

/// <summary>
/// A ledger operation failed for a reason the caller can act on: bad input, a proof that does not verify,
/// a tampered store. <see cref="Code"/> is stable (see <see cref="LedgerErrorCodes"/>); the message says what and where.
/// </summary>
public sealed class LedgerException : Exception
{
    /// <summary>Creates the exception with a stable code and a message naming what was wrong.</summary>
    public LedgerException(string code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    /// <summary>The stable error code, one of <see cref="LedgerErrorCodes"/>.</summary>
    public string Code { get; }
}
