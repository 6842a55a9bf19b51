using Conductor.Ledger;
using Conductor.Ledger.Storage;
using Conductor.Storage.Postgres;
using Conductor.Storage.Sqlite;

namespace Conductor.Storage;

/// <summary>Opens the ledger store a user named: an SQLite file under a data directory (default) or a PostgreSQL database.</summary>
public static class LedgerStores
{
    /// <summary>File name of the SQLite ledger inside a data directory.</summary>
    public const string SqliteFileName = "ledger.db";

    /// <summary>
    /// Opens <c>DIR/ledger.db</c> when <paramref name="dataDirectory"/> is given, or the PostgreSQL database of
    /// <paramref name="connectionString"/>; exactly one must be set. <paramref name="create"/> allows creating a new ledger.
    /// </summary>
    public static ILedgerStore Open(string? dataDirectory, string? connectionString, bool create)
    {
        if (!string.IsNullOrEmpty(connectionString))
        {
            if (!string.IsNullOrEmpty(dataDirectory)) throw new ArgumentException("give a data directory or a connection string, not both");
            return PostgresLedgerStore.Open(connectionString, create);
        }
        if (string.IsNullOrEmpty(dataDirectory)) throw new ArgumentException("a data directory or a connection string is required");
        if (File.Exists(dataDirectory))
            throw new LedgerException(LedgerErrorCodes.StoreInvalid, $"{dataDirectory} is a file; --data expects a directory (holding {SqliteFileName})");
        return SqliteLedgerStore.Open(Path.Combine(dataDirectory, SqliteFileName), create);
    }
}
