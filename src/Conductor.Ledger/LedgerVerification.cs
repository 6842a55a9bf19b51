namespace Conductor.Ledger;

/// <summary>
/// Outcome of <see cref="LedgerService.Verify"/>: the recomputed tree, the checkpoint checked, and the first problem if any.
/// </summary>
public sealed record LedgerVerification(
    long TreeSize,
    byte[] RootHash,
    long? CheckpointSize,
    bool CheckpointSignatureChecked,
    LedgerProblem? Problem)
{
    /// <summary>True when every entry, node and the latest checkpoint checked out.</summary>
    public bool IsValid => Problem is null;
}
