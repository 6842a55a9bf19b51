using System.Collections.Concurrent;
using Conductor.Ledger;
using Conductor.Ledger.Merkle;
using Conductor.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Conductor.Storage.Sqlite;

/// <summary>
/// A ledger in one SQLite file (WAL journal, synchronous=FULL so a commit is on disk when acknowledged). Appenders in
/// any process are serialised by SQLite's write lock (BEGIN IMMEDIATE). Thread-safe: each operation takes a pooled connection.
/// </summary>
public sealed class SqliteLedgerStore : ILedgerStore
{
    private readonly string _connectionString;
    private readonly string _path;
    private readonly ConcurrentBag<SqliteSession> _idle = [];

    private SqliteLedgerStore(string path, string connectionString, string origin)
    {
        _path = path;
        _connectionString = connectionString;
        Origin = origin;
    }

    /// <inheritdoc/>
    public string Origin { get; }

    /// <summary>The database file.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Opens the ledger in <paramref name="path"/>, creating the file and schema when <paramref name="create"/> is true,
    /// and migrating an older schema. A file that is not an SQLite database, or a database holding other tables,
    /// is refused with <see cref="LedgerErrorCodes.StoreInvalid"/>.
    /// </summary>
    public static SqliteLedgerStore Open(string path, bool create)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            if (!create) throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"no ledger at {full} (append an entry first to create one)");
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        else if (Directory.Exists(full))
        {
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{full} is a directory, not a ledger file");
        }
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            // The store pools its own sessions (with prepared statements); SQLite's pool would only add a lookup.
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();
        try
        {
            using var conn = OpenConnection(cs, full);
            var origin = Prepare(conn, full, create);
            return new SqliteLedgerStore(full, cs, origin);
        }
        catch (SqliteException e)
        {
            throw Translate(e, full);
        }
    }

    /// <inheritdoc/>
    public long GetSize() => Run(session => session.ReadSize(null));

    /// <inheritdoc/>
    public ILedgerAppendTransaction BeginAppend()
    {
        var session = Rent();
        try
        {
            return new SqliteAppendTransaction(session, _path, Return);
        }
        catch (SqliteException e)
        {
            session.Dispose();
            throw Translate(e, _path);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<NodeId, byte[]> ReadNodes(IReadOnlyCollection<NodeId> ids) =>
        Run(session => session.ReadNodes(null, ids, _path));

    /// <inheritdoc/>
    public LedgerEntry? GetEntry(long index) => Run(session =>
    {
        using var cmd = session.Connection.CreateCommand();
        cmd.CommandText = "SELECT idx, type, data, leaf_hash FROM ledger_entries WHERE idx = $i";
        cmd.Parameters.AddWithValue("$i", index);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadEntry(r) : null;
    });

    /// <inheritdoc/>
    public IEnumerable<LedgerEntry> ReadEntries(long start, long end)
    {
        var session = Rent();
        using var returner = new Returner(this, session);
        using var cmd = session.Connection.CreateCommand();
        cmd.CommandText = "SELECT idx, type, data, leaf_hash FROM ledger_entries WHERE idx >= $s AND idx < $e ORDER BY idx";
        cmd.Parameters.AddWithValue("$s", start);
        cmd.Parameters.AddWithValue("$e", end);
        using var r = Wrap(cmd.ExecuteReader);
        while (Wrap(r.Read)) yield return ReadEntry(r);
    }

    /// <inheritdoc/>
    public IEnumerable<StoredNode> ReadInteriorNodes(long treeSize)
    {
        // One cursor per level, each walking the primary key in order, merged by completion order: no sort of the
        // whole table (an ORDER BY on the computed key made SQLite sort a million rows in a temp B-tree).
        var session = Rent();
        using var returner = new Returner(this, session);
        var commands = new List<SqliteCommand>();
        var readers = new List<SqliteDataReader>();
        try
        {
            var queue = new PriorityQueue<(int Reader, StoredNode Node), (long, int)>();
            for (var level = 1; level < 63 && (treeSize >> level) > 0; level++)
            {
                var cmd = session.Connection.CreateCommand();
                commands.Add(cmd);
                cmd.CommandText = "SELECT idx, hash FROM ledger_nodes WHERE level = $l AND idx < $n ORDER BY idx";
                cmd.Parameters.AddWithValue("$l", level);
                cmd.Parameters.AddWithValue("$n", treeSize >> level);
                var reader = Wrap(cmd.ExecuteReader);
                readers.Add(reader);
                Enqueue(queue, readers.Count - 1, level, reader);
            }
            while (queue.TryDequeue(out var item, out _))
            {
                yield return item.Node;
                Enqueue(queue, item.Reader, item.Node.Id.Level, readers[item.Reader]);
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
            foreach (var c in commands) c.Dispose();
        }
    }

    private void Enqueue(PriorityQueue<(int, StoredNode), (long, int)> queue, int readerIndex, int level, SqliteDataReader reader)
    {
        if (!Wrap(reader.Read)) return;
        var node = new StoredNode(new NodeId(level, reader.GetInt64(0)), (byte[])reader.GetValue(1));
        queue.Enqueue((readerIndex, node), (node.Id.LastEntry, level));
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(long treeSize, string signedNote) => Run(session =>
    {
        using var cmd = session.Connection.CreateCommand();
        cmd.CommandText = "INSERT INTO ledger_checkpoints (tree_size, note, created_at) VALUES ($s, $n, $t)";
        cmd.Parameters.AddWithValue("$s", treeSize);
        cmd.Parameters.AddWithValue("$n", signedNote);
        cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
        cmd.ExecuteNonQuery();
        return 0;
    });

    /// <inheritdoc/>
    public StoredCheckpoint? GetLatestCheckpoint() => Run(session =>
    {
        using var cmd = session.Connection.CreateCommand();
        cmd.CommandText = "SELECT tree_size, note FROM ledger_checkpoints ORDER BY tree_size DESC, id DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read() ? new StoredCheckpoint(r.GetInt64(0), r.GetString(1)) : null;
    });

    /// <inheritdoc/>
    public void Dispose()
    {
        while (_idle.TryTake(out var session)) session.Dispose();
    }

    internal static SqliteConnection OpenConnection(string connectionString, string path)
    {
        var conn = new SqliteConnection(connectionString);
        try
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            // FULL: in WAL mode NORMAL may lose the last commits on power loss; an acknowledged append must survive.
            cmd.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 60000;";
            cmd.ExecuteNonQuery();
            return conn;
        }
        catch (SqliteException e)
        {
            conn.Dispose();
            throw Translate(e, path);
        }
    }

    internal static LedgerException Translate(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        26 => new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path} is not a Conductor ledger (not an SQLite database)", e),
        11 => new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path} is corrupt ({e.Message})", e),
        14 => new LedgerException(LedgerErrorCodes.StoreFailure, $"{path}: cannot open the ledger file ({e.Message})", e),
        _ => new LedgerException(LedgerErrorCodes.StoreFailure, $"{path}: {e.Message}", e),
    };

    private static string Prepare(SqliteConnection conn, string path, bool create)
    {
        using (var wal = conn.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteScalar();
        }
        var state = Inspect(conn, null, path);
        if (state.Version == LedgerSchema.CurrentVersion) return state.Origin!;
        if (state.Version == 0 && !create) throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path} holds no ledger yet");
        using var tx = conn.BeginTransaction(deferred: false);
        // Re-inspect under the write lock: another process may have created or migrated the schema meanwhile.
        state = Inspect(conn, tx, path);
        var origin = state.Origin ?? LedgerSchema.NewOrigin();
        for (var v = state.Version; v < LedgerSchema.CurrentVersion; v++)
        {
            foreach (var sql in SqliteMigrations.Steps[v]) Exec(conn, tx, sql);
        }
        if (state.Version == 0)
        {
            Exec(conn, tx, $"INSERT INTO ledger_meta (key, value) VALUES ('format', '{LedgerSchema.FormatMarker}')");
            Exec(conn, tx, "INSERT INTO ledger_meta (key, value) VALUES ('origin', $v)", origin);
            Exec(conn, tx, "INSERT INTO ledger_meta (key, value) VALUES ('schema_version', '0')");
        }
        Exec(conn, tx, "UPDATE ledger_meta SET value = $v WHERE key = 'schema_version'", LedgerSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tx.Commit();
        return origin;
    }

    private static (int Version, string? Origin) Inspect(SqliteConnection conn, SqliteTransaction? tx, string path)
    {
        var tables = new List<string>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        if (tables.Count == 0) return (0, null);
        if (!tables.Contains("ledger_meta"))
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path} is not a Conductor ledger (it holds other tables: {string.Join(", ", tables.Take(5))})");
        var meta = new Dictionary<string, string>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT key, value FROM ledger_meta";
            using var r = cmd.ExecuteReader();
            while (r.Read()) meta[r.GetString(0)] = r.GetString(1);
        }
        if (!meta.TryGetValue("format", out var format) || format != LedgerSchema.FormatMarker)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path} is not a Conductor ledger (format marker missing)");
        if (!meta.TryGetValue("schema_version", out var vText) || !int.TryParse(vText, out var version) || version < 1)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path}: ledger schema version '{vText}' is invalid");
        if (version > LedgerSchema.CurrentVersion)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path}: ledger schema version {version} is newer than this conductor supports ({LedgerSchema.CurrentVersion}); upgrade conductor");
        if (!meta.TryGetValue("origin", out var origin) || origin.Length == 0)
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{path}: ledger origin is missing");
        return (version, origin);
    }

    private static void Exec(SqliteConnection conn, SqliteTransaction tx, string sql, string? value = null)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        if (value is not null) cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    private static LedgerEntry ReadEntry(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2), (byte[])r.GetValue(3));

    private T Run<T>(Func<SqliteSession, T> action)
    {
        var session = Rent();
        try
        {
            return action(session);
        }
        catch (SqliteException e)
        {
            throw Translate(e, _path);
        }
        finally
        {
            Return(session);
        }
    }

    private SqliteSession Rent() => _idle.TryTake(out var session) ? session : new SqliteSession(OpenConnection(_connectionString, _path));

    private void Return(SqliteSession session)
    {
        // Keep a few warm sessions; more only hold file handles.
        if (_idle.Count < 8) _idle.Add(session);
        else session.Dispose();
    }

    private sealed class Returner(SqliteLedgerStore store, SqliteSession session) : IDisposable
    {
        public void Dispose() => store.Return(session);
    }

    private T Wrap<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw Translate(e, _path);
        }
    }
}
