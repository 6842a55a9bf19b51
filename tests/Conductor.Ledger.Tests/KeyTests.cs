using Conductor.Ledger.Keys;

namespace Conductor.Ledger.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(KeyType.EcdsaP256)]
    [InlineData(KeyType.Ed25519)]
    public void KeysRoundTripThroughPemFiles(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var priv = _temp.File($"{type}.key");
        var pub = _temp.File($"{type}.pub");
        KeyFiles.WritePrivateKey(priv, key);
        KeyFiles.WritePublicKey(pub, key.PublicKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(priv));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(priv));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(pub));

        using var loaded = KeyFiles.ReadSigningKey(priv);
        var publicKey = KeyFiles.ReadVerificationKey(pub);
        Assert.Equal(type, loaded.Type);
        Assert.Equal(key.PublicKey.SubjectPublicKeyInfo, publicKey.SubjectPublicKeyInfo);
        var sig = loaded.Sign("hello"u8);
        Assert.True(publicKey.Verify("hello"u8, sig));
        Assert.False(publicKey.Verify("hellp"u8, sig));
        Assert.False(publicKey.Verify("hello"u8, sig[..^1]));
    }

    [Fact]
    public void PrivateKeyReadableByOthersIsRefused()
    {
        using var key = SigningKey.Generate(KeyType.EcdsaP256);
        var priv = _temp.File("open.key");
        KeyFiles.WritePrivateKey(priv, key);
        File.SetUnixFileMode(priv, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var e = Assert.Throws<LedgerException>(() => KeyFiles.ReadSigningKey(priv));
        Assert.Equal(LedgerErrorCodes.KeyInvalid, e.Code);
        Assert.Contains("accessible by others (mode 0604)", e.Message);
    }

    [Fact]
    public void ExistingKeyFilesAreNotOverwritten()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var priv = _temp.File("k.key");
        KeyFiles.WritePrivateKey(priv, key);
        var e = Assert.Throws<LedgerException>(() => KeyFiles.WritePrivateKey(priv, key));
        Assert.Contains("already exists", e.Message);
    }

    [Theory]
    [InlineData("not a pem", "no PEM block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "expected a 'PRIVATE KEY'")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not valid DER")]
    public void MalformedPrivateKeysAreClearErrors(string pem, string expected)
    {
        var e = Assert.Throws<LedgerException>(() => SigningKey.FromPem(pem));
        Assert.Equal(LedgerErrorCodes.KeyInvalid, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OtherCurvesAreRefused()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var e = Assert.Throws<LedgerException>(() => SigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("not on curve P-256", e.Message);
        var e2 = Assert.Throws<LedgerException>(() => VerificationKey.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
        Assert.Contains("not on curve P-256", e2.Message);
    }

    [Fact]
    public void SecOneEcPrivateKeysAreAccepted()
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.FromPem(ec.ExportECPrivateKeyPem());
        Assert.Equal(ec.ExportSubjectPublicKeyInfo(), key.PublicKey.SubjectPublicKeyInfo);
    }

    public void Dispose() => _temp.Dispose();
}
