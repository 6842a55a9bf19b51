namespace Conductor.Evidence.Sigstore;

/// <summary>A Rekor entry in a bundle: its canonical body and the proofs the log gave for it.</summary>
/// <param name="LogIndex">The entry's index as the log reports it (for sharded logs, across all shards).</param>
/// <param name="LogId">The ID of the log that holds the entry.</param>
/// <param name="Kind">The entry type, e.g. <c>hashedrekord</c>, <c>dsse</c>, <c>intoto</c>.</param>
/// <param name="KindVersion">The entry type's version, e.g. <c>0.0.1</c>.</param>
/// <param name="IntegratedTime">Seconds since the epoch when Rekor v1 integrated the entry; null for Rekor v2.</param>
/// <param name="SignedEntryTimestamp">The log's promise of inclusion (SET), if present.</param>
/// <param name="InclusionProof">The inclusion proof, if present.</param>
/// <param name="CanonicalizedBody">The entry body exactly as logged.</param>
public sealed record TransparencyLogEntry(
    long LogIndex,
    byte[] LogId,
    string Kind,
    string KindVersion,
    long? IntegratedTime,
    byte[]? SignedEntryTimestamp,
    LogInclusionProof? InclusionProof,
    byte[] CanonicalizedBody);
