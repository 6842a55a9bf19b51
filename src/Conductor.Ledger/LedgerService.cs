using System.Runtime.ExceptionServices;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;

namespace Conductor.Ledger;

/// <summary>
/// The provenance ledger: an append-only RFC 6962 Merkle log over an <see cref="ILedgerStore"/>.
/// <list type="bullet">
/// <item><see cref="Append(byte[], string)"/> records an entry and returns once it is durable; concurrent callers in one
/// process are combined into one transaction (group commit), and stores order appenders across processes.</item>
/// <item><see cref="ProveInclusion"/>, <see cref="ProveConsistency"/> and <see cref="RootHash"/> read O(log n) stored
/// subtree hashes; they never rehash the log.</item>
/// <item><see cref="Checkpoint"/> signs the current tree head; <see cref="Verify"/> recomputes everything.</item>
/// </list>
/// Thread-safe. The store is owned by the caller unless <c>ownsStore</c> is set.
/// </summary>
public sealed class LedgerService : IDisposable
{
    private readonly ILedgerStore _store;
    private readonly bool _ownsStore;
    private readonly object _commitLock = new();
    private readonly object _queueLock = new();
    private List<PendingAppend> _queue = [];
    private bool _committing;
    private CompactRange? _border;

    /// <summary>Wraps <paramref name="store"/>; disposes it with this service when <paramref name="ownsStore"/> is true.</summary>
    public LedgerService(ILedgerStore store, bool ownsStore = false)
    {
        _store = store;
        _ownsStore = ownsStore;
    }

    /// <summary>The log's origin: the first line of its checkpoints.</summary>
    public string Origin => _store.Origin;

    /// <summary>Number of committed entries.</summary>
    public long Size => _store.GetSize();

