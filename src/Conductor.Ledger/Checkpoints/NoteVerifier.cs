using System.Text;
using Conductor.Ledger.Keys;

namespace Conductor.Ledger.Checkpoints;

/// <summary>
/// A trusted key for signed notes: a key name and a public key. Opening a note requires a valid signature from
/// one of the given verifiers; lines from other keys are ignored, and a failing line from a trusted key rejects the note.
/// </summary>
public sealed class NoteVerifier
{
    /// <summary>Creates a verifier for signatures made by <paramref name="key"/> under <paramref name="name"/>.</summary>
    public NoteVerifier(string name, VerificationKey key)
    {
        RequireValidName(name);
        Name = name;
        Key = key;
        KeyId = NoteKeyId.Compute(name, key);
    }

    /// <summary>The key name expected on signature lines.</summary>
    public string Name { get; }

    /// <summary>The public key.</summary>
    public VerificationKey Key { get; }

    /// <summary>The key ID expected on signature lines.</summary>
    public uint KeyId { get; }

    /// <summary>
    /// Verifies <paramref name="note"/> and returns its text. Throws <see cref="LedgerException"/>:
    /// <see cref="LedgerErrorCodes.CheckpointBadSignature"/> when a trusted key's signature fails,
    /// <see cref="LedgerErrorCodes.CheckpointUnknownKey"/> when no line comes from a trusted key (including a line with
    /// a trusted name but a different key hash).
    /// </summary>
    public static string Open(SignedNote note, IReadOnlyList<NoteVerifier> verifiers)
    {
        if (verifiers.Count == 0) throw new ArgumentException("at least one verifier is needed", nameof(verifiers));
        var data = Encoding.UTF8.GetBytes(note.Text);
        var verified = false;
        var sameNameOtherId = new List<string>();
        foreach (var sig in note.Signatures)
        {
            foreach (var v in verifiers)
            {
                if (v.Name != sig.KeyName) continue;
                if (v.KeyId != sig.KeyId)
                {
                    sameNameOtherId.Add($"{sig.KeyName} has key hash {sig.KeyId:x8}, expected {v.KeyId:x8}");
                    continue;
                }
                if (!v.Key.Verify(data, sig.Signature))
                    throw new LedgerException(LedgerErrorCodes.CheckpointBadSignature, $"signature by '{sig.KeyName}' (key hash {sig.KeyId:x8}) does not verify");
                verified = true;
            }
        }
        if (verified) return note.Text;
        var names = string.Join(", ", verifiers.Select(v => $"'{v.Name}' ({v.KeyId:x8})"));
        var detail = sameNameOtherId.Count > 0 ? $"; wrong key hash: {string.Join("; ", sameNameOtherId)}" : "";
        throw new LedgerException(LedgerErrorCodes.CheckpointUnknownKey, $"note has no signature from the trusted key {names}{detail}");
    }

    internal static void RequireValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('+') || name.Any(char.IsWhiteSpace))
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"key name '{name}' must be non-empty with no spaces or '+'");
    }
}
