using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Sigstore;

/// <summary>
/// Verifies the signed certificate timestamps (RFC 6962 §3.2, precertificate entries) embedded in a Fulcio
/// certificate against the CT logs of a trusted root.
/// </summary>
public static class SignedCertificateTimestamps
{
    private const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    /// <summary>
    /// Checks that at least one embedded SCT is from a trusted CT log, within that log's validity window, and
    /// signed over this certificate's precertificate entry. Returns the number of SCTs that verified.
    /// </summary>
    public static int Verify(X509Certificate2 leaf, X509Certificate2 issuer, IReadOnlyList<TransparencyLogInstance> ctlogs)
    {
        var extension = leaf.Extensions[SctListOid]
            ?? throw Invalid("the certificate has no embedded signed certificate timestamps");
        byte[] list;
        try
        {
            list = AsnDecoder.ReadOctetString(extension.RawData, AsnEncodingRules.DER, out _);
        }
        catch (AsnContentException e)
        {
            throw Invalid($"the SCT list extension is malformed: {e.Message}");
        }
        var tbs = PrecertificateTbs(leaf.RawData);
        var issuerKeyHash = SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
        var verified = 0;
        var problems = new List<string>();
        var reader = new TlsReader(list);
        var all = new TlsReader(reader.ReadVector(2));
        if (reader.Remaining != 0) throw Invalid("the SCT list has trailing bytes");
        while (all.Remaining > 0)
        {
            var sct = new TlsReader(all.ReadVector(2));
            var version = sct.ReadByte();
            if (version != 0) { problems.Add($"SCT version {version} is not supported"); continue; }
            var logId = sct.ReadBytes(32);
            var timestamp = sct.ReadUInt64();
            var extensions = sct.ReadVector(2);
            var hashAlgorithm = sct.ReadByte();
            var signatureAlgorithm = sct.ReadByte();
            var signature = sct.ReadVector(2);
            var log = ctlogs.FirstOrDefault(l => l.LogId.AsSpan().SequenceEqual(logId));
            if (log?.Key is null) { problems.Add($"SCT from unknown CT log {Convert.ToBase64String(logId)}"); continue; }
            var time = DateTimeOffset.FromUnixTimeMilliseconds((long)timestamp);
            if (!log.ValidFor.Contains(time)) { problems.Add($"SCT time {time:O} is outside CT log {log.BaseUrl}'s validity {log.ValidFor}"); continue; }
            if (hashAlgorithm != 4) { problems.Add($"SCT hash algorithm {hashAlgorithm} is not SHA-256"); continue; }
            _ = signatureAlgorithm;

            var signed = new List<byte>(tbs.Length + 64) { 0, 0 };
            var buffer = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(buffer, timestamp);
            signed.AddRange(buffer);
            signed.AddRange([0, 1]);
            signed.AddRange(issuerKeyHash);
            signed.AddRange([(byte)(tbs.Length >> 16), (byte)(tbs.Length >> 8), (byte)tbs.Length]);
            signed.AddRange(tbs);
            signed.AddRange([(byte)(extensions.Length >> 8), (byte)extensions.Length]);
            signed.AddRange(extensions);
            if (log.Key.VerifyData(signed.ToArray(), signature, new Keys.SignatureOptions(HashAlgorithmName.SHA256))) verified++;
            else problems.Add($"SCT signature from CT log {log.BaseUrl} does not verify");
        }
        if (verified == 0) throw Invalid($"no signed certificate timestamp verifies ({string.Join("; ", problems)})");
        return verified;
    }

    /// <summary>The leaf's TBSCertificate with the SCT list extension removed, as the CT log signed it.</summary>
    private static byte[] PrecertificateTbs(byte[] certificate)
    {
        try
        {
            var cert = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence();
            var tbs = cert.ReadSequence();
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, true);
                while (tbs.HasData)
                {
                    if (tbs.PeekTag() == extensionsTag)
                    {
                        var wrapper = tbs.ReadSequence(extensionsTag);
                        var extensions = wrapper.ReadSequence();
                        using (writer.PushSequence(extensionsTag))
                        using (writer.PushSequence())
                        {
                            while (extensions.HasData)
                            {
                                var raw = extensions.ReadEncodedValue();
                                var oid = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                                if (oid != SctListOid) writer.WriteEncodedValue(raw.Span);
                            }
                        }
                    }
                    else
                    {
                        writer.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                    }
                }
            }
            return writer.Encode();
        }
        catch (AsnContentException e)
        {
            throw Invalid($"the certificate cannot be parsed to rebuild its precertificate: {e.Message}");
        }
    }

    private static EvidenceVerificationException Invalid(string message) => new(VerificationErrorCodes.SctInvalid, message);

    /// <summary>Reads TLS presentation-language structures, failing cleanly on truncation.</summary>
    private sealed class TlsReader(byte[] data)
    {
        private int _position;

        public int Remaining => data.Length - _position;

        public byte ReadByte() => ReadBytes(1)[0];

        public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(8));

        public byte[] ReadVector(int lengthBytes)
        {
            var length = 0;
            foreach (var b in ReadBytes(lengthBytes)) length = (length << 8) | b;
            return ReadBytes(length);
        }

        public byte[] ReadBytes(int count)
        {
            if (count > Remaining) throw Invalid("the SCT list is truncated");
            var result = data.AsSpan(_position, count).ToArray();
            _position += count;
            return result;
        }
    }
}