    /// <summary>Appends one entry and returns its index and leaf hash once committed.</summary>
    public AppendResult Append(byte[] data, string type = "")
    {
        var pending = new PendingAppend(Validate(new NewEntry(data, type)));
        List<PendingAppend> batch;
        lock (_queueLock)
        {
            _queue.Add(pending);
            // While a commit is in flight, wait: either it picks up our entry, or we lead the next one.
            while (_committing && !pending.Done) Monitor.Wait(_queueLock);
            if (pending.Done) return pending.Finish();
            // Lead: take everything queued so far into one transaction (group commit).
            _committing = true;
            batch = _queue;
            _queue = [];
        }
        try
        {
            List<AppendResult> results;
            lock (_commitLock) results = AppendLocked(batch.Select(p => p.Entry).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Result = results[i];
        }
        catch (Exception e)
        {
            var info = ExceptionDispatchInfo.Capture(e);
            foreach (var p in batch) p.Error = info;
        }
        finally
        {
            lock (_queueLock)
            {
                foreach (var p in batch) p.Done = true;
                _committing = false;
                Monitor.PulseAll(_queueLock);
            }
        }
        return pending.Finish();
    }

    /// <summary>Appends entries in one transaction, in order, and returns their results once committed.</summary>
    public IReadOnlyList<AppendResult> AppendBatch(IReadOnlyList<NewEntry> entries)
    {
        if (entries.Count == 0) return [];
        var checkedEntries = entries.Select(Validate).ToList();
        lock (_commitLock) return AppendLocked(checkedEntries);
    }

    /// <summary>The stored entry at <paramref name="index"/>; <see cref="LedgerErrorCodes.OutOfRange"/> past the end.</summary>
    public LedgerEntry GetEntry(long index)
    {
        if (index < 0) throw OutOfRange($"entry index {index} is negative");
        return _store.GetEntry(index) ?? throw OutOfRange($"entry index {index} is beyond the tree of size {_store.GetSize()}");
    }

    /// <summary>The root hash of the tree of the first <paramref name="treeSize"/> entries.</summary>
    public byte[] RootHash(long treeSize)
    {
        RequireNonNegative(treeSize);
        if (treeSize == 0)
        {
            RequireSize(treeSize);
            return MerkleHash.EmptyRoot();
        }
        var range = new TreeRange(0, treeSize);
        var ids = new HashSet<NodeId>();
        range.CollectNodes(ids);
        return range.Hash(ReadNodes(ids, treeSize));
    }

    /// <summary>Inclusion proof for entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries (default: current size).</summary>
    public InclusionProof ProveInclusion(long index, long? treeSize = null)
    {
        var size = treeSize ?? _store.GetSize();
        RequireNonNegative(size);
        if (index < 0 || index >= size) throw OutOfRange($"entry index {index} is beyond the tree of size {size}");
        var ranges = ProofPaths.Inclusion(index, size);
        var root = new TreeRange(0, size);
        var ids = new HashSet<NodeId> { new(0, index) };
        foreach (var r in ranges) r.CollectNodes(ids);
        root.CollectNodes(ids);
        var nodes = ReadNodes(ids, size);
        return new InclusionProof(index, size, nodes[new NodeId(0, index)], root.Hash(nodes), ranges.Select(r => r.Hash(nodes)).ToList());
    }

    /// <summary>Consistency proof from the tree of <paramref name="size1"/> entries to that of <paramref name="size2"/> (1 ≤ size1 ≤ size2 ≤ size).</summary>
    public ConsistencyProof ProveConsistency(long size1, long size2)
    {
        RequireNonNegative(size2);
        if (size1 < 1) throw OutOfRange($"size1 must be at least 1 (got {size1}): a proof from the empty tree proves nothing");
        if (size1 > size2) throw OutOfRange($"size1 ({size1}) is greater than size2 ({size2})");
        var ranges = size1 == size2 ? [] : ProofPaths.Consistency(size1, size2);
        var root1 = new TreeRange(0, size1);
        var root2 = new TreeRange(0, size2);
        var ids = new HashSet<NodeId>();
        foreach (var r in ranges) r.CollectNodes(ids);
        root1.CollectNodes(ids);
        root2.CollectNodes(ids);
        var nodes = ReadNodes(ids, size2);
        return new ConsistencyProof(size1, size2, root1.Hash(nodes), root2.Hash(nodes), ranges.Select(r => r.Hash(nodes)).ToList());
    }

    /// <summary>Signs a checkpoint for the current size with <paramref name="signer"/>, stores it, and returns the signed note.</summary>
    public string Checkpoint(NoteSigner signer, IReadOnlyList<string>? extensions = null)
    {
        var size = _store.GetSize();
        var checkpoint = new Checkpoint(_store.Origin, size, RootHash(size), extensions ?? []);
        var note = checkpoint.Sign(signer);
        _store.SaveCheckpoint(size, note);
        return note;
    }

    /// <summary>
    /// Recomputes every leaf hash from its entry and every stored interior node from its children, then checks the
    /// latest checkpoint against the recomputed root (and its signature, when <paramref name="verifiers"/> are given).
    /// Returns the first problem found, in entry order; streams the log, holding O(log n) hashes in memory.
    /// </summary>
    public LedgerVerification Verify(IReadOnlyList<NoteVerifier>? verifiers = null)
    {
        var size = _store.GetSize();
        Checkpoint? checkpoint = null;
        LedgerProblem? checkpointProblem = null;
        var stored = _store.GetLatestCheckpoint();
        if (stored is not null)
        {
            try
            {
                checkpoint = verifiers is { Count: > 0 }
                    ? Checkpoints.Checkpoint.Open(stored.SignedNote, verifiers)
                    : Checkpoints.Checkpoint.ParseText(SignedNote.Parse(stored.SignedNote).Text);
                if (checkpoint.Origin != _store.Origin)
                    checkpointProblem = new LedgerProblem(null, LedgerErrorCodes.CheckpointMismatch, $"latest checkpoint has origin '{checkpoint.Origin}', but this ledger is '{_store.Origin}'");
                else if (checkpoint.Size > size)
                    checkpointProblem = new LedgerProblem(size, LedgerErrorCodes.Tampered, $"latest checkpoint covers {checkpoint.Size} entries but the store has only {size}: entries from {size} on are missing");
            }
            catch (LedgerException e)
            {
                checkpointProblem = new LedgerProblem(null, e.Code, $"latest checkpoint (size {stored.TreeSize}): {e.Message}");
            }
        }

        // Entries and nodes first: a damaged entry is the most precise thing to report, even when the checkpoint is bad too.
        LedgerProblem? problem = null;
        var range = CompactRange.Empty();
        byte[]? checkpointRoot = checkpoint is { Size: 0 } ? MerkleHash.EmptyRoot() : null;
        using (var nodes = _store.ReadInteriorNodes(size).GetEnumerator())
        {
            long expected = 0;
            foreach (var entry in _store.ReadEntries(0, size))
            {
                if (entry.Index != expected)
                {
                    problem = new LedgerProblem(expected, LedgerErrorCodes.Tampered, $"entry {expected} is missing from the store");
                    break;
                }
                var leaf = MerkleHash.Leaf(entry.Data);
                if (!leaf.AsSpan().SequenceEqual(entry.LeafHash))
                {
                    problem = new LedgerProblem(entry.Index, LedgerErrorCodes.Tampered, $"entry {entry.Index}: stored leaf hash {Convert.ToHexStringLower(entry.LeafHash)} does not match the hash of its data {Convert.ToHexStringLower(leaf)}");
                    break;
                }
                range.Append(leaf, (id, hash) => problem ??= CheckNode(nodes, id, hash));
                if (problem is not null) break;
                expected++;
                if (checkpoint is not null && range.Size == checkpoint.Size) checkpointRoot = range.Root();
            }
            if (problem is null && expected != size)
                problem = new LedgerProblem(expected, LedgerErrorCodes.Tampered, $"entry {expected} is missing from the store (size is {size})");
            if (problem is null && nodes.MoveNext())
                problem = new LedgerProblem(nodes.Current.Id.FirstEntry, LedgerErrorCodes.Tampered, $"unexpected stored node {nodes.Current.Id}");
        }
        problem ??= checkpointProblem;
        if (problem is null && checkpoint is not null && !checkpoint.RootHash.AsSpan().SequenceEqual(checkpointRoot))
        {
            problem = new LedgerProblem(checkpoint.Size == 0 ? null : checkpoint.Size - 1, LedgerErrorCodes.CheckpointMismatch,
                $"latest checkpoint root {Convert.ToHexStringLower(checkpoint.RootHash)} for size {checkpoint.Size} does not match the recomputed root {Convert.ToHexStringLower(checkpointRoot ?? [])}");
        }
        return new LedgerVerification(size, range.Root(), checkpoint?.Size, checkpoint is not null && verifiers is { Count: > 0 }, problem);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsStore) _store.Dispose();
    }

