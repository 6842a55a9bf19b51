using System.Globalization;
using System.Text.Json;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tuf;

/// <summary>A parsed TUF <c>root.json</c>: its version, expiry, keys, the root role, and its signatures.</summary>
public sealed class TufRoot
{
    private TufRoot(int version, DateTimeOffset expires, IReadOnlyDictionary<string, TufKey> keys, IReadOnlyList<string> rootKeyIds,
        int rootThreshold, IReadOnlyList<(string KeyId, byte[] Signature)> signatures, byte[] signedBytes)
    {
        Version = version;
        Expires = expires;
        Keys = keys;
        RootKeyIds = rootKeyIds;
        RootThreshold = rootThreshold;
        Signatures = signatures;
        SignedBytes = signedBytes;
    }

    /// <summary>The metadata version.</summary>
    public int Version { get; }

    /// <summary>When the metadata expires.</summary>
    public DateTimeOffset Expires { get; }

    /// <summary>Every key the metadata lists, by key ID (keys it cannot read are left out).</summary>
    public IReadOnlyDictionary<string, TufKey> Keys { get; }

    /// <summary>The key IDs of the root role.</summary>
    public IReadOnlyList<string> RootKeyIds { get; }

    /// <summary>How many root keys must sign.</summary>
    public int RootThreshold { get; }

    /// <summary>The signatures over <see cref="SignedBytes"/>.</summary>
    public IReadOnlyList<(string KeyId, byte[] Signature)> Signatures { get; }

    /// <summary>The canonical JSON of the <c>signed</c> member, which the signatures cover.</summary>
    public byte[] SignedBytes { get; }

    /// <summary>Parses root metadata; throws <see cref="EvidenceVerificationException"/> naming the bad member.</summary>
    public static TufRoot Parse(ReadOnlySpan<byte> json, string name = "root.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw Malformed($"{name} is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var top = document.RootElement;
            if (top.ValueKind != JsonValueKind.Object || !top.TryGetProperty("signed", out var signed) || signed.ValueKind != JsonValueKind.Object)
                throw Malformed($"{name} has no 'signed' object");
            if (!top.TryGetProperty("signatures", out var signaturesElement) || signaturesElement.ValueKind != JsonValueKind.Array)
                throw Malformed($"{name} has no 'signatures' array");
            if (Str(signed, "_type", name) != "root") throw Malformed($"{name}: signed._type is not 'root'");
            if (!signed.TryGetProperty("version", out var versionElement) || !versionElement.TryGetInt32(out var version) || version < 1)
                throw Malformed($"{name}: signed.version is not a positive integer");
            if (!DateTimeOffset.TryParse(Str(signed, "expires", name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires))
                throw Malformed($"{name}: signed.expires is not a time");

            var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal);
            if (!signed.TryGetProperty("keys", out var keysElement) || keysElement.ValueKind != JsonValueKind.Object)
                throw Malformed($"{name}: signed.keys is missing");
            foreach (var key in keysElement.EnumerateObject())
            {
                var keyType = Str(key.Value, "keytype", $"{name}: keys.{key.Name}");
                var scheme = Str(key.Value, "scheme", $"{name}: keys.{key.Name}");
                if (!key.Value.TryGetProperty("keyval", out var keyval)) throw Malformed($"{name}: keys.{key.Name}.keyval is missing");
                var publicValue = Str(keyval, "public", $"{name}: keys.{key.Name}.keyval");
                try
                {
                    keys[key.Name] = TufKey.Parse(key.Name, keyType, scheme, publicValue);
                }
                catch (EvidenceVerificationException)
                {
                    // A key of an unsupported type cannot count towards a threshold; it is not an error by itself.
                }
            }

            if (!signed.TryGetProperty("roles", out var roles) || !roles.TryGetProperty("root", out var rootRole))
                throw Malformed($"{name}: signed.roles.root is missing");
            if (!rootRole.TryGetProperty("threshold", out var thresholdElement) || !thresholdElement.TryGetInt32(out var threshold) || threshold < 1)
                throw Malformed($"{name}: roles.root.threshold is not a positive integer");
            if (!rootRole.TryGetProperty("keyids", out var keyIdsElement) || keyIdsElement.ValueKind != JsonValueKind.Array)
                throw Malformed($"{name}: roles.root.keyids is missing");
            var keyIds = keyIdsElement.EnumerateArray().Select(k => k.GetString() ?? "").Distinct().ToList();

            var signatures = new List<(string, byte[])>();
            foreach (var s in signaturesElement.EnumerateArray())
            {
                var keyId = Str(s, "keyid", $"{name}: signatures[]");
                var sig = Str(s, "sig", $"{name}: signatures[]");
                try
                {
                    signatures.Add((keyId, Convert.FromHexString(sig)));
                }
                catch (FormatException)
                {
                    throw Malformed($"{name}: the signature by {keyId} is not hex");
                }
            }
            return new TufRoot(version, expires, keys, keyIds, threshold, signatures, TufCanonicalJson.Serialize(signed));
        }
    }

    /// <summary>
    /// Counts the distinct root keys of <paramref name="signer"/> whose signatures over this metadata verify.
    /// </summary>
    public int CountValidSignatures(TufRoot signer)
    {
        var valid = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyId, signature) in Signatures)
        {
            if (valid.Contains(keyId) || !signer.RootKeyIds.Contains(keyId) || !signer.Keys.TryGetValue(keyId, out var key)) continue;
            if (key.Verify(SignedBytes, signature)) valid.Add(keyId);
        }
        return valid.Count;
    }

    private static string Str(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            throw Malformed($"{path}: '{name}' is missing or not a string");
        return value.GetString()!;
    }

    private static EvidenceVerificationException Malformed(string message) => new(VerificationErrorCodes.MalformedEvidence, message);
}
