using System.Security.Cryptography;
using System.Text;
using Conductor.Evidence.Keys;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Tests.Keys;

/// <summary>The `key` verifier plugin with keys and signatures made by openssl.</summary>
public sealed class PublicKeyVerifierTests
{
    public static TheoryData<string, string[], string[]> Schemes => new()
    {
        // name, key generation, signing options (openssl dgst/pkeyutl)
        { "ecdsa-p256", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], ["dgst", "-sha256"] },
        { "ecdsa-p384", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], ["dgst", "-sha384"] },
        { "rsa-pkcs1", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], ["dgst", "-sha256"] },
        { "rsa-pss", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], ["dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1"] },
        { "ed25519", ["genpkey", "-algorithm", "ED25519"], ["pkeyutl", "-rawin"] },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void OpensslSignaturesVerifyAndTamperingIsCaught(string name, string[] keygen, string[] sign)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("artifact"), Encoding.UTF8.GetBytes($"release artifact for {name}\n"));
        OpenSsl.Run(dir.Path, [.. keygen, "-out", "key.pem"]);
        OpenSsl.Run(dir.Path, "pkey", "-in", "key.pem", "-pubout", "-out", "key.pub");
        if (sign[0] == "dgst") OpenSsl.Run(dir.Path, [.. sign, "-sign", "key.pem", "-out", "artifact.sig", "artifact"]);
        else OpenSsl.Run(dir.Path, [.. sign, "-sign", "-inkey", "key.pem", "-in", "artifact", "-out", "artifact.sig"]);

        var key = PublicKey.FromPem(File.ReadAllText(dir.File("key.pub")));
        var options = name == "rsa-pss" ? new SignatureOptions(HashAlgorithmName.SHA256, RSASignaturePadding.Pss) : null;
        var verifier = new PublicKeyVerifier(key, options);
        var signature = File.ReadAllBytes(dir.File("artifact.sig"));

        var ok = verifier.Verify(new VerificationInput { Artifact = ArtifactReference.FromFile(dir.File("artifact")), Signature = signature });
        Assert.True(ok.Verified, ok.Message);
        Assert.Equal([$"signature verifies with the {key.Algorithm} key"], ok.Checks);

        var tamperedArtifact = File.ReadAllBytes(dir.File("artifact"));
        tamperedArtifact[0] ^= 1;
        var bad = verifier.Verify(new VerificationInput { Artifact = ArtifactReference.FromBytes(tamperedArtifact), Signature = signature });
        Assert.False(bad.Verified);
        Assert.Equal(VerificationErrorCodes.SignatureInvalid, bad.Code);

        var tamperedSignature = (byte[])signature.Clone();
        tamperedSignature[^1] ^= 1;
        var badSignature = verifier.Verify(new VerificationInput { Artifact = ArtifactReference.FromFile(dir.File("artifact")), Signature = tamperedSignature });
        Assert.False(badSignature.Verified);
        Assert.Equal(VerificationErrorCodes.SignatureInvalid, badSignature.Code);
    }

    [Fact]
    public void KeyAlgorithmsAreRecognised()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal(PublicKeyAlgorithm.EcdsaP384, PublicKey.FromPem(ec.ExportSubjectPublicKeyInfoPem()).Algorithm);
        using var rsa = RSA.Create(2048);
        Assert.Equal(PublicKeyAlgorithm.Rsa, PublicKey.FromPem(rsa.ExportRSAPublicKeyPem()).Algorithm);
        Assert.Equal(PublicKeyAlgorithm.Rsa, PublicKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem()).Algorithm);
    }

    [Fact]
    public void Ed25519NeedsTheMessageNotItsDigest()
    {
        using var dir = new TempDirectory();
        OpenSsl.Run(dir.Path, "genpkey", "-algorithm", "ED25519", "-out", "key.pem");
        OpenSsl.Run(dir.Path, "pkey", "-in", "key.pem", "-pubout", "-out", "key.pub");
        var verifier = new PublicKeyVerifier(PublicKey.FromPem(File.ReadAllText(dir.File("key.pub"))));
        var result = verifier.Verify(new VerificationInput { Artifact = ArtifactReference.FromSha256(new byte[32]), Signature = new byte[64] });
        Assert.False(result.Verified);
        Assert.Equal(VerificationErrorCodes.MissingInput, result.Code);
    }

    [Fact]
    public void BadKeysGetClearErrors()
    {
        var none = Assert.Throws<EvidenceVerificationException>(() => PublicKey.FromPem("not a key"));
        Assert.Equal(VerificationErrorCodes.MalformedEvidence, none.Code);
        var garbage = Assert.Throws<EvidenceVerificationException>(() => PublicKey.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
        Assert.Equal(VerificationErrorCodes.MalformedEvidence, garbage.Code);
        var wrongLabel = Assert.Throws<EvidenceVerificationException>(() => PublicKey.FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        Assert.Equal(VerificationErrorCodes.UnsupportedEvidence, wrongLabel.Code);
    }

    [Fact]
    public void TheRegistryDispatchesByName()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "hello"u8.ToArray();
        var registry = new VerifierRegistry().Add(new PublicKeyVerifier(PublicKey.FromPem(ec.ExportSubjectPublicKeyInfoPem())));
        Assert.Equal(["key"], registry.Names);
        var input = new VerificationInput { Artifact = ArtifactReference.FromBytes(data), Signature = ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) };
        Assert.True(registry.Verify("key", input).Verified);
        var unknown = registry.Verify("pgp", input);
        Assert.False(unknown.Verified);
        Assert.Equal("no verifier named 'pgp' is registered", unknown.Message);
    }
}
