using System.Globalization;
using System.Text;
using Conductor.Evidence.Keys;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// A transparency-log checkpoint in the signed-note format (C2SP tlog-checkpoint / signed-note): origin, tree
/// size and root hash, then signature lines <c>— name base64(keyhint‖signature)</c>. Lines from unknown keys
/// (witness cosignatures, other keys of the same origin) are ignored; at least one line from the log must verify.
/// Duplicates the checkpoint code in Conductor.Ledger; unify when the ledger's note verifier is public.
/// </summary>
public sealed class Checkpoint
{
    private Checkpoint(string origin, long size, byte[] rootHash, string signedText, IReadOnlyList<(string Name, byte[] KeyHint, byte[] Signature)> signatures)
    {
        Origin = origin;
        TreeSize = size;
        RootHash = rootHash;
        SignedText = signedText;
        Signatures = signatures;
    }

    /// <summary>The log's origin line, e.g. <c>rekor.sigstore.dev - 2605736670972794746</c>.</summary>
    public string Origin { get; }

    /// <summary>The tree size.</summary>
    public long TreeSize { get; }

    /// <summary>The tree's root hash.</summary>
    public byte[] RootHash { get; }

    /// <summary>The note text the signatures cover (ends with a newline).</summary>
    public string SignedText { get; }

    /// <summary>The signature lines: signer name, 4-byte key hint, signature.</summary>
    public IReadOnlyList<(string Name, byte[] KeyHint, byte[] Signature)> Signatures { get; }

    /// <summary>Parses a signed note; throws <see cref="EvidenceVerificationException"/> naming the bad line.</summary>
    public static Checkpoint Parse(string note)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) throw Invalid("the checkpoint has no blank line before its signatures");
        var text = note[..(split + 1)];
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3) throw Invalid($"the checkpoint body has {lines.Length} lines; origin, size and root hash are required");
        var origin = lines[0];
        if (origin.Length == 0) throw Invalid("the checkpoint origin line is empty");
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw Invalid($"checkpoint line 2 ('{lines[1]}') is not a tree size");
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw Invalid($"checkpoint line 3 ('{lines[2]}') is not a base64 root hash");
        }
        if (root.Length != 32) throw Invalid($"the checkpoint root hash is {root.Length} bytes, not 32");

        var signatures = new List<(string, byte[], byte[])>();
        var signatureLines = note[(split + 2)..].Split('\n');
        for (var i = 0; i < signatureLines.Length; i++)
        {
            var line = signatureLines[i];
            if (line.Length == 0 && i == signatureLines.Length - 1) break;
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal)) throw Invalid($"checkpoint signature line {i + 1} does not start with '\u2014 '");
            var rest = line[2..];
            var space = rest.IndexOf(' ');
            if (space <= 0) throw Invalid($"checkpoint signature line {i + 1} has no signer name");
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(rest[(space + 1)..]);
            }
            catch (FormatException)
            {
                throw Invalid($"checkpoint signature line {i + 1} is not base64");
            }
            if (blob.Length < 5) throw Invalid($"checkpoint signature line {i + 1} is too short");
            signatures.Add((rest[..space], blob[..4], blob[4..]));
        }
        if (signatures.Count == 0) throw Invalid("the checkpoint has no signatures");
        return new Checkpoint(origin, size, root, text, signatures);
    }

    /// <summary>
    /// Verifies that a signature line named <paramref name="name"/> with key hint <paramref name="keyHint"/>
    /// verifies with <paramref name="key"/>. Other lines are ignored.
    /// </summary>
    public void VerifySignedBy(string name, ReadOnlySpan<byte> keyHint, PublicKey key)
    {
        var candidates = 0;
        var data = Encoding.UTF8.GetBytes(SignedText);
        foreach (var (signer, hint, signature) in Signatures)
        {
            if (signer != name || !hint.AsSpan().SequenceEqual(keyHint)) continue;
            candidates++;
            if (key.VerifyData(data, signature)) return;
        }
        throw candidates == 0
            ? Invalid($"the checkpoint has no signature from '{name}' with key hint {Convert.ToHexStringLower(keyHint)}")
            : Invalid($"the checkpoint signature from '{name}' does not verify with the log's key");
    }

    private static EvidenceVerificationException Invalid(string message) => new(VerificationErrorCodes.CheckpointInvalid, message);
}
