using Conductor.Evidence.Keys;

namespace Conductor.Evidence.Sigstore;

/// <summary>A transparency log (Rekor) or certificate-transparency log from a trusted root.</summary>
/// <param name="BaseUrl">The log's URL, whose host names its checkpoints.</param>
/// <param name="LogId">The log ID (for Rekor v1 and CT logs the SHA-256 of the key's SubjectPublicKeyInfo).</param>
/// <param name="Key">The log's public key, or null when the trusted root holds a key this build cannot read.</param>
/// <param name="KeyDetails">The key type as the trusted root names it, e.g. <c>PKIX_ECDSA_P256_SHA_256</c>.</param>
/// <param name="ValidFor">When the key may be used.</param>
public sealed record TransparencyLogInstance(string BaseUrl, byte[] LogId, PublicKey? Key, string KeyDetails, TimeRange ValidFor)
{
    /// <summary>The host (and port, if any) of <see cref="BaseUrl"/>.</summary>
    public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) ? uri.Authority : BaseUrl;
}
