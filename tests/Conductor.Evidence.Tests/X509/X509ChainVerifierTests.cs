using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conductor.Evidence.Verification;
using Conductor.Evidence.X509;

namespace Conductor.Evidence.Tests.X509;

/// <summary>The `x509` verifier plugin: a root, an intermediate and a leaf made with CertificateRequest.</summary>
public sealed class X509ChainVerifierTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Pki(X509Certificate2 Root, X509Certificate2 Intermediate, X509Certificate2 Leaf, ECDsa LeafKey);

    private static Pki MakePki(string rootName = "CN=Test Root")
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var rootRequest = new CertificateRequest(rootName, rootKey, HashAlgorithmName.SHA384);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var root = rootRequest.CreateSelfSigned(Epoch, Epoch.AddYears(10));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest("CN=Test Intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var intermediatePublic = intermediateRequest.Create(root, Epoch, Epoch.AddYears(5), [1]);
        var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=Release Signer", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var leaf = leafRequest.Create(intermediate, Epoch.AddDays(1), Epoch.AddDays(2), [2]);
        return new Pki(X509CertificateLoader.LoadCertificate(root.RawData), X509CertificateLoader.LoadCertificate(intermediate.RawData), leaf, leafKey);
    }

    private static byte[] ChainPem(params X509Certificate2[] certificates) =>
        System.Text.Encoding.ASCII.GetBytes(string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));

    [Fact]
    public void ASignatureByACertifiedKeyVerifiesAtSigningTime()
    {
        var pki = MakePki();
        var artifact = "release 1.0"u8.ToArray();
        var signature = pki.LeafKey.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var verifier = new X509ChainVerifier([pki.Root]);
        var result = verifier.Verify(new VerificationInput
        {
            Artifact = ArtifactReference.FromBytes(artifact),
            Signature = signature,
            Documents = [ChainPem(pki.Leaf, pki.Intermediate)],
            SigningTime = Epoch.AddDays(1).AddHours(12),
        });
        Assert.True(result.Verified, result.Message);
        Assert.Equal("certificate chain of 'CN=Release Signer' (3 certificates) is valid at 2026-01-02T12:00:00.0000000Z", result.Checks[0]);
    }

    [Fact]
    public void ASigningTimeOutsideTheLeafValidityIsRejected()
    {
        var pki = MakePki();
        var artifact = "release 1.0"u8.ToArray();
        var result = new X509ChainVerifier([pki.Root]).Verify(new VerificationInput
        {
            Artifact = ArtifactReference.FromBytes(artifact),
            Signature = pki.LeafKey.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            Documents = [ChainPem(pki.Leaf, pki.Intermediate)],
            SigningTime = Epoch.AddDays(3),
        });
        Assert.False(result.Verified);
        Assert.Equal(VerificationErrorCodes.CertificateInvalid, result.Code);
        Assert.Contains("NotTimeValid", result.Message);
    }

    [Fact]
    public void AnotherRootIsNotTrusted()
    {
        var pki = MakePki();
        var other = MakePki("CN=Other Root");
        var artifact = "release 1.0"u8.ToArray();
        var result = new X509ChainVerifier([other.Root]).Verify(new VerificationInput
        {
            Artifact = ArtifactReference.FromBytes(artifact),
            Signature = pki.LeafKey.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            Documents = [ChainPem(pki.Leaf, pki.Intermediate)],
            SigningTime = Epoch.AddDays(1).AddHours(1),
        });
        Assert.False(result.Verified);
        Assert.Equal(VerificationErrorCodes.CertificateInvalid, result.Code);
    }

    [Fact]
    public void ASignatureByAnotherKeyIsRejected()
    {
        var pki = MakePki();
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var artifact = "release 1.0"u8.ToArray();
        var result = new X509ChainVerifier([pki.Root]).Verify(new VerificationInput
        {
            Artifact = ArtifactReference.FromBytes(artifact),
            Signature = otherKey.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            Documents = [ChainPem(pki.Leaf, pki.Intermediate)],
            SigningTime = Epoch.AddDays(1).AddHours(1),
        });
        Assert.False(result.Verified);
        Assert.Equal(VerificationErrorCodes.SignatureInvalid, result.Code);
    }

    [Fact]
    public void TheSigningTimeIsRequired()
    {
        var pki = MakePki();
        var result = new X509ChainVerifier([pki.Root]).Verify(new VerificationInput
        {
            Artifact = ArtifactReference.FromBytes("x"u8),
            Signature = new byte[] { 1 },
            Documents = [ChainPem(pki.Leaf)],
        });
        Assert.Equal(VerificationErrorCodes.MissingInput, result.Code);
    }
}
