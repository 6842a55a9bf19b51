namespace Conductor.Storage.Sqlite;

/// <summary>The SQLite schema, one step per version; step N takes a store from version N-1 to N.</summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<string[]> Steps =
    [
        // 1: entries with their leaf hashes, interior nodes of perfect subtrees, the head (size), checkpoints.
        [
            "CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE ledger_head (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL)",
            "INSERT INTO ledger_head (id, size) VALUES (1, 0)",
            "CREATE TABLE ledger_entries (idx INTEGER PRIMARY KEY, type TEXT NOT NULL, data BLOB NOT NULL, leaf_hash BLOB NOT NULL)",
            "CREATE TABLE ledger_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID",
            "CREATE TABLE ledger_checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, tree_size INTEGER NOT NULL, note TEXT NOT NULL)",
        ],
        // 2: when each checkpoint was stored, for operators reading the table.
        [
            "ALTER TABLE ledger_checkpoints ADD COLUMN created_at TEXT",
        ],
    ];
}
