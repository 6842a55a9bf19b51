namespace Conductor.Evidence.Sigstore;

/// <summary>One signature of a DSSE envelope.</summary>
public sealed record DsseSignature(byte[] Signature, string? KeyId);
