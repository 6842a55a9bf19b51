namespace Conductor.Ledger;

/// <summary>An entry to append: its bytes and a type label (e.g. "decision", "evidence", "download").</summary>
public sealed record NewEntry(byte[] Data, string Type = "");
