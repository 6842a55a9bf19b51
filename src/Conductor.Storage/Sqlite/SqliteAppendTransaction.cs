using Conductor.Ledger;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Conductor.Storage.Sqlite;

/// <summary>An append under SQLite's write lock (BEGIN IMMEDIATE), which orders appenders across processes.</summary>
internal sealed class SqliteAppendTransaction : ILedgerAppendTransaction
{
    private readonly SqliteConnection _conn;
    private readonly SqliteTransaction _tx;
    private readonly string _path;

    public SqliteAppendTransaction(SqliteConnection conn, string path)
    {
        _conn = conn;
        _path = path;
        _tx = conn.BeginTransaction(deferred: false);
        Size = SqliteLedgerStore.ReadSize(conn, _tx);
    }

    public long Size { get; private set; }

    public IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids)
    {
        try
        {
            return SqliteLedgerStore.ReadNodes(_conn, _tx, ids, _path);
        }
        catch (SqliteException e)
        {
            throw SqliteLedgerStore.Translate(e, _path);
        }
    }

    public void Write(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<StoredNode> nodes)
    {
        if (entries.Count == 0) return;
        if (entries[0].Index != Size) throw new InvalidOperationException($"entries must continue at index {Size}");
        try
        {
            using (var cmd = _conn.CreateCommand())
            {
                cmd.Transaction = _tx;
                cmd.CommandText = "INSERT INTO ledger_entries (idx, type, data, leaf_hash) VALUES ($i, $t, $d, $h)";
                var i = cmd.Parameters.Add("$i", SqliteType.Integer);
                var t = cmd.Parameters.Add("$t", SqliteType.Text);
                var d = cmd.Parameters.Add("$d", SqliteType.Blob);
                var h = cmd.Parameters.Add("$h", SqliteType.Blob);
                cmd.Prepare();
                foreach (var e in entries)
                {
                    i.Value = e.Index;
                    t.Value = e.Type;
                    d.Value = e.Data;
                    h.Value = e.LeafHash;
                    cmd.ExecuteNonQuery();
                }
            }
            using (var cmd = _conn.CreateCommand())
            {
                cmd.Transaction = _tx;
                cmd.CommandText = "INSERT INTO ledger_nodes (level, idx, hash) VALUES ($l, $i, $h)";
                var l = cmd.Parameters.Add("$l", SqliteType.Integer);
                var i = cmd.Parameters.Add("$i", SqliteType.Integer);
                var h = cmd.Parameters.Add("$h", SqliteType.Blob);
                cmd.Prepare();
                foreach (var n in nodes)
                {
                    l.Value = n.Id.Level;
                    i.Value = n.Id.Index;
                    h.Value = n.Hash;
                    cmd.ExecuteNonQuery();
                }
            }
            using (var cmd = _conn.CreateCommand())
            {
                cmd.Transaction = _tx;
                cmd.CommandText = "UPDATE ledger_head SET size = $s WHERE id = 1";
                cmd.Parameters.AddWithValue("$s", Size + entries.Count);
                cmd.ExecuteNonQuery();
            }
            Size += entries.Count;
        }
        catch (SqliteException e)
        {
            throw SqliteLedgerStore.Translate(e, _path);
        }
    }

    public void Commit()
    {
        try
        {
            _tx.Commit();
        }
        catch (SqliteException e)
        {
            throw SqliteLedgerStore.Translate(e, _path);
        }
    }

    public void Dispose()
    {
        _tx.Dispose();
        _conn.Dispose();
    }
}
