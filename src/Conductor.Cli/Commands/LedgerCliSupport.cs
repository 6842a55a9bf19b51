using System.CommandLine;
using System.Text;
using Conductor.Ledger;
using Conductor.Ledger.Storage;
using Conductor.Storage;

namespace Conductor.Cli.Commands;

/// <summary>What the ledger and keys commands share: store options, error translation, file input.</summary>
internal static class LedgerCliSupport
{
    /// <summary>Data directory used when neither --data nor --store is given.</summary>
    public const string DefaultDataDirectory = ".conductor";

    /// <summary>Proof, checkpoint and entry files given to verify commands are read only up to this size.</summary>
    public const long MaxInputFileBytes = 64L * 1024 * 1024;

    public static Option<string?> DataOption() => new("--data")
    {
        Description = $"Data directory holding the SQLite ledger ({LedgerStores.SqliteFileName}); default {DefaultDataDirectory}",
    };

    public static Option<string?> StoreOption() => new("--store")
    {
        Description = "PostgreSQL connection string (\"Host=...;Database=...;Username=...\") instead of --data",
    };

    public static void AddStoreOptions(Command command, Option<string?> data, Option<string?> store)
    {
        command.Options.Add(data);
        command.Options.Add(store);
    }

    public static LedgerService OpenLedger(ParseResult parse, Option<string?> data, Option<string?> store, bool create)
    {
        var dir = parse.GetValue(data);
        var cs = parse.GetValue(store);
        if (!string.IsNullOrEmpty(dir) && !string.IsNullOrEmpty(cs)) throw new CliUsageException("give --data or --store, not both");
        ILedgerStore opened = string.IsNullOrEmpty(cs)
            ? LedgerStores.Open(string.IsNullOrEmpty(dir) ? DefaultDataDirectory : dir, null, create)
            : LedgerStores.Open(null, cs, create);
        return new LedgerService(opened, ownsStore: true);
    }

    /// <summary>Runs a command body, turning library errors into exit code 1 with "code: message".</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (LedgerException e)
        {
            throw new CliFailureException($"{e.Code}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new CliFailureException($"{LedgerErrorCodes.InputMalformed}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliFailureException($"{LedgerErrorCodes.InputMalformed}: {e.Message}");
        }
    }

    /// <summary>Reads a file given on the command line, or standard input for "-", as bytes.</summary>
    public static byte[] ReadInput(string path, CliConsole console)
    {
        if (path == "-")
        {
            // The real process reads raw bytes; in-process callers (tests) supply text, taken as UTF-8.
            if (ReferenceEquals(console.In, Console.In))
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return buffer.ToArray();
            }
            return Encoding.UTF8.GetBytes(console.In.ReadToEnd());
        }
        return ReadFile(path, "input");
    }

    public static byte[] ReadFile(string path, string what)
    {
        if (!File.Exists(path)) throw new LedgerException(LedgerErrorCodes.InputMalformed, $"{path}: {what} file not found");
        var length = new FileInfo(path).Length;
        if (length > MaxInputFileBytes) throw new LedgerException(LedgerErrorCodes.InputMalformed, $"{path}: {what} file is larger than {MaxInputFileBytes} bytes");
        return File.ReadAllBytes(path);
    }

    public static string ReadTextFile(string path, string what)
    {
        var bytes = ReadFile(path, what);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new LedgerException(LedgerErrorCodes.InputMalformed, $"{path}: {what} file is not UTF-8 text");
        }
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
