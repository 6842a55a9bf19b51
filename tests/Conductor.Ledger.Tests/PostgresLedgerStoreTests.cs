using Conductor.Ledger.Storage;
using Conductor.Storage;

namespace Conductor.Ledger.Tests;

/// <summary>The store suite on the PostgreSQL server from CONDUCTOR_TEST_POSTGRES: one database for the class, a schema per test.</summary>
public sealed class PostgresLedgerStoreTests(PostgresServer server) : LedgerStoreSuite, IClassFixture<PostgresServer>
{
    protected override string[] NewLedger() => ["--store", server.NewSchema()];

    protected override ILedgerStore Open(string[] args, bool create = true) => LedgerStores.Open(null, args[1], create);

    protected override void Sql(string[] args, string sql) => PostgresServer.Execute(args[1], sql);

    protected override void Update(string[] args, string table, string column, string where, Func<byte[], byte[]> change)
    {
        using var conn = new Npgsql.NpgsqlConnection(args[1]);
        conn.Open();
        using var read = new Npgsql.NpgsqlCommand($"SELECT {column} FROM {table} WHERE {where}", conn);
        var value = (byte[])read.ExecuteScalar()!;
        using var write = new Npgsql.NpgsqlCommand($"UPDATE {table} SET {column} = $1 WHERE {where}", conn);
        write.Parameters.AddWithValue(change(value));
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    [Fact]
    public void AnUnreachableServerIsAClearError()
    {
        var e = Assert.Throws<LedgerException>(() => LedgerStores.Open(null, "Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=3", create: true));
        Assert.Equal(LedgerErrorCodes.StoreFailure, e.Code);
        Assert.Contains("cannot reach the database", e.Message);
    }
}
