using Conductor.Ledger;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Conductor.Storage.Postgres;

/// <summary>
/// A ledger in a PostgreSQL database (tables ledger_* in the connection's default schema). A commit is durable when
/// acknowledged (synchronous_commit as configured, on by default); appenders are ordered by a row lock on the head row.
/// Thread-safe: each operation takes a pooled connection.
/// </summary>
public sealed class PostgresLedgerStore : ILedgerStore
{
    private const long MigrationLockKey = 0x4c45444745520001; // arbitrary, identifies "ledger schema migration"
    private readonly NpgsqlDataSource _source;
    private readonly string _where;

    private PostgresLedgerStore(NpgsqlDataSource source, string where, string origin)
    {
        _source = source;
        _where = where;
        Origin = origin;
    }

    /// <inheritdoc/>
    public string Origin { get; }

    /// <summary>
    /// Opens the ledger in the database named by <paramref name="connectionString"/>, creating its tables when
    /// <paramref name="create"/> is true and migrating an older schema.
    /// </summary>
    public static PostgresLedgerStore Open(string connectionString, bool create)
    {
        NpgsqlDataSource source;
        string where;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            // Proofs and appends repeat a handful of statements: let Npgsql prepare them once per connection.
            if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 32;
            where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
            source = NpgsqlDataSource.Create(builder);
        }
        catch (ArgumentException e)
        {
            throw new LedgerException(LedgerErrorCodes.StoreFailure, $"invalid PostgreSQL connection string: {e.Message}", e);
        }
        try
        {
            var origin = Prepare(source, where, create);
            return new PostgresLedgerStore(source, where, origin);
        }
        catch (Exception e) when (e is NpgsqlException or LedgerException)
        {
            source.Dispose();
            if (e is LedgerException) throw;
            throw Translate((NpgsqlException)e, where);
        }
    }

    /// <inheritdoc/>
    public long GetSize() => Run(conn => ReadSize(conn, null, forUpdate: false));

    /// <inheritdoc/>
    public ILedgerAppendTransaction BeginAppend()
    {
        NpgsqlConnection? conn = null;
        try
        {
            conn = _source.OpenConnection();
            return new PostgresAppendTransaction(conn, _where);
        }
        catch (NpgsqlException e)
        {
            conn?.Dispose();
            throw Translate(e, _where);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids) => Run(conn => ReadNodes(conn, null, ids, _where));

    /// <inheritdoc/>
    public LedgerEntry? GetEntry(long index) => Run(conn =>
    {
        using var cmd = new NpgsqlCommand("SELECT idx, type, data, leaf_hash FROM ledger_entries WHERE idx = $1", conn);
        cmd.Parameters.AddWithValue(index);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadEntry(r) : null;
    });

    /// <inheritdoc/>
    public IEnumerable<LedgerEntry> ReadEntries(long start, long end)
    {
        using var conn = Wrap(() => _source.OpenConnection());
        using var cmd = new NpgsqlCommand("SELECT idx, type, data, leaf_hash FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx", conn);
        cmd.Parameters.AddWithValue(start);
        cmd.Parameters.AddWithValue(end);
        using var r = Wrap(() => cmd.ExecuteReader());
        while (Wrap(r.Read)) yield return ReadEntry(r);
    }

    /// <inheritdoc/>
    public IEnumerable<StoredNode> ReadInteriorNodes(long treeSize)
    {
        using var conn = Wrap(() => _source.OpenConnection());
        using var cmd = new NpgsqlCommand(
            "SELECT level, idx, hash FROM ledger_nodes WHERE ((idx + 1) << level) <= $1 ORDER BY ((idx + 1) << level), level", conn);
        cmd.Parameters.AddWithValue(treeSize);
        using var r = Wrap(() => cmd.ExecuteReader());
        while (Wrap(r.Read)) yield return new StoredNode(new NodeId(r.GetInt32(0), r.GetInt64(1)), (byte[])r.GetValue(2));
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(long treeSize, string signedNote) => Run(conn =>
    {
        using var cmd = new NpgsqlCommand("INSERT INTO ledger_checkpoints (tree_size, note, created_at) VALUES ($1, $2, now())", conn);
        cmd.Parameters.AddWithValue(treeSize);
        cmd.Parameters.AddWithValue(signedNote);
        return cmd.ExecuteNonQuery();
    });

    /// <inheritdoc/>
    public StoredCheckpoint? GetLatestCheckpoint() => Run(conn =>
    {
        using var cmd = new NpgsqlCommand("SELECT tree_size, note FROM ledger_checkpoints ORDER BY tree_size DESC, id DESC LIMIT 1", conn);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new StoredCheckpoint(r.GetInt64(0), r.GetString(1)) : null;
    });

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();

    internal static long ReadSize(NpgsqlConnection conn, NpgsqlTransaction? tx, bool forUpdate)
    {
        using var cmd = new NpgsqlCommand("SELECT size FROM ledger_head WHERE id = 1" + (forUpdate ? " FOR UPDATE" : ""), conn, tx);
        return (long)(cmd.ExecuteScalar() ?? throw new LedgerException(LedgerErrorCodes.StoreInvalid, "ledger head row is missing"));
    }

    internal static Dictionary<NodeId, byte[]> ReadNodes(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyCollection<NodeId> ids, string where)
    {
        var result = new Dictionary<NodeId, byte[]>(ids.Count);
        var leaves = ids.Where(i => i.Level == 0).Select(i => i.Index).ToArray();
        var interior = ids.Where(i => i.Level > 0).ToArray();
        // One statement per kind, whatever the proof size: a proof costs two round trips.
        using (var batch = new NpgsqlBatch(conn, tx))
        {
            var leafCmd = new NpgsqlBatchCommand("SELECT 0, idx, leaf_hash FROM ledger_entries WHERE idx = ANY($1)");
            leafCmd.Parameters.Add(new NpgsqlParameter { Value = leaves, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(leafCmd);
            var nodeCmd = new NpgsqlBatchCommand(
                // LATERAL forces one primary-key probe per requested node; a join may pick a scan of the whole table.
                "SELECT q.level, q.idx, n.hash FROM unnest($1::int[], $2::bigint[]) AS q(level, idx) " +
                "CROSS JOIN LATERAL (SELECT hash FROM ledger_nodes WHERE level = q.level AND idx = q.idx) n");
            nodeCmd.Parameters.Add(new NpgsqlParameter { Value = interior.Select(i => i.Level).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            nodeCmd.Parameters.Add(new NpgsqlParameter { Value = interior.Select(i => i.Index).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(nodeCmd);
            using var r = batch.ExecuteReader();
            do
            {
                while (r.Read()) result[new NodeId(r.GetInt32(0), r.GetInt64(1))] = (byte[])r.GetValue(2);
            } while (r.NextResult());
        }
        foreach (var id in ids)
        {
            if (!result.ContainsKey(id))
                throw new LedgerException(LedgerErrorCodes.Tampered, $"{where}: stored node {id} (entries {id.FirstEntry}..{id.LastEntry}) is missing");
        }
        return result;
    }

    internal static LedgerException Translate(NpgsqlException e, string where) => e switch
    {
        PostgresException pg => new LedgerException(LedgerErrorCodes.StoreFailure, $"{where}: {pg.SqlState}: {pg.MessageText}", e),
        _ => new LedgerException(LedgerErrorCodes.StoreFailure, $"{where}: cannot reach the database ({e.Message})", e),
    };

    private static string Prepare(NpgsqlDataSource source, string where, bool create)
    {
        using var conn = source.OpenConnection();
        var state = Inspect(conn, null, where);
        if (state.Version == LedgerSchema.CurrentVersion) return state.Origin!;
        if (state.Version == 0 && !create) throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{where} holds no ledger yet");
        using var tx = conn.BeginTransaction();
        // Serialise creators and migrators; re-inspect once we hold the lock.
        Exec(conn, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey})");
        state = Inspect(conn, tx, where);
        var origin = state.Origin ?? LedgerSchema.NewOrigin();
        for (var v = state.Version; v < LedgerSchema.CurrentVersion; v++)
        {
            foreach (var sql in PostgresMigrations.Steps[v]) Exec(conn, tx, sql);
        }
        if (state.Version == 0)
        {
            Exec(conn, tx, $"INSERT INTO ledger_meta (key, value) VALUES ('format', '{LedgerSchema.FormatMarker}'), ('schema_version', '0')");
            Exec(conn, tx, "INSERT INTO ledger_meta (key, value) VALUES ('origin', $1)", origin);
        }
        Exec(conn, tx, "UPDATE ledger_meta SET value = $1 WHERE key = 'schema_version'", LedgerSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tx.Commit();
        return origin;
    }

    private static (int Version, string? Origin) Inspect(NpgsqlConnection conn, NpgsqlTransaction? tx, string where)
    {
        using (var cmd = new NpgsqlCommand("SELECT to_regclass('ledger_meta') IS NOT NULL", conn, tx))
        {
            if (!(bool)cmd.ExecuteScalar()!) return (0, null);
        }
        var meta = new Dictionary<string, string>();
        using (var cmd = new NpgsqlCommand("SELECT key, value FROM ledger_meta", conn, tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) meta[r.GetString(0)] = r.GetString(1);
        }
        if (!meta.TryGetValue("format", out var format) || format != LedgerSchema.FormatMarker)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{where}: table ledger_meta exists but is not a Conductor ledger's");
        if (!meta.TryGetValue("schema_version", out var vText) || !int.TryParse(vText, out var version) || version < 1)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{where}: ledger schema version '{vText}' is invalid");
        if (version > LedgerSchema.CurrentVersion)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{where}: ledger schema version {version} is newer than this conductor supports ({LedgerSchema.CurrentVersion}); upgrade conductor");
        if (!meta.TryGetValue("origin", out var origin) || origin.Length == 0)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{where}: ledger origin is missing");
        return (version, origin);
    }

    private static void Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string? value = null)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        if (value is not null) cmd.Parameters.AddWithValue(value);
        cmd.ExecuteNonQuery();
    }

    private static LedgerEntry ReadEntry(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2), (byte[])r.GetValue(3));

    private T Run<T>(Func<NpgsqlConnection, T> action)
    {
        try
        {
            using var conn = _source.OpenConnection();
            return action(conn);
        }
        catch (NpgsqlException e)
        {
            throw Translate(e, _where);
        }
    }

    private T Wrap<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NpgsqlException e)
        {
            throw Translate(e, _where);
        }
    }
}
