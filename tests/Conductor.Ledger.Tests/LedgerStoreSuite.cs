using System.Text;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;

namespace Conductor.Ledger.Tests;

/// <summary>
/// One behaviour suite for every ledger store; SQLite and PostgreSQL each run it against a real database.
/// Each test gets a fresh, empty ledger from <see cref="NewLedger"/>.
/// </summary>
public abstract class LedgerStoreSuite
{
    /// <summary>Creates a fresh ledger location and returns the CLI arguments that name it (--data DIR or --store CS).</summary>
    protected abstract string[] NewLedger();

    /// <summary>Opens the store named by <paramref name="args"/> (as the CLI would).</summary>
    protected abstract ILedgerStore Open(string[] args, bool create = true);

    /// <summary>Runs raw SQL against the store's database, to tamper with it behind the ledger's back.</summary>
    protected abstract void Sql(string[] args, string sql);

    private static byte[] Entry(int i) => Encoding.UTF8.GetBytes($"entry {i}");

    [Fact]
    public void AppendsGetConsecutiveIndexesAndLeafHashes()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        for (var i = 0; i < 5; i++)
        {
            var r = ledger.Append(Entry(i), "decision");
            Assert.Equal(i, r.Index);
            Assert.Equal(ReferenceMerkle.Leaf(Entry(i)), r.LeafHash);
        }
        Assert.Equal(5, ledger.Size);
        var e = ledger.GetEntry(3);
        Assert.Equal("decision", e.Type);
        Assert.Equal(Entry(3), e.Data);
    }

    [Fact]
    public void RootsAndProofsMatchRfc6962ForEveryIndexAndSize()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        const int n = 40;
        var data = Enumerable.Range(0, n).Select(Entry).ToList();
        // A mix of single and batched appends must build the same tree.
        ledger.AppendBatch(data.Take(13).Select(d => new NewEntry(d, "t")).ToList());
        foreach (var d in data.Skip(13).Take(10)) ledger.Append(d, "t");
        ledger.AppendBatch(data.Skip(23).Select(d => new NewEntry(d, "t")).ToList());

        Assert.Equal(ReferenceMerkle.Mth([]), ledger.RootHash(0));
        for (var size = 1; size <= n; size++)
        {
            var prefix = data.Take(size).ToList();
            var root = ReferenceMerkle.Mth(prefix);
            Assert.Equal(root, ledger.RootHash(size));
            for (var i = 0; i < size; i++)
            {
                var p = ledger.ProveInclusion(i, size);
                Assert.Equal(ReferenceMerkle.Path(i, prefix), p.Hashes);
                Assert.Equal(root, p.RootHash);
                MerkleVerifier.VerifyInclusion(i, size, p.LeafHash, p.Hashes, root);
            }
            for (var m = 1; m <= size; m++)
            {
                var c = ledger.ProveConsistency(m, size);
                Assert.Equal(m == size ? [] : ReferenceMerkle.Proof(m, prefix), c.Hashes);
                MerkleVerifier.VerifyConsistency(m, size, c.Hashes, ReferenceMerkle.Mth(data.Take(m).ToList()), root);
            }
        }
    }

    [Fact]
    public void LargeBatchesBuildTheSameTree()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        var data = Enumerable.Range(0, 300).Select(Entry).ToList();
        ledger.Append(data[0]);
        var results = ledger.AppendBatch(data.Skip(1).Take(200).Select(d => new NewEntry(d, "bulk")).ToList());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Index));
        ledger.AppendBatch(data.Skip(201).Select(d => new NewEntry(d, "bulk")).ToList());
        Assert.Equal(ReferenceMerkle.Mth(data), ledger.RootHash(300));
        Assert.Equal(ReferenceMerkle.Mth(data.Take(137).ToList()), ledger.RootHash(137));
        Assert.Equal("bulk", ledger.GetEntry(150).Type);
        Assert.Equal(data[150], ledger.GetEntry(150).Data);
        var p = ledger.ProveInclusion(150);
        Assert.Equal(ReferenceMerkle.Path(150, data), p.Hashes);
        var result = ledger.Verify();
        Assert.True(result.IsValid, result.Problem?.Message);
        Assert.Equal(ReferenceMerkle.Mth(data), result.RootHash);
    }

    [Fact]
    public void ConcurrentAppendersGetOneTotalOrder()
    {
        var args = NewLedger();
        using (Open(args)) { }
        const int writers = 4, perWriter = 40;
        // Two writers share a service (group commit within a process), two have their own store (like other processes).
        var shared = new LedgerService(Open(args), ownsStore: true);
        var results = new System.Collections.Concurrent.ConcurrentBag<(long Index, string Text)>();
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            using var own = w < 2 ? null : new LedgerService(Open(args), ownsStore: true);
            var ledger = own ?? shared;
            for (var i = 0; i < perWriter; i++)
            {
                var text = $"w{w}-{i}";
                results.Add((ledger.Append(Encoding.UTF8.GetBytes(text)).Index, text));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        shared.Dispose();

        using var check = new LedgerService(Open(args), ownsStore: true);
        Assert.Equal(writers * perWriter, check.Size);
        Assert.Equal(Enumerable.Range(0, writers * perWriter).Select(i => (long)i), results.Select(r => r.Index).Order());
        foreach (var (index, text) in results) Assert.Equal(text, Encoding.UTF8.GetString(check.GetEntry(index).Data));
        Assert.True(check.Verify().IsValid);
    }

    [Fact]
    public void LedgerPersistsAcrossReopen()
    {
        var args = NewLedger();
        string origin;
        using (var ledger = new LedgerService(Open(args), ownsStore: true))
        {
            ledger.Append(Entry(0));
            ledger.Append(Entry(1));
            origin = ledger.Origin;
        }
        using (var ledger = new LedgerService(Open(args, create: false), ownsStore: true))
        {
            Assert.Equal(2, ledger.Size);
            Assert.Equal(origin, ledger.Origin);
            Assert.Equal(2, ledger.Append(Entry(2)).Index);
            Assert.Equal(ReferenceMerkle.Mth([Entry(0), Entry(1), Entry(2)]), ledger.RootHash(3));
        }
    }

    [Fact]
    public void IndexOrSizeBeyondTheTreeIsAClearError()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        ledger.Append(Entry(0));
        ledger.Append(Entry(1));
        Assert.Equal(LedgerErrorCodes.OutOfRange, Assert.Throws<LedgerException>(() => ledger.ProveInclusion(2)).Code);
        Assert.Equal(LedgerErrorCodes.OutOfRange, Assert.Throws<LedgerException>(() => ledger.ProveInclusion(0, 3)).Code);
        Assert.Equal(LedgerErrorCodes.OutOfRange, Assert.Throws<LedgerException>(() => ledger.ProveConsistency(1, 5)).Code);
        Assert.Equal(LedgerErrorCodes.OutOfRange, Assert.Throws<LedgerException>(() => ledger.ProveConsistency(0, 2)).Code);
        Assert.Equal(LedgerErrorCodes.OutOfRange, Assert.Throws<LedgerException>(() => ledger.GetEntry(7)).Code);
        var cli = CliRun.Invoke([.. new[] { "ledger", "prove-inclusion", "5" }, .. args]);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("entry index 5 is beyond the tree of size 2", cli.Error);
    }

    [Fact]
    public void VerifyPassesOnAnUntouchedLedgerWithASignedCheckpoint()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        for (var i = 0; i < 21; i++) ledger.Append(Entry(i));
        using var key = SigningKey.Generate(KeyType.EcdsaP256);
        var signer = new NoteSigner(ledger.Origin, key);
        var note = ledger.Checkpoint(signer);
        var checkpoint = Checkpoint.Open(note, [signer.Verifier]);
        Assert.Equal(21, checkpoint.Size);
        Assert.Equal(ReferenceMerkle.Mth(Enumerable.Range(0, 21).Select(Entry).ToList()), checkpoint.RootHash);
        ledger.Append(Entry(21));
        var result = ledger.Verify([signer.Verifier]);
        Assert.True(result.IsValid, result.Problem?.Message);
        Assert.Equal(22, result.TreeSize);
        Assert.Equal(21, result.CheckpointSize);
        Assert.True(result.CheckpointSignatureChecked);
    }

    public static TheoryData<string, int> TamperCases() => new()
    {
        { "entry-data", 0 }, { "entry-data", 6 }, { "entry-data", 12 },
        { "leaf-hash", 5 }, { "leaf-hash", 12 },
        { "node-1", 2 }, { "node-2", 1 }, { "node-3", 0 }, { "node-3", 1 },
    };

    [Theory]
    [MemberData(nameof(TamperCases))]
    public void FlippingOneStoredByteIsReportedWithTheEntryIndex(string what, int index)
    {
        var args = NewLedger();
        using (var ledger = new LedgerService(Open(args), ownsStore: true))
        {
            ledger.AppendBatch(Enumerable.Range(0, 16).Select(i => new NewEntry(Entry(i))).ToList());
            ledger.Append(Entry(16));
        }
        Assert.Equal(0, CliRun.Invoke(["ledger", "verify", .. args]).ExitCode);

        // Flip the low bit of byte 3 of one stored value.
        long firstEntry = index;
        switch (what)
        {
            case "entry-data": Update(args, "ledger_entries", "data", $"idx = {index}", Flip); break;
            case "leaf-hash": Update(args, "ledger_entries", "leaf_hash", $"idx = {index}", Flip); break;
            default:
                var level = int.Parse(what[5..]);
                Update(args, "ledger_nodes", "hash", $"level = {level} AND idx = {index}", Flip);
                firstEntry = (long)index << level;
                break;
        }

        var run = CliRun.Invoke(["ledger", "verify", .. args]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"entry {firstEntry}", run.Error);
        Assert.Contains(LedgerErrorCodes.Tampered, run.Error);
        using var again = new LedgerService(Open(args, create: false), ownsStore: true);
        var result = again.Verify();
        Assert.False(result.IsValid);
        Assert.Equal(firstEntry, result.Problem!.EntryIndex);
    }

    [Fact]
    public void RewritingEntryAndLeafHashTogetherIsCaughtByTheCheckpoint()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        for (var i = 0; i < 4; i++) ledger.Append(Entry(i));
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = new NoteSigner(ledger.Origin, key);
        ledger.Checkpoint(signer);
        // A careful forger rewrites entry 3, its leaf hash and every node above it; only the signed root remains.
        var forged = Encoding.UTF8.GetBytes("forged");
        var leaf = ReferenceMerkle.Leaf(forged);
        Update(args, "ledger_entries", "data", "idx = 3", _ => forged);
        Update(args, "ledger_entries", "leaf_hash", "idx = 3", _ => leaf);
        var n1 = MerkleHash.Node(ReferenceMerkle.Leaf(Entry(2)), leaf);
        Update(args, "ledger_nodes", "hash", "level = 1 AND idx = 1", _ => n1);
        var n2 = MerkleHash.Node(MerkleHash.Node(ReferenceMerkle.Leaf(Entry(0)), ReferenceMerkle.Leaf(Entry(1))), n1);
        Update(args, "ledger_nodes", "hash", "level = 2 AND idx = 0", _ => n2);
        var result = ledger.Verify([signer.Verifier]);
        Assert.False(result.IsValid);
        Assert.Equal(LedgerErrorCodes.CheckpointMismatch, result.Problem!.Code);
    }

    [Fact]
    public void EntryDamageIsReportedBeforeACheckpointProblem()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        for (var i = 0; i < 4; i++) ledger.Append(Entry(i));
        using var key = SigningKey.Generate(KeyType.EcdsaP256);
        using var other = SigningKey.Generate(KeyType.EcdsaP256);
        ledger.Checkpoint(new NoteSigner(ledger.Origin, key));
        var wrongKey = ledger.Verify([new NoteVerifier(ledger.Origin, other.PublicKey)]);
        Assert.Equal(LedgerErrorCodes.CheckpointUnknownKey, wrongKey.Problem!.Code);
        Assert.Null(wrongKey.Problem.EntryIndex);
        Assert.Equal(ReferenceMerkle.Mth(Enumerable.Range(0, 4).Select(Entry).ToList()), wrongKey.RootHash);
        Update(args, "ledger_entries", "data", "idx = 1", Flip);
        var both = ledger.Verify([new NoteVerifier(ledger.Origin, other.PublicKey)]);
        Assert.Equal(1, both.Problem!.EntryIndex);
        Assert.Equal(LedgerErrorCodes.Tampered, both.Problem.Code);
    }

    [Fact]
    public void DeletedTailEntriesAreReportedAgainstTheCheckpoint()
    {
        var args = NewLedger();
        using var ledger = new LedgerService(Open(args), ownsStore: true);
        for (var i = 0; i < 6; i++) ledger.Append(Entry(i));
        using var key = SigningKey.Generate(KeyType.EcdsaP256);
        ledger.Checkpoint(new NoteSigner(ledger.Origin, key));
        Sql(args, "DELETE FROM ledger_entries WHERE idx >= 4");
        Sql(args, "DELETE FROM ledger_nodes WHERE level = 1 AND idx = 2");
        Sql(args, "UPDATE ledger_head SET size = 4 WHERE id = 1");
        var result = ledger.Verify();
        Assert.False(result.IsValid);
        Assert.Equal(4, result.Problem!.EntryIndex);
    }

    [Fact]
    public void NewerSchemaVersionIsRefused()
    {
        var args = NewLedger();
        using (Open(args)) { }
        Sql(args, "UPDATE ledger_meta SET value = '99' WHERE key = 'schema_version'");
        var e = Assert.Throws<LedgerException>(() => Open(args).Dispose());
        Assert.Equal(LedgerErrorCodes.StoreInvalid, e.Code);
        Assert.Contains("schema version 99 is newer", e.Message);
    }

    [Fact]
    public void OlderSchemaIsMigrated()
    {
        var args = NewLedger();
        using (var ledger = new LedgerService(Open(args), ownsStore: true)) ledger.Append(Entry(0));
        // Turn the store back into a version-1 store, then open it: migration 2 must run.
        Sql(args, "ALTER TABLE ledger_checkpoints DROP COLUMN created_at");
        Sql(args, "UPDATE ledger_meta SET value = '1' WHERE key = 'schema_version'");
        using (var ledger = new LedgerService(Open(args), ownsStore: true))
        {
            using var key = SigningKey.Generate(KeyType.EcdsaP256);
            ledger.Checkpoint(new NoteSigner(ledger.Origin, key));
            Assert.True(ledger.Verify().IsValid);
        }
    }

    /// <summary>Reads one bytes value, transforms it, writes it back: tampering behind the ledger's back.</summary>
    protected abstract void Update(string[] args, string table, string column, string where, Func<byte[], byte[]> change);

    private static byte[] Flip(byte[] value)
    {
        var copy = (byte[])value.Clone();
        copy[3] ^= 1;
        return copy;
    }
}
