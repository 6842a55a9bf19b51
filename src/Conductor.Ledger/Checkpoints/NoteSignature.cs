namespace Conductor.Ledger.Checkpoints;

/// <summary>One signature line of a signed note: <c>— KeyName base64(KeyId || Signature)</c>.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature)
{
    /// <summary>The line as it appears in the note, without the trailing newline.</summary>
    public string ToLine()
    {
        var blob = new byte[4 + Signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        Signature.CopyTo(blob, 4);
        return $"{SignedNote.SignaturePrefix}{KeyName} {Convert.ToBase64String(blob)}";
    }
}
