namespace Conductor.Evidence.Keys;

/// <summary>The public-key algorithms verifiers accept.</summary>
public enum PublicKeyAlgorithm
{
    /// <summary>ECDSA over NIST P-256 (SHA-256 by default).</summary>
    EcdsaP256,
    /// <summary>ECDSA over NIST P-384 (SHA-384 by default).</summary>
    EcdsaP384,
    /// <summary>ECDSA over NIST P-521 (SHA-512 by default).</summary>
    EcdsaP521,
    /// <summary>RSA, with PKCS#1 v1.5 or PSS padding.</summary>
    Rsa,
    /// <summary>Ed25519 (RFC 8032), which signs the message itself rather than a digest.</summary>
    Ed25519,
}
