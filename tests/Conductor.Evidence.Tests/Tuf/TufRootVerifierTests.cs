using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Evidence.Tuf;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tests.Tuf;

/// <summary>The `tuf-root` verifier plugin: the Sigstore public-good root and root chains signed here.</summary>
public sealed class TufRootVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static byte[] PublicGoodRoot => File.ReadAllBytes(Path.Combine(TestPaths.SigstoreConformance, "public-good-tuf-root.json"));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void ThePublicGoodRootCarriesItsOwnThreshold()
    {
        var verifier = new TufRootVerifier(PublicGoodRoot, new FixedTime(Now));
        var checks = new List<string>();
        var root = verifier.VerifyChain([], checks);
        Assert.Equal(16, root.Version);
        Assert.Equal(3, root.RootThreshold);
        Assert.Equal(5, root.RootKeyIds.Count);
        Assert.True(root.CountValidSignatures(root) >= 3);
        Assert.Equal(["trusted root v16 is signed by 3 of its root keys", "root v16 is valid until 2027-04-22T19:27:31.0000000Z"], checks);
    }

    [Fact]
    public void ThePublicGoodRootExpires()
    {
        var result = new TufRootVerifier(PublicGoodRoot, new FixedTime(new DateTimeOffset(2027, 4, 23, 0, 0, 0, TimeSpan.Zero))).Verify(new VerificationInput());
        Assert.False(result.Verified);
        Assert.Equal(VerificationErrorCodes.Expired, result.Code);
        Assert.Equal("root v16 expired at 2027-04-22T19:27:31.0000000Z", result.Message);
    }

    [Fact]
    public void ATamperedPublicGoodRootLosesItsSignatures()
    {
        var node = JsonNode.Parse(PublicGoodRoot)!;
        node["signed"]!["expires"] = "2099-01-01T00:00:00Z";
        var result = new TufRootVerifier(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()), new FixedTime(Now)).Verify(new VerificationInput());
        Assert.Equal(VerificationErrorCodes.ThresholdNotMet, result.Code);
        Assert.Equal("root v16 has 0 valid signatures by its own root keys; the threshold is 3", result.Message);
    }

    [Fact]
    public void ARotationChainVerifies()
    {
        var keys = Enumerable.Range(0, 4).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var v1 = Root(1, keys[..3], threshold: 2, signers: keys[..3]);
        // v2 rotates key 0 out and key 3 in: signed by two of v1's keys and two of its own.
        var v2 = Root(2, keys[1..4], threshold: 2, signers: [keys[0], keys[1], keys[3]]);
        var v3 = Root(3, keys[1..4], threshold: 2, signers: [keys[2], keys[3]]);
        var checks = new List<string>();
        var newest = new TufRootVerifier(v1, new FixedTime(Now)).VerifyChain([v2, v3], checks);
        Assert.Equal(3, newest.Version);
        Assert.Equal("root v2 is signed by thresholds of v1's and its own root keys", checks[1]);
    }

    [Fact]
    public void TooFewSignaturesByThePreviousRootAreRejected()
    {
        var keys = Enumerable.Range(0, 4).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var v1 = Root(1, keys[..3], threshold: 2, signers: keys[..3]);
        // Signed by only one of v1's keys (key 1) plus the new key: a takeover attempt.
        var v2 = Root(2, [keys[1], keys[3]], threshold: 2, signers: [keys[1], keys[3]]);
        var result = new TufRootVerifier(v1, new FixedTime(Now)).Verify(new VerificationInput { Documents = [v2] });
        Assert.Equal(VerificationErrorCodes.ThresholdNotMet, result.Code);
        Assert.Equal("root v2 has 1 valid signatures by v1's root keys; the threshold is 2", result.Message);
    }

    [Fact]
    public void TooFewSignaturesByTheNewRootAreRejected()
    {
        var keys = Enumerable.Range(0, 4).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var v1 = Root(1, keys[..3], threshold: 2, signers: keys[..3]);
        var v2 = Root(2, keys[1..4], threshold: 3, signers: [keys[0], keys[1]]);
        var result = new TufRootVerifier(v1, new FixedTime(Now)).Verify(new VerificationInput { Documents = [v2] });
        Assert.Equal(VerificationErrorCodes.ThresholdNotMet, result.Code);
        Assert.Equal("root v2 has 1 valid signatures by its own root keys; the threshold is 3", result.Message);
    }

    [Fact]
    public void VersionsMustIncreaseByOne()
    {
        var keys = Enumerable.Range(0, 2).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var v1 = Root(1, keys, threshold: 1, signers: keys);
        var v3 = Root(3, keys, threshold: 1, signers: keys);
        var result = new TufRootVerifier(v1, new FixedTime(Now)).Verify(new VerificationInput { Documents = [v3] });
        Assert.Equal(VerificationErrorCodes.TrustRootInvalid, result.Code);
        Assert.Equal("root update 1 has version 3; after v1 the next version must be 2", result.Message);
        var replay = new TufRootVerifier(v1, new FixedTime(Now)).Verify(new VerificationInput { Documents = [v1] });
        Assert.Equal(VerificationErrorCodes.TrustRootInvalid, replay.Code);
    }

    [Fact]
    public void AnExpiredNewestRootIsRejected()
    {
        var keys = Enumerable.Range(0, 2).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToArray();
        var v1 = Root(1, keys, threshold: 1, signers: keys);
        var v2 = Root(2, keys, threshold: 1, signers: keys, expires: "2026-01-01T00:00:00Z");
        var result = new TufRootVerifier(v1, new FixedTime(Now)).Verify(new VerificationInput { Documents = [v2] });
        Assert.Equal(VerificationErrorCodes.Expired, result.Code);
    }

    [Fact]
    public void MalformedMetadataGetsAClearError()
    {
        var result = new TufRootVerifier("{\"signed\": 1}"u8.ToArray(), new FixedTime(Now)).Verify(new VerificationInput());
        Assert.Equal(VerificationErrorCodes.MalformedEvidence, result.Code);
        Assert.Equal("trusted root has no 'signed' object", result.Message);
    }

    [Fact]
    public void CanonicalJsonSortsKeysAndEscapesOnlyQuotesAndBackslashes()
    {
        using var doc = JsonDocument.Parse("{\"b\": [1, true, null], \"a\": \"x\\\"y\\\\z\\u00e9\\n\"}");
        Assert.Equal("{\"a\":\"x\\\"y\\\\z\u00e9\n\",\"b\":[1,true,null]}", System.Text.Encoding.UTF8.GetString(TufCanonicalJson.Serialize(doc.RootElement)));
    }

    private static byte[] Root(int version, ECDsa[] keys, int threshold, ECDsa[] signers, string expires = "2030-01-01T00:00:00Z")
    {
        var keyObject = new JsonObject();
        var ids = new JsonArray();
        foreach (var key in keys)
        {
            var id = KeyId(key);
            keyObject[id] = new JsonObject
            {
                ["keytype"] = "ecdsa",
                ["scheme"] = "ecdsa-sha2-nistp256",
                ["keyval"] = new JsonObject { ["public"] = key.ExportSubjectPublicKeyInfoPem() + "\n" },
            };
            ids.Add(id);
        }
        var signed = new JsonObject
        {
            ["_type"] = "root",
            ["spec_version"] = "1.0",
            ["version"] = version,
            ["expires"] = expires,
            ["consistent_snapshot"] = true,
            ["keys"] = keyObject,
            ["roles"] = new JsonObject { ["root"] = new JsonObject { ["keyids"] = ids, ["threshold"] = threshold } },
        };
        using var doc = JsonDocument.Parse(signed.ToJsonString());
        var canonical = TufCanonicalJson.Serialize(doc.RootElement);
        var signatures = new JsonArray();
        foreach (var signer in signers)
            signatures.Add(new JsonObject
            {
                ["keyid"] = KeyId(signer),
                ["sig"] = Convert.ToHexStringLower(signer.SignData(canonical, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
            });
        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["signed"] = signed, ["signatures"] = signatures }.ToJsonString());
    }

    private static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
}
