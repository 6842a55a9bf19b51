using System.Text;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;

namespace Conductor.Ledger.Tests;

public class CheckpointTests
{
    private static readonly byte[] Root = Convert.FromHexString("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");

    [Theory]
    [InlineData(KeyType.EcdsaP256)]
    [InlineData(KeyType.Ed25519)]
    public void SignedCheckpointHasTheC2spLayoutAndVerifies(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var signer = new NoteSigner("example.com/log", key);
        var note = new Checkpoint("example.com/log", 7, Root, ["ext one"]).Sign(signer);
        var lines = note.Split('\n');
        Assert.Equal("example.com/log", lines[0]);
        Assert.Equal("7", lines[1]);
        Assert.Equal(Convert.ToBase64String(Root), lines[2]);
        Assert.Equal("ext one", lines[3]);
        Assert.Equal("", lines[4]);
        Assert.StartsWith("\u2014 example.com/log ", lines[5]);
        Assert.Equal("", lines[6]);
        Assert.Equal(7, lines.Length);
        var blob = Convert.FromBase64String(lines[5].Split(' ')[2]);
        Assert.Equal(signer.KeyId, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob));

        var opened = Checkpoint.Open(note, [signer.Verifier]);
        Assert.Equal(7, opened.Size);
        Assert.Equal(Root, opened.RootHash);
        Assert.Equal(["ext one"], opened.Extensions);
    }

    [Fact]
    public void Ed25519KeyIdFollowsTheSignedNoteSpec()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var expected = System.Security.Cryptography.SHA256.HashData([.. Encoding.UTF8.GetBytes("a.example/k"), 0x0A, 0x01, .. key.PublicKey.RawPublicKey]);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(expected), NoteKeyId.Compute("a.example/k", key.PublicKey));
        using var ec = SigningKey.Generate(KeyType.EcdsaP256);
        var spkiHash = System.Security.Cryptography.SHA256.HashData(ec.PublicKey.SubjectPublicKeyInfo);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(spkiHash), NoteKeyId.Compute("any", ec.PublicKey));
    }

    [Fact]
    public void Ed25519SignatureMatchesRfc8032TestVector()
    {
        // RFC 8032 §7.1 TEST 1: secret key 9d61..., empty message.
        var pkcs8 = Convert.FromHexString("302e020100300506032b657004220420" + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        using var key = SigningKey.FromPem(System.Security.Cryptography.PemEncoding.WriteString("PRIVATE KEY", pkcs8));
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(key.PublicKey.RawPublicKey));
        Assert.Equal("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Convert.ToHexStringLower(key.Sign([])));
    }

    [Fact]
    public void UnknownKeyIsRejected()
    {
        using var key = SigningKey.Generate(KeyType.EcdsaP256);
        using var other = SigningKey.Generate(KeyType.EcdsaP256);
        var note = new Checkpoint("o", 1, Root, []).Sign(new NoteSigner("o", key));
        var e = Assert.Throws<LedgerException>(() => Checkpoint.Open(note, [new NoteVerifier("p", other.PublicKey)]));
        Assert.Equal(LedgerErrorCodes.CheckpointUnknownKey, e.Code);
    }

    [Fact]
    public void WrongKeyHashIsRejected()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = new NoteSigner("o", key);
        var note = new Checkpoint("o", 1, Root, []).Sign(signer);
        var line = note.Split('\n')[4];
        var blob = Convert.FromBase64String(line.Split(' ')[2]);
        blob[0] ^= 0xFF;
        var tampered = note.Replace(line, $"\u2014 o {Convert.ToBase64String(blob)}");
        var e = Assert.Throws<LedgerException>(() => Checkpoint.Open(tampered, [signer.Verifier]));
        Assert.Equal(LedgerErrorCodes.CheckpointUnknownKey, e.Code);
        Assert.Contains("wrong key hash", e.Message);
        // Same key under another name: the key ID (which covers the name) does not match either.
        Assert.Equal(LedgerErrorCodes.CheckpointUnknownKey,
            Assert.Throws<LedgerException>(() => Checkpoint.Open(note, [new NoteVerifier("other", key.PublicKey)])).Code);
    }

    [Theory]
    [InlineData(KeyType.EcdsaP256)]
    [InlineData(KeyType.Ed25519)]
    public void BadSignatureOrChangedTextIsRejected(KeyType type)
    {
        using var key = SigningKey.Generate(type);
        var signer = new NoteSigner("o", key);
        var note = new Checkpoint("o", 10, Root, []).Sign(signer);
        var changed = note.Replace("\n10\n", "\n11\n");
        Assert.Equal(LedgerErrorCodes.CheckpointBadSignature, Assert.Throws<LedgerException>(() => Checkpoint.Open(changed, [signer.Verifier])).Code);
        var line = note.Split('\n')[4];
        var blob = Convert.FromBase64String(line.Split(' ')[2]);
        blob[^1] ^= 1;
        var badSig = note.Replace(line, $"\u2014 o {Convert.ToBase64String(blob)}");
        Assert.Equal(LedgerErrorCodes.CheckpointBadSignature, Assert.Throws<LedgerException>(() => Checkpoint.Open(badSig, [signer.Verifier])).Code);
    }

    [Fact]
    public void SignaturesFromOtherKeysAreIgnored()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        using var witness = SigningKey.Generate(KeyType.EcdsaP256);
        var signer = new NoteSigner("o", key);
        var note = new Checkpoint("o", 3, Root, []).Sign(new NoteSigner("witness.example", witness), signer);
        Assert.Equal(3, Checkpoint.Open(note, [signer.Verifier]).Size);
    }

    public static TheoryData<string, string> MalformedNotes() => new()
    {
        { "o\n5\n", "no blank line" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n", "no signature lines" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n\u2014 o AAAA", "does not end with a newline" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n\u2014 o !!!\n", "not valid base64" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n- o AAAAAAAA\n", "em dash" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n\u2014 o AAA=\n", "too short" },
        { "o\n5\r\nbjQL\n\n\u2014 o AAAAAAAA\n", "control character" },
    };

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void MalformedNotesAreClearErrors(string note, string expected)
    {
        var e = Assert.Throws<LedgerException>(() => SignedNote.Parse(note));
        Assert.Equal(LedgerErrorCodes.CheckpointMalformed, e.Code);
        Assert.Contains(expected, e.Message);
    }

    public static TheoryData<string, string> MalformedCheckpointTexts() => new()
    {
        { "o\n5\n", "found 2 line(s)" },
        { "o\n05\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n", "leading zeros" },
        { "o\n-1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n", "line 2" },
        { "o\n99999999999999999999\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n", "line 2" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhev\n", "32 bytes" },
        { "o\n5\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\nx\n", "must not be empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedCheckpointTexts))]
    public void MalformedCheckpointTextsAreClearErrors(string text, string expected)
    {
        var e = Assert.Throws<LedgerException>(() => Checkpoint.ParseText(text));
        Assert.Equal(LedgerErrorCodes.CheckpointMalformed, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EveryTruncationOfASignedCheckpointIsRejected()
    {
        using var key = SigningKey.Generate(KeyType.Ed25519);
        var signer = new NoteSigner("o", key);
        var note = new Checkpoint("o", 5, Root, []).Sign(signer);
        for (var cut = 0; cut < note.Length; cut++)
        {
            var e = Assert.Throws<LedgerException>(() => Checkpoint.Open(note[..cut], [signer.Verifier]));
            Assert.Contains(e.Code, new[] { LedgerErrorCodes.CheckpointMalformed, LedgerErrorCodes.CheckpointUnknownKey, LedgerErrorCodes.CheckpointBadSignature });
        }
    }
}
