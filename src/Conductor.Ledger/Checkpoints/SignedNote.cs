using System.Text;

namespace Conductor.Ledger.Checkpoints;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line, then one or more
/// signature lines. <see cref="Text"/> is what the signatures cover, including its final newline.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>Em dash and space that open every signature line.</summary>
    public const string SignaturePrefix = "\u2014 ";

    /// <summary>Notes larger than this are rejected before parsing; real checkpoints are a few hundred bytes.</summary>
    public const int MaxNoteBytes = 1 << 20;

    /// <summary>Most signature lines accepted (the spec asks for at least 16).</summary>
    public const int MaxSignatures = 100;

    /// <summary>The note as text: body, blank line, signature lines each ending in a newline.</summary>
    public string Format()
    {
        var sb = new StringBuilder(Text).Append('\n');
        foreach (var s in Signatures) sb.Append(s.ToLine()).Append('\n');
        return sb.ToString();
    }

    /// <summary>Parses a signed note; throws <see cref="LedgerException"/> (<see cref="LedgerErrorCodes.CheckpointMalformed"/>) naming the bad line.</summary>
    public static SignedNote Parse(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) > MaxNoteBytes) throw Malformed($"note is larger than {MaxNoteBytes} bytes");
        for (var i = 0; i < note.Length; i++)
        {
            if (note[i] < 0x20 && note[i] != '\n') throw Malformed($"note contains control character 0x{(int)note[i]:x2} at offset {i}");
            if (char.IsSurrogate(note[i]) && !(char.IsHighSurrogate(note[i]) && i + 1 < note.Length && char.IsLowSurrogate(note[i + 1])))
                throw Malformed($"note is not valid UTF-8 text at offset {i}");
            if (char.IsHighSurrogate(note[i])) i++;
        }
        if (!note.EndsWith('\n')) throw Malformed("note does not end with a newline (truncated?)");
        // The text is separated from the signatures by the last blank line.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) throw Malformed("note has no blank line before its signatures (truncated?)");
        var text = note[..(split + 1)];
        var sigBlock = note[(split + 2)..];
        if (sigBlock.Length == 0) throw Malformed("note has no signature lines (truncated?)");
        var lines = sigBlock[..^1].Split('\n');
        if (lines.Length > MaxSignatures) throw Malformed($"note has more than {MaxSignatures} signatures");
        var textLineCount = text.Count(c => c == '\n') + 1;
        var signatures = new List<NoteSignature>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            signatures.Add(ParseSignatureLine(lines[i], textLineCount + i + 1));
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature ParseSignatureLine(string line, int lineNumber)
    {
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            throw Malformed($"line {lineNumber}: signature line must start with an em dash and a space");
        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ');
        if (space <= 0) throw Malformed($"line {lineNumber}: signature line needs a key name and a signature");
        var name = rest[..space];
        if (name.Contains('+') || name.Any(char.IsWhiteSpace)) throw Malformed($"line {lineNumber}: key name '{name}' contains a space or '+'");
        var encoded = rest[(space + 1)..];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw Malformed($"line {lineNumber}: signature is not valid base64");
        }
        // Convert accepts embedded whitespace; the format does not.
        if (encoded.Any(char.IsWhiteSpace)) throw Malformed($"line {lineNumber}: signature is not valid base64");
        if (blob.Length < 5) throw Malformed($"line {lineNumber}: signature is too short ({blob.Length} bytes)");
        var keyId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob);
        return new NoteSignature(name, keyId, blob[4..]);
    }

    private static LedgerException Malformed(string message) => new(LedgerErrorCodes.CheckpointMalformed, message);
}