    private static LedgerProblem? CheckNode(IEnumerator<StoredNode> nodes, NodeId id, byte[] hash)
    {
        var covering = $"covering entries {id.FirstEntry}..{id.LastEntry}";
        if (!nodes.MoveNext())
            return new LedgerProblem(id.FirstEntry, LedgerErrorCodes.Tampered, $"interior node {id} {covering} is missing from the store");
        var node = nodes.Current;
        if (node.Id != id)
        {
            // Nodes arrive in creation order, so a different id means ours is missing (or an extra one was inserted).
            var bad = node.Id.FirstEntry < id.FirstEntry ? node.Id : id;
            return new LedgerProblem(bad.FirstEntry, LedgerErrorCodes.Tampered, $"expected interior node {id} {covering}, found {node.Id}: the store's nodes are missing or extra");
        }
        if (!node.Hash.AsSpan().SequenceEqual(hash))
            return new LedgerProblem(id.FirstEntry, LedgerErrorCodes.Tampered, $"interior node {id} {covering}: stored hash {Convert.ToHexStringLower(node.Hash)} does not match the hash of its children {Convert.ToHexStringLower(hash)}");
        return null;
    }

    private List<AppendResult> AppendLocked(IReadOnlyList<NewEntry> entries)
    {
        using var tx = _store.BeginAppend();
        var size = tx.Size;
        // The cached border is valid only if no other appender (another process) has moved the tree on.
        var range = _border is { } cached && cached.Size == size
            ? cached.Clone()
            : CompactRange.FromNodes(size, tx.ReadNodes(CompactRange.BorderNodes(size)));
        var newEntries = new List<LedgerEntry>(entries.Count);
        var newNodes = new List<StoredNode>(entries.Count + 8);
        var results = new List<AppendResult>(entries.Count);
        foreach (var e in entries)
        {
            var leaf = MerkleHash.Leaf(e.Data);
            newEntries.Add(new LedgerEntry(range.Size, e.Type, e.Data, leaf));
            results.Add(new AppendResult(range.Size, leaf));
            range.Append(leaf, (id, hash) => newNodes.Add(new StoredNode(id, hash)));
        }
        tx.Write(newEntries, newNodes);
        tx.Commit();
        _border = range;
        return results;
    }

    private void RequireSize(long treeSize)
    {
        RequireNonNegative(treeSize);
        var current = _store.GetSize();
        if (treeSize > current) throw OutOfRange($"tree size {treeSize} is beyond the ledger's size {current}");
    }

    private static void RequireNonNegative(long treeSize)
    {
        if (treeSize < 0) throw OutOfRange($"tree size {treeSize} is negative");
    }

    /// <summary>
    /// Reads the nodes of a tree of <paramref name="treeSize"/> in one store call. The size is not checked first (that
    /// would cost a second round trip): a tree beyond the ledger always lacks its last leaf's node, so a missing node
    /// is told apart afterwards as "beyond the ledger" or, within it, as damage.
    /// </summary>
    private IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids, long treeSize)
    {
        try
        {
            return _store.ReadNodes(ids);
        }
        catch (LedgerException e) when (e.Code == LedgerErrorCodes.Tampered)
        {
            RequireSize(treeSize);
            throw;
        }
    }

    private static NewEntry Validate(NewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry.Data);
        ArgumentNullException.ThrowIfNull(entry.Type);
        if (entry.Type.Length > 200 || entry.Type.Any(char.IsControl))
            throw new LedgerException(LedgerErrorCodes.InputMalformed, "entry type must be at most 200 characters without control characters");
        return entry;
    }

    private static LedgerException OutOfRange(string message) => new(LedgerErrorCodes.OutOfRange, message);

    private sealed class PendingAppend(NewEntry entry)
    {
        public NewEntry Entry { get; } = entry;
        public bool Done;
        public AppendResult? Result;
        public ExceptionDispatchInfo? Error;

        public AppendResult Finish()
        {
            Error?.Throw();
            return Result!;
        }
    }
}
