using System.Security.Cryptography;
using System.Text;
using Conductor.Evidence.Sigstore;
using Conductor.Evidence.Verification;
using PublicKey = Conductor.Evidence.Keys.PublicKey;

namespace Conductor.Evidence.Tests.Sigstore;

/// <summary>Signed-note checkpoints: parsing, and which signature lines count.</summary>
public sealed class CheckpointTests
{
    private const string Body = "log.example - 42\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    private static string Line(string name, byte[] hint, byte[] signature) =>
        $"\u2014 {name} {Convert.ToBase64String([.. hint, .. signature])}\n";

    [Fact]
    public void TheLogSignatureVerifiesAmongUnknownLines()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hint = SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4];
        var signature = key.SignData(Encoding.UTF8.GetBytes(Body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var note = Body + "\n"
            + Line("witness.example", [1, 2, 3, 4], new byte[64])
            + Line("log.example", [9, 9, 9, 9], other.SignData(Encoding.UTF8.GetBytes(Body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            + Line("log.example", hint, signature);
        var checkpoint = Checkpoint.Parse(note);
        Assert.Equal("log.example - 42", checkpoint.Origin);
        Assert.Equal(7, checkpoint.TreeSize);
        Assert.Equal(3, checkpoint.Signatures.Count);
        checkpoint.VerifySignedBy("log.example", hint, PublicKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void ABadSignatureFromTheLogIsCaught()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hint = SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4];
        var signature = key.SignData(Encoding.UTF8.GetBytes(Body.Replace("\n7\n", "\n8\n")), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var checkpoint = Checkpoint.Parse(Body + "\n" + Line("log.example", hint, signature));
        var e = Assert.Throws<EvidenceVerificationException>(() => checkpoint.VerifySignedBy("log.example", hint, PublicKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo())));
        Assert.Equal(VerificationErrorCodes.CheckpointInvalid, e.Code);
        Assert.Equal("the checkpoint signature from 'log.example' does not verify with the log's key", e.Message);
    }

    [Theory]
    [InlineData("log.example\n7\n\n\u2014 log.example AAAAAAAA\n", "the checkpoint body has 2 lines; origin, size and root hash are required")]
    [InlineData("log.example\nseven\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 log.example AAAAAAAA\n", "checkpoint line 2 ('seven') is not a tree size")]
    [InlineData("log.example\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "the checkpoint has no blank line before its signatures")]
    [InlineData("log.example\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n", "the checkpoint has no signatures")]
    [InlineData("log.example\n7\nAAAA\n\n\u2014 log.example AAAAAAAA\n", "the checkpoint root hash is 3 bytes, not 32")]
    [InlineData("log.example\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n- log.example AAAAAAAA\n", "checkpoint signature line 1 does not start with '\u2014 '")]
    public void MalformedNotesAreNamed(string note, string message)
    {
        var e = Assert.Throws<EvidenceVerificationException>(() => Checkpoint.Parse(note));
        Assert.Equal(VerificationErrorCodes.CheckpointInvalid, e.Code);
        Assert.Equal(message, e.Message);
    }
}
