namespace Conductor.Storage.Postgres;

/// <summary>The PostgreSQL schema, one step per version; step N takes a store from version N-1 to N.</summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<string[]> Steps =
    [
        [
            "CREATE TABLE ledger_meta (key text PRIMARY KEY, value text NOT NULL)",
            "CREATE TABLE ledger_head (id int PRIMARY KEY CHECK (id = 1), size bigint NOT NULL)",
            "INSERT INTO ledger_head (id, size) VALUES (1, 0)",
            "CREATE TABLE ledger_entries (idx bigint PRIMARY KEY, type text NOT NULL, data bytea NOT NULL, leaf_hash bytea NOT NULL)",
            "CREATE TABLE ledger_nodes (level int NOT NULL, idx bigint NOT NULL, hash bytea NOT NULL, PRIMARY KEY (level, idx))",
            "CREATE TABLE ledger_checkpoints (id bigserial PRIMARY KEY, tree_size bigint NOT NULL, note text NOT NULL)",
        ],
        [
            "ALTER TABLE ledger_checkpoints ADD COLUMN created_at timestamptz",
        ],
    ];
}
