using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Conductor.Evidence.Keys;
using PublicKey = Conductor.Evidence.Keys.PublicKey;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>A parsed Sigstore bundle (media types v0.1, v0.2 and v0.3).</summary>
public sealed class SigstoreBundle
{
    private SigstoreBundle(string mediaType, string version) { MediaType = mediaType; Version = version; }

    /// <summary>The bundle's media type.</summary>
    public string MediaType { get; }

    /// <summary>The bundle format version: <c>0.1</c>, <c>0.2</c> or <c>0.3</c>.</summary>
    public string Version { get; private set; }

    /// <summary>The signing certificate and any chain the bundle carries, leaf first; empty for key-signed bundles.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; private set; } = [];

    /// <summary>True when the bundle is signed with a managed key (verification material <c>publicKey</c>).</summary>
    public bool SignedWithKey { get; private set; }

    /// <summary>The managed key's hint, if given.</summary>
    public string? PublicKeyHint { get; private set; }

    /// <summary>The transparency log entries.</summary>
    public IReadOnlyList<TransparencyLogEntry> TlogEntries { get; private set; } = [];

    /// <summary>RFC 3161 timestamp responses (or tokens) over the signature.</summary>
    public IReadOnlyList<byte[]> Rfc3161Timestamps { get; private set; } = [];

    /// <summary>The message signature, when the bundle signs the artifact directly.</summary>
    public MessageSignature? MessageSignature { get; private set; }

    /// <summary>The DSSE envelope, when the bundle signs an attestation.</summary>
    public DsseEnvelope? DsseEnvelope { get; private set; }

    /// <summary>The signature bytes that timestamps and log entries refer to.</summary>
    public byte[] SignatureBytes => MessageSignature?.Signature ?? DsseEnvelope!.Signatures[0].Signature;

