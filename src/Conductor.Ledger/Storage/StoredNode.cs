using Conductor.Ledger.Merkle;

namespace Conductor.Ledger.Storage;

/// <summary>A stored interior node hash.</summary>
public sealed record StoredNode(NodeId Id, byte[] Hash);
