using System.Text;
using Conductor.Ledger.Keys;

namespace Conductor.Ledger.Checkpoints;

/// <summary>Signs note text under a key name with a <see cref="SigningKey"/>.</summary>
public sealed class NoteSigner
{
    private readonly SigningKey _key;

    /// <summary>Creates a signer; <paramref name="name"/> must be non-empty without spaces or '+'.</summary>
    public NoteSigner(string name, SigningKey key)
    {
        NoteVerifier.RequireValidName(name);
        Name = name;
        _key = key;
        KeyId = NoteKeyId.Compute(name, key.PublicKey);
    }

    /// <summary>The key name written on the signature line.</summary>
    public string Name { get; }

    /// <summary>The 4-byte key ID written before the signature.</summary>
    public uint KeyId { get; }

    /// <summary>The verifier matching this signer.</summary>
    public NoteVerifier Verifier => new(Name, _key.PublicKey);

    /// <summary>Signs <paramref name="text"/>, which must end in a newline.</summary>
    public NoteSignature Sign(string text)
    {
        if (!text.EndsWith('\n')) throw new ArgumentException("note text must end with a newline", nameof(text));
        return new NoteSignature(Name, KeyId, _key.Sign(Encoding.UTF8.GetBytes(text)));
    }
}
