using System.Globalization;
using System.Text;
using Conductor.Ledger.Merkle;

namespace Conductor.Ledger.Checkpoints;

/// <summary>
/// A tree head in the c2sp.org/tlog-checkpoint format: origin line, decimal tree size, base64 root hash, then
/// optional extension lines. Signed as the text of a <see cref="SignedNote"/>.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    /// <summary>The note text: the checkpoint lines, each ending in a newline.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(Origin).Append('\n');
        sb.Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var e in Extensions) sb.Append(e).Append('\n');
        return sb.ToString();
    }

    /// <summary>Signs this checkpoint and returns the full signed note.</summary>
    public string Sign(params NoteSigner[] signers)
    {
        if (signers.Length == 0) throw new ArgumentException("at least one signer is needed", nameof(signers));
        var text = ToText();
        return new SignedNote(text, signers.Select(s => s.Sign(text)).ToList()).Format();
    }

    /// <summary>Parses a signed checkpoint, verifies it against <paramref name="verifiers"/>, and returns it.</summary>
    public static Checkpoint Open(string signedNote, IReadOnlyList<NoteVerifier> verifiers) =>
        ParseText(NoteVerifier.Open(SignedNote.Parse(signedNote), verifiers));

    /// <summary>Parses checkpoint text (the body of a note). Does not check any signature.</summary>
    public static Checkpoint ParseText(string text)
    {
        if (!text.EndsWith('\n')) throw Malformed("checkpoint text must end with a newline");
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3) throw Malformed($"checkpoint needs an origin, a size and a root hash line; found {lines.Length} line(s) (truncated?)");
        var origin = lines[0];
        if (origin.Length == 0) throw Malformed("line 1: origin is empty");
        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Any(c => c is < '0' or > '9') || (sizeText.Length > 1 && sizeText[0] == '0') ||
            !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw Malformed($"line 2: tree size '{sizeText}' is not a decimal number without leading zeros");
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw Malformed("line 3: root hash is not valid base64");
        }
        if (root.Length != MerkleHash.Size) throw Malformed($"line 3: root hash must be {MerkleHash.Size} bytes, got {root.Length}");
        for (var i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) throw Malformed($"line {i + 1}: extension lines must not be empty");
        }
        return new Checkpoint(origin, size, root, lines[3..]);
    }

    private static LedgerException Malformed(string message) => new(LedgerErrorCodes.CheckpointMalformed, message);
}
