namespace Conductor.Storage;

/// <summary>Facts shared by both ledger stores: the format marker and the schema version this build writes.</summary>
internal static class LedgerSchema
{
    /// <summary>Value of the 'format' key in ledger_meta; a database without it is not a ledger.</summary>
    public const string FormatMarker = "conductor-ledger";

    /// <summary>Latest schema version; each migration moves the store up by one.</summary>
    public const int CurrentVersion = 2;

    public static string NewOrigin() =>
        "conductor.ledger/" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
