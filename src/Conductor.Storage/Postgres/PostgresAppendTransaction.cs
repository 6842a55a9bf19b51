using Conductor.Ledger;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Conductor.Storage.Postgres;

/// <summary>An append holding the head row lock (SELECT ... FOR UPDATE), which orders appenders across processes.</summary>
internal sealed class PostgresAppendTransaction : ILedgerAppendTransaction
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly string _where;

    public PostgresAppendTransaction(NpgsqlConnection conn, string where)
    {
        _conn = conn;
        _where = where;
        _tx = conn.BeginTransaction();
        Size = PostgresLedgerStore.ReadSize(conn, _tx, forUpdate: true);
    }

    public long Size { get; private set; }

    public IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids)
    {
        try
        {
            return PostgresLedgerStore.ReadNodes(_conn, _tx, ids, _where);
        }
        catch (NpgsqlException e)
        {
            throw PostgresLedgerStore.Translate(e, _where);
        }
    }

    public void Write(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<StoredNode> nodes)
    {
        if (entries.Count == 0) return;
        if (entries[0].Index != Size) throw new InvalidOperationException($"entries must continue at index {Size}");
        try
        {
            // Arrays and unnest: one statement per table however large the batch.
            using var batch = new NpgsqlBatch(_conn, _tx);
            var e = new NpgsqlBatchCommand("INSERT INTO ledger_entries (idx, type, data, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bytea[])");
            e.Parameters.Add(new NpgsqlParameter { Value = entries.Select(x => x.Index).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            e.Parameters.Add(new NpgsqlParameter { Value = entries.Select(x => x.Type).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            e.Parameters.Add(new NpgsqlParameter { Value = entries.Select(x => x.Data).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            e.Parameters.Add(new NpgsqlParameter { Value = entries.Select(x => x.LeafHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(e);
            if (nodes.Count > 0)
            {
                var n = new NpgsqlBatchCommand("INSERT INTO ledger_nodes (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])");
                n.Parameters.Add(new NpgsqlParameter { Value = nodes.Select(x => x.Id.Level).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
                n.Parameters.Add(new NpgsqlParameter { Value = nodes.Select(x => x.Id.Index).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                n.Parameters.Add(new NpgsqlParameter { Value = nodes.Select(x => x.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                batch.BatchCommands.Add(n);
            }
            var h = new NpgsqlBatchCommand("UPDATE ledger_head SET size = $1 WHERE id = 1");
            h.Parameters.Add(new NpgsqlParameter { Value = Size + entries.Count });
            batch.BatchCommands.Add(h);
            batch.ExecuteNonQuery();
            Size += entries.Count;
        }
        catch (NpgsqlException ex)
        {
            throw PostgresLedgerStore.Translate(ex, _where);
        }
    }

    public void Commit()
    {
        try
        {
            _tx.Commit();
        }
        catch (NpgsqlException e)
        {
            throw PostgresLedgerStore.Translate(e, _where);
        }
    }

    public void Dispose()
    {
        _tx.Dispose();
        _conn.Dispose();
    }
}
