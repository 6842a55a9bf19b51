namespace Conductor.Ledger;

/// <summary>Stable error codes carried by <see cref="LedgerException"/>; scripts may match on them.</summary>
public static class LedgerErrorCodes
{
    /// <summary>An inclusion or consistency proof does not verify, or has the wrong shape.</summary>
    public const string ProofInvalid = "ledger_proof_invalid";
    /// <summary>An index or tree size lies outside the tree.</summary>
    public const string OutOfRange = "ledger_out_of_range";
    /// <summary>A checkpoint or signed note is malformed (truncated, bad base64, bad size line...).</summary>
    public const string CheckpointMalformed = "ledger_checkpoint_malformed";
    /// <summary>No signature on the checkpoint comes from the trusted key (unknown key or wrong key hash).</summary>
    public const string CheckpointUnknownKey = "ledger_checkpoint_unknown_key";
    /// <summary>A signature from the trusted key does not verify.</summary>
    public const string CheckpointBadSignature = "ledger_checkpoint_bad_signature";
    /// <summary>The checkpoint does not match the ledger or the proof it is used with.</summary>
    public const string CheckpointMismatch = "ledger_checkpoint_mismatch";
    /// <summary>A key file is malformed, of an unsupported type, or has unsafe permissions.</summary>
    public const string KeyInvalid = "ledger_key_invalid";
    /// <summary>The store is not a Conductor ledger, or its schema is newer than this program.</summary>
    public const string StoreInvalid = "ledger_store_invalid";
    /// <summary>The store could not be reached or failed (I/O, connection, SQL error).</summary>
    public const string StoreFailure = "ledger_store_failure";
    /// <summary>Recomputing the stored log found an entry or node whose hash does not match.</summary>
    public const string Tampered = "ledger_tampered";
    /// <summary>A proof or entry file given to a command is malformed.</summary>
    public const string InputMalformed = "ledger_input_malformed";
}
