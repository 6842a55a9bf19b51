using Conductor.Ledger.Storage;
using Conductor.Storage;
using Microsoft.Data.Sqlite;

namespace Conductor.Ledger.Tests;

/// <summary>The store suite on an SQLite file under a temporary data directory.</summary>
public sealed class SqliteLedgerStoreTests : LedgerStoreSuite, IDisposable
{
    private readonly TempDirectory _temp = new();
    private int _count;

    protected override string[] NewLedger() => ["--data", _temp.File($"ledger{_count++}")];

    protected override ILedgerStore Open(string[] args, bool create = true) => LedgerStores.Open(args[1], null, create);

    protected override void Sql(string[] args, string sql)
    {
        using var conn = new SqliteConnection($"Data Source={Path.Combine(args[1], LedgerStores.SqliteFileName)};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    protected override void Update(string[] args, string table, string column, string where, Func<byte[], byte[]> change)
    {
        using var conn = new SqliteConnection($"Data Source={Path.Combine(args[1], LedgerStores.SqliteFileName)};Pooling=False");
        conn.Open();
        using var read = conn.CreateCommand();
        read.CommandText = $"SELECT {column} FROM {table} WHERE {where}";
        var value = (byte[])read.ExecuteScalar()!;
        using var write = conn.CreateCommand();
        write.CommandText = $"UPDATE {table} SET {column} = $v WHERE {where}";
        write.Parameters.AddWithValue("$v", change(value));
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsRefused()
    {
        var dir = _temp.File("junk");
        Directory.CreateDirectory(dir);
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(dir, LedgerStores.SqliteFileName), bytes);
        var e = Assert.Throws<LedgerException>(() => LedgerStores.Open(dir, null, create: true));
        Assert.Equal(LedgerErrorCodes.StoreInvalid, e.Code);
        Assert.Contains("is not a Conductor ledger", e.Message);
        var run = CliRun.Invoke("ledger", "verify", "--data", dir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a Conductor ledger", run.Error);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, LedgerStores.SqliteFileName)));
    }

    [Fact]
    public void AnotherSqliteDatabaseIsRefusedAndLeftUntouched()
    {
        var dir = _temp.File("other");
        Directory.CreateDirectory(dir);
        Sql(["--data", dir], "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        var e = Assert.Throws<LedgerException>(() => LedgerStores.Open(dir, null, create: true));
        Assert.Equal(LedgerErrorCodes.StoreInvalid, e.Code);
        Assert.Contains("holds other tables: customers", e.Message);
    }

    [Fact]
    public void AMissingLedgerIsNotCreatedByReadCommands()
    {
        var dir = _temp.File("absent");
        var run = CliRun.Invoke("ledger", "get", "0", "--data", dir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no ledger at", run.Error);
        Assert.False(File.Exists(Path.Combine(dir, LedgerStores.SqliteFileName)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
