using System.Security.Cryptography;

namespace Conductor.Evidence.Keys;

/// <summary>How a signature was made: the digest algorithm (ECDSA and RSA) and, for RSA, the padding.</summary>
/// <param name="Hash">The digest algorithm; null picks the key's default (SHA-256, SHA-384 for P-384, SHA-512 for P-521).</param>
/// <param name="RsaPadding">PKCS#1 v1.5 (the default) or PSS.</param>
public sealed record SignatureOptions(HashAlgorithmName? Hash = null, RSASignaturePadding? RsaPadding = null)
{
    /// <summary>The defaults for the key's algorithm.</summary>
    public static SignatureOptions Default { get; } = new();
}
