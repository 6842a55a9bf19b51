namespace Conductor.Ledger.Keys;

/// <summary>The names users type for key types: <c>ecdsa-p256</c> and <c>ed25519</c>.</summary>
public static class KeyTypeNames
{
    /// <summary>The user-facing name of <paramref name="type"/>.</summary>
    public static string Name(KeyType type) => type switch
    {
        KeyType.EcdsaP256 => "ecdsa-p256",
        KeyType.Ed25519 => "ed25519",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a user-facing name; throws <see cref="LedgerException"/> (<see cref="LedgerErrorCodes.KeyInvalid"/>) for anything else.</summary>
    public static KeyType Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ecdsa-p256" or "ecdsa" or "p256" => KeyType.EcdsaP256,
        "ed25519" => KeyType.Ed25519,
        _ => throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"unknown key type '{name}' (expected ecdsa-p256 or ed25519)"),
    };
}
