using Conductor.Evidence.Keys;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// Who must have signed: a Fulcio certificate identity (subject alternative name and OIDC issuer, both matched
/// exactly) or a managed public key.
/// </summary>
public sealed class SigstoreVerificationPolicy
{
    private SigstoreVerificationPolicy(string? identity, string? issuer, PublicKey? key)
    {
        Identity = identity;
        Issuer = issuer;
        Key = key;
    }

    /// <summary>The expected subject alternative name (e-mail, URI), or null for key policies.</summary>
    public string? Identity { get; }

    /// <summary>The expected OIDC issuer, or null for key policies.</summary>
    public string? Issuer { get; }

    /// <summary>The expected managed key, or null for identity policies.</summary>
    public PublicKey? Key { get; }

    /// <summary>Requires a Fulcio certificate for <paramref name="identity"/> issued after login at <paramref name="issuer"/>.</summary>
    public static SigstoreVerificationPolicy ForIdentity(string identity, string issuer)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        return new(identity, issuer, null);
    }

    /// <summary>Requires a signature by <paramref name="key"/>.</summary>
    public static SigstoreVerificationPolicy ForKey(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(null, null, key);
    }
}
