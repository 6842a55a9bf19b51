using Npgsql;

namespace Conductor.Ledger.Tests;

/// <summary>
/// The PostgreSQL server test.sh starts (CONDUCTOR_TEST_POSTGRES). A fixture instance owns one fresh database,
/// dropped at the end; each test then takes its own schema in it so tests never share a ledger.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Variable = "CONDUCTOR_TEST_POSTGRES";
    private readonly string? _admin;

    public PostgresServer()
    {
        _admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_admin)) return;
        DatabaseName = "ledger_" + Guid.NewGuid().ToString("N");
        using var conn = new NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", conn);
        cmd.ExecuteNonQuery();
    }

    public string DatabaseName { get; } = "";

    /// <summary>A connection string to a new, empty schema of this fixture's database. Fails the test when no server is configured.</summary>
    public string NewSchema()
    {
        if (string.IsNullOrWhiteSpace(_admin))
            throw new InvalidOperationException($"{Variable} is not set: the PostgreSQL store tests need a server. Run ./test.sh (it starts one), or export {Variable}=\"Host=127.0.0.1;Port=...;Username=postgres;Database=postgres\".");
        var schema = "s_" + Guid.NewGuid().ToString("N")[..16];
        var cs = new NpgsqlConnectionStringBuilder(_admin) { Database = DatabaseName, SearchPath = schema, Pooling = true };
        using var conn = new NpgsqlConnection(cs.ToString());
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", conn);
        cmd.ExecuteNonQuery();
        return cs.ToString();
    }

    public static void Execute(string connectionString, string sql, params object[] args)
    {
        using var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (string.IsNullOrWhiteSpace(_admin) || DatabaseName.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