    /// <summary>Parses a bundle; throws <see cref="EvidenceVerificationException"/> naming the malformed member.</summary>
    public static SigstoreBundle Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MalformedEvidence, $"bundle is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw JsonFields.Malformed("bundle is not a JSON object");
            var mediaType = JsonFields.String(root, "mediaType", "$");
            var version = mediaType switch
            {
                "application/vnd.dev.sigstore.bundle+json;version=0.1" => "0.1",
                "application/vnd.dev.sigstore.bundle+json;version=0.2" => "0.2",
                "application/vnd.dev.sigstore.bundle+json;version=0.3" => "0.3",
                "application/vnd.dev.sigstore.bundle.v0.3+json" => "0.3",
                _ => throw new EvidenceVerificationException(VerificationErrorCodes.UnsupportedEvidence, $"bundle media type '{mediaType}' is not supported (v0.1 to v0.3 are)"),
            };
            var bundle = new SigstoreBundle(mediaType, version);
            bundle.ReadMaterial(JsonFields.Object(root, "verificationMaterial", "$"));
            bundle.ReadContent(root);
            return bundle;
        }
    }

    private void ReadMaterial(JsonElement material)
    {
        const string path = "$.verificationMaterial";
        var chain = JsonFields.OptionalObject(material, "x509CertificateChain", path);
        var single = JsonFields.OptionalObject(material, "certificate", path);
        var key = JsonFields.OptionalObject(material, "publicKey", path);
        var kinds = (chain is null ? 0 : 1) + (single is null ? 0 : 1) + (key is null ? 0 : 1);
        if (kinds != 1) throw JsonFields.Malformed($"{path} must hold exactly one of x509CertificateChain, certificate, publicKey");
        if (chain is not null)
        {
            var certificates = new List<X509Certificate2>();
            var index = 0;
            foreach (var cert in JsonFields.Array(chain.Value, "certificates", path + ".x509CertificateChain", optional: true))
                certificates.Add(PublicKey.LoadCertificate(JsonFields.Base64(cert, "rawBytes", $"{path}.x509CertificateChain.certificates[{index++}]")));
            if (certificates.Count == 0) throw JsonFields.Malformed($"{path}.x509CertificateChain.certificates is empty");
            Certificates = certificates;
        }
        else if (single is not null)
        {
            Certificates = [PublicKey.LoadCertificate(JsonFields.Base64(single.Value, "rawBytes", path + ".certificate"))];
        }
        else
        {
            SignedWithKey = true;
            PublicKeyHint = JsonFields.OptionalString(key!.Value, "hint", path + ".publicKey");
        }

        var entries = new List<TransparencyLogEntry>();
        var entryIndex = 0;
        foreach (var entry in JsonFields.Array(material, "tlogEntries", path, optional: true))
            entries.Add(ReadEntry(entry, $"{path}.tlogEntries[{entryIndex++}]"));
        TlogEntries = entries;

        var timestamps = new List<byte[]>();
        var data = JsonFields.OptionalObject(material, "timestampVerificationData", path);
        if (data is not null)
        {
            var tsIndex = 0;
            foreach (var ts in JsonFields.Array(data.Value, "rfc3161Timestamps", path + ".timestampVerificationData", optional: true))
                timestamps.Add(JsonFields.Base64(ts, "signedTimestamp", $"{path}.timestampVerificationData.rfc3161Timestamps[{tsIndex++}]"));
        }
        Rfc3161Timestamps = timestamps;
    }

    private static TransparencyLogEntry ReadEntry(JsonElement entry, string path)
    {
        var logIndex = JsonFields.OptionalInt64(entry, "logIndex", path) ?? 0;
        var logId = JsonFields.Base64(JsonFields.Object(entry, "logId", path), "keyId", path + ".logId");
        var kindVersion = JsonFields.Object(entry, "kindVersion", path);
        var kind = JsonFields.String(kindVersion, "kind", path + ".kindVersion");
        var version = JsonFields.String(kindVersion, "version", path + ".kindVersion");
        var integrated = JsonFields.OptionalInt64(entry, "integratedTime", path);
        byte[]? set = null;
        var promise = JsonFields.OptionalObject(entry, "inclusionPromise", path);
        if (promise is not null) set = JsonFields.Base64(promise.Value, "signedEntryTimestamp", path + ".inclusionPromise");
        LogInclusionProof? proof = null;
        var proofElement = JsonFields.OptionalObject(entry, "inclusionProof", path);
        if (proofElement is not null)
        {
            var p = proofElement.Value;
            var proofPath = path + ".inclusionProof";
            var hashes = new List<byte[]>();
            var hashIndex = 0;
            foreach (var hash in JsonFields.Array(p, "hashes", proofPath, optional: true))
            {
                if (hash.ValueKind != JsonValueKind.String) throw JsonFields.Malformed($"{proofPath}.hashes[{hashIndex}] is not a string");
                hashes.Add(JsonFields.DecodeBase64(hash.GetString()!, $"{proofPath}.hashes[{hashIndex++}]"));
            }
            string? checkpoint = null;
            var checkpointElement = JsonFields.OptionalObject(p, "checkpoint", proofPath);
            if (checkpointElement is not null) checkpoint = JsonFields.OptionalString(checkpointElement.Value, "envelope", proofPath + ".checkpoint");
            proof = new LogInclusionProof(
                JsonFields.OptionalInt64(p, "logIndex", proofPath) ?? 0,
                JsonFields.Base64(p, "rootHash", proofPath),
                JsonFields.Int64(p, "treeSize", proofPath),
                hashes,
                checkpoint);
        }
        var body = JsonFields.Base64(entry, "canonicalizedBody", path);
        return new TransparencyLogEntry(logIndex, logId, kind, version, integrated is 0 ? null : integrated, set, proof, body);
    }

    private void ReadContent(JsonElement root)
    {
        var message = JsonFields.OptionalObject(root, "messageSignature", "$");
        var dsse = JsonFields.OptionalObject(root, "dsseEnvelope", "$");
        if ((message is null) == (dsse is null)) throw JsonFields.Malformed("bundle must hold exactly one of messageSignature, dsseEnvelope");
        if (message is not null)
        {
            var m = message.Value;
            string? algorithm = null;
            byte[]? digest = null;
            var digestElement = JsonFields.OptionalObject(m, "messageDigest", "$.messageSignature");
            if (digestElement is not null)
            {
                algorithm = JsonFields.OptionalString(digestElement.Value, "algorithm", "$.messageSignature.messageDigest");
                digest = JsonFields.Base64(digestElement.Value, "digest", "$.messageSignature.messageDigest");
            }
            var signature = JsonFields.Base64(m, "signature", "$.messageSignature");
            if (signature.Length == 0) throw JsonFields.Malformed("$.messageSignature.signature is empty");
            MessageSignature = new MessageSignature(algorithm, digest, signature);
        }
        else
        {
            var d = dsse!.Value;
            var signatures = new List<DsseSignature>();
            var index = 0;
            foreach (var s in JsonFields.Array(d, "signatures", "$.dsseEnvelope"))
            {
                var sigPath = $"$.dsseEnvelope.signatures[{index++}]";
                signatures.Add(new DsseSignature(JsonFields.Base64(s, "sig", sigPath), JsonFields.OptionalString(s, "keyid", sigPath)));
            }
            if (signatures.Count != 1) throw JsonFields.Malformed($"$.dsseEnvelope must have exactly one signature, it has {signatures.Count}");
            DsseEnvelope = new DsseEnvelope(
                JsonFields.Base64(d, "payload", "$.dsseEnvelope"),
                JsonFields.String(d, "payloadType", "$.dsseEnvelope"),
                signatures);
        }
    }
}
