namespace Conductor.Ledger.Storage;

/// <summary>A checkpoint kept by the store: the tree size it was made for and the signed note.</summary>
public sealed record StoredCheckpoint(long TreeSize, string SignedNote);
