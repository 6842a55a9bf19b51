using Conductor.Ledger;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Conductor.Storage.Sqlite;

/// <summary>An append under SQLite's write lock (BEGIN IMMEDIATE), which orders appenders across processes.</summary>
internal sealed class SqliteAppendTransaction : ILedgerAppendTransaction
{
    private readonly SqliteSession _session;
    private readonly SqliteConnection _conn;
    private readonly SqliteTransaction _tx;
    private readonly string _path;
    private readonly Action<SqliteSession> _release;
    private const int RowsPerStatement = 32;

    public SqliteAppendTransaction(SqliteSession session, string path, Action<SqliteSession> release)
    {
        _session = session;
        _conn = session.Connection;
        _path = path;
        _release = release;
        _tx = _conn.BeginTransaction(deferred: false);
        Size = session.ReadSize(_tx);
    }

    public long Size { get; private set; }

    public IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids)
    {
        try
        {
            return _session.ReadNodes(_tx, ids, _path);
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
            InsertRows("ledger_entries (idx, type, data, leaf_hash)", 4, entries.Count, (row, p) =>
            {
                var e = entries[row];
                p[0].Value = e.Index;
                p[1].Value = e.Type;
                p[2].Value = e.Data;
                p[3].Value = e.LeafHash;
            });
            InsertRows("ledger_nodes (level, idx, hash)", 3, nodes.Count, (row, p) =>
            {
                var n = nodes[row];
                p[0].Value = n.Id.Level;
                p[1].Value = n.Id.Index;
                p[2].Value = n.Hash;
            });
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

    /// <summary>
    /// Inserts <paramref name="count"/> rows, <see cref="RowsPerStatement"/> per statement where possible: one
    /// prepared multi-row INSERT costs one step for many rows, which is what makes batched appends fast.
    /// </summary>
    private void InsertRows(string target, int columns, int count, Action<int, SqliteParameter[]> bind)
    {
        var done = 0;
        if (count >= RowsPerStatement)
        {
            using var wide = Prepare(target, columns, RowsPerStatement, out var wideParams);
            for (; done + RowsPerStatement <= count; done += RowsPerStatement)
            {
                for (var r = 0; r < RowsPerStatement; r++) bind(done + r, wideParams[r]);
                wide.ExecuteNonQuery();
            }
        }
        if (done == count) return;
        using var single = Prepare(target, columns, 1, out var singleParams);
        for (; done < count; done++)
        {
            bind(done, singleParams[0]);
            single.ExecuteNonQuery();
        }
    }

    private SqliteCommand Prepare(string target, int columns, int rows, out SqliteParameter[][] parameters)
    {
        var cmd = _conn.CreateCommand();
        cmd.Transaction = _tx;
        var sql = new System.Text.StringBuilder("INSERT INTO ").Append(target).Append(" VALUES ");
        parameters = new SqliteParameter[rows][];
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sql.Append(',');
            sql.Append('(');
            parameters[r] = new SqliteParameter[columns];
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) sql.Append(',');
                var name = $"$p{r}_{c}";
                sql.Append(name);
                // No declared type: each value binds as what it is (integer, text or blob).
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = name;
                cmd.Parameters.Add(parameter);
                parameters[r][c] = parameter;
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        cmd.Prepare();
        return cmd;
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
        // Rolls back if not committed; the session goes back to the pool either way.
        _tx.Dispose();
        _release(_session);
    }
}
