using Conductor.Ledger;
using Conductor.Ledger.Merkle;
using Microsoft.Data.Sqlite;

namespace Conductor.Storage.Sqlite;

/// <summary>
/// An open, configured connection with its hot statements prepared once. Sessions are pooled by the store so a proof
/// costs a few prepared-statement steps, not a connection open and a re-parse of SQL.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private SqliteCommand? _leaf;
    private SqliteCommand? _node;

    public SqliteSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    public long ReadSize(SqliteTransaction? tx)
    {
        using var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT size FROM ledger_head WHERE id = 1";
        return (long)(cmd.ExecuteScalar() ?? throw new LedgerException(LedgerErrorCodes.StoreInvalid, "ledger head row is missing"));
    }

    public Dictionary<NodeId, byte[]> ReadNodes(SqliteTransaction? tx, IReadOnlyCollection<NodeId> ids, string path)
    {
        _leaf ??= Prepare("SELECT leaf_hash FROM ledger_entries WHERE idx = $i", "$i");
        _node ??= Prepare("SELECT hash FROM ledger_nodes WHERE level = $l AND idx = $i", "$l", "$i");
        _leaf.Transaction = tx;
        _node.Transaction = tx;
        var result = new Dictionary<NodeId, byte[]>(ids.Count);
        foreach (var id in ids)
        {
            object? value;
            if (id.Level == 0)
            {
                _leaf.Parameters[0].Value = id.Index;
                value = _leaf.ExecuteScalar();
            }
            else
            {
                _node.Parameters[0].Value = id.Level;
                _node.Parameters[1].Value = id.Index;
                value = _node.ExecuteScalar();
            }
            if (value is not byte[] hash)
                throw new LedgerException(LedgerErrorCodes.Tampered, $"{path}: stored node {id} (entries {id.FirstEntry}..{id.LastEntry}) is missing");
            result[id] = hash;
        }
        _leaf.Transaction = null;
        _node.Transaction = null;
        return result;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters) cmd.Parameters.Add(p, SqliteType.Integer);
        cmd.Prepare();
        return cmd;
    }

    public void Dispose()
    {
        _leaf?.Dispose();
        _node?.Dispose();
        Connection.Dispose();
    }
}
