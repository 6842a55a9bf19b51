namespace Conductor.Ledger.Keys;

/// <summary>Signature algorithms for checkpoints and evidence. ECDSA P-256 is the default; Ed25519 where a format asks for it.</summary>
public enum KeyType
{
    /// <summary>ECDSA on NIST P-256 with SHA-256; signatures are ASN.1 DER.</summary>
    EcdsaP256,
    /// <summary>Ed25519 (RFC 8032); signatures are 64 bytes.</summary>
    Ed25519,
}
