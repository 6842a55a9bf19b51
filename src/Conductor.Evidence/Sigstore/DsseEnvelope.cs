using System.Globalization;
using System.Text;

namespace Conductor.Evidence.Sigstore;

/// <summary>A DSSE envelope (typically an in-toto statement about the artifact).</summary>
public sealed record DsseEnvelope(byte[] Payload, string PayloadType, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>The in-toto payload type.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>The pre-authentication encoding that DSSE signatures cover.</summary>
    public byte[] PreAuthenticationEncoding()
    {
        var type = Encoding.UTF8.GetBytes(PayloadType);
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} {PayloadType} {Payload.Length} "));
        var result = new byte[header.Length + Payload.Length];
        header.CopyTo(result, 0);
        Payload.CopyTo(result, header.Length);
        return result;
    }
}
