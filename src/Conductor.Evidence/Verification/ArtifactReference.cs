using System.Security.Cryptography;

namespace Conductor.Evidence.Verification;

/// <summary>
/// The artifact a signature is about: its bytes, a file (hashed by streaming, read whole only when a
/// signature scheme needs the message itself, as Ed25519 does), or only its SHA-256 digest.
/// </summary>
public sealed class ArtifactReference
{
    private readonly byte[]? _bytes;
    private readonly string? _path;

    private ArtifactReference(byte[] sha256, byte[]? bytes, string? path)
    {
        Sha256 = sha256;
        _bytes = bytes;
        _path = path;
    }

    /// <summary>The SHA-256 digest of the artifact.</summary>
    public byte[] Sha256 { get; }

    /// <summary>True when the artifact's bytes are available (not only its digest).</summary>
    public bool HasContent => _bytes is not null || _path is not null;

    /// <summary>An artifact held in memory.</summary>
    public static ArtifactReference FromBytes(ReadOnlySpan<byte> bytes) =>
        new(SHA256.HashData(bytes), bytes.ToArray(), null);

    /// <summary>An artifact in a file; the digest is computed now by streaming the file.</summary>
    public static ArtifactReference FromFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new(SHA256.HashData(stream), null, path);
    }

    /// <summary>An artifact known only by its SHA-256 digest (32 bytes).</summary>
    public static ArtifactReference FromSha256(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != 32) throw new ArgumentException("a SHA-256 digest is 32 bytes", nameof(digest));
        return new(digest.ToArray(), null, null);
    }

    /// <summary>
    /// Parses <c>sha256:&lt;64 hex digits&gt;</c>; returns false for anything else.
    /// </summary>
    public static bool TryParseDigest(string text, out ArtifactReference? artifact)
    {
        artifact = null;
        const string prefix = "sha256:";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || text.Length != prefix.Length + 64) return false;
        try
        {
            artifact = FromSha256(Convert.FromHexString(text.AsSpan(prefix.Length)));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The artifact's bytes; throws when only the digest is known.</summary>
    public byte[] ReadContent()
    {
        if (_bytes is not null) return _bytes;
        if (_path is not null) return File.ReadAllBytes(_path);
        throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput,
            "the artifact's content is needed (the signature scheme signs the message itself) but only its digest was given");
    }
}
