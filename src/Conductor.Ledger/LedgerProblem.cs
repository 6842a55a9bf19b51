namespace Conductor.Ledger;

/// <summary>The first thing <see cref="LedgerService.Verify"/> found wrong: the entry it concerns (null when the problem is not tied to one, e.g. a bad checkpoint signature) and what is wrong.</summary>
public sealed record LedgerProblem(long? EntryIndex, string Code, string Message);
