using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Crypto;

/// <summary>
/// Builds the objects OPA returns for X.509 data: the JSON encoding of Go's x509.Certificate and
/// x509.CertificateRequest (field names, Go's enum numbers, []byte as base64, big integers as numbers,
/// empty lists as null), from DER that is read here with System.Formats.Asn1.
/// </summary>
internal static class GoX509Json
{
    private static readonly Value Null = NullValue.Instance;

    /// <summary>Parses concatenated DER certificates (Go's x509.ParseCertificates).</summary>
    public static List<(byte[] Der, ObjectValue Json)> ParseCertificates(byte[] der)
    {
        var result = new List<(byte[], ObjectValue)>();
        var rest = der.AsMemory();
        while (rest.Length > 0)
        {
            int length;
            try
            {
                var reader = new AsnReader(rest, AsnEncodingRules.BER);
                length = reader.PeekEncodedValue().Length;
            }
            catch (AsnContentException)
            {
                throw BuiltinException.Error("x509: malformed certificate");
            }
            var one = rest[..length].ToArray();
            result.Add((one, Certificate(one)));
            rest = rest[length..];
        }
        return result;
    }

    public static ObjectValue Certificate(byte[] der)
    {
        try
        {
            return ReadCertificate(der);
        }
        catch (Exception e) when (e is AsnContentException or InvalidOperationException or ArgumentException or FormatException or OverflowException or System.Security.Cryptography.CryptographicException)
        {
            throw BuiltinException.Error($"x509: malformed certificate: {e.Message}");
        }
    }

    private static ObjectValue ReadCertificate(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbsRaw = outer.ReadEncodedValue().ToArray();
        var sigAlg = outer.ReadSequence();
        var signature = outer.ReadBitString(out _);

        var tbs = new AsnReader(tbsRaw, AsnEncodingRules.DER).ReadSequence();
        var version = 0;
        if (tbs.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, true))
        {
            var v = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            version = (int)v.ReadInteger();
        }
        var serial = tbs.ReadInteger();
        tbs.ReadSequence(); // inner signature algorithm, the same as the outer one
        var issuerRaw = tbs.ReadEncodedValue().ToArray();
        var validity = tbs.ReadSequence();
        var notBefore = ReadTime(validity);
        var notAfter = ReadTime(validity);
        var subjectRaw = tbs.ReadEncodedValue().ToArray();
        var spkiRaw = tbs.ReadEncodedValue().ToArray();
        var extensions = new List<(string Oid, bool Critical, byte[] Value)>();
        while (tbs.HasData)
        {
            var tag = tbs.PeekTag();
            if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 3)))
            {
                var wrapper = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true));
                var list = wrapper.ReadSequence();
                while (list.HasData)
                {
                    var ext = list.ReadSequence();
                    var oid = ext.ReadObjectIdentifier();
                    var critical = ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && ext.ReadBoolean();
                    extensions.Add((oid, critical, ext.ReadOctetString()));
                }
            }
            else
            {
                tbs.ReadEncodedValue(); // issuer/subject unique IDs
            }
        }

        var o = new ObjectBuilder(64);
        o.Set("Raw", Bytes(der));
        o.Set("RawTBSCertificate", Bytes(tbsRaw));
        o.Set("RawSubjectPublicKeyInfo", Bytes(spkiRaw));
        o.Set("RawSubject", Bytes(subjectRaw));
        o.Set("RawIssuer", Bytes(issuerRaw));
        o.Set("Signature", Bytes(signature));
        o.Set("SignatureAlgorithm", NumberValue.Of(SignatureAlgorithm(sigAlg)));
        var (pkAlg, publicKey) = PublicKey(spkiRaw);
        o.Set("PublicKeyAlgorithm", NumberValue.Of(pkAlg));
        o.Set("PublicKey", publicKey);
        o.Set("Version", NumberValue.Of(version + 1));
        o.Set("SerialNumber", NumberValue.Of(serial));
        o.Set("Issuer", Name(issuerRaw));
        o.Set("Subject", Name(subjectRaw));
        o.Set("NotBefore", new StringValue(GoTime(notBefore)));
        o.Set("NotAfter", new StringValue(GoTime(notAfter)));

        var fields = new ExtensionFields();
        foreach (var (oid, critical, value) in extensions) fields.Apply(oid, critical, value);
        o.Set("KeyUsage", NumberValue.Of(fields.KeyUsage));
        o.Set("Extensions", ExtensionList(extensions));
        o.Set("ExtraExtensions", Null);
        o.Set("UnhandledCriticalExtensions", fields.UnhandledCritical.Count == 0 ? Null : new ArrayValue(fields.UnhandledCritical.Select(Oid).ToArray()));
        o.Set("ExtKeyUsage", fields.ExtKeyUsage.Count == 0 ? Null : new ArrayValue(fields.ExtKeyUsage.Select(i => (Value)NumberValue.Of(i)).ToArray()));
        o.Set("UnknownExtKeyUsage", fields.UnknownExtKeyUsage.Count == 0 ? Null : new ArrayValue(fields.UnknownExtKeyUsage.Select(Oid).ToArray()));
        o.Set("BasicConstraintsValid", BooleanValue.Of(fields.BasicConstraintsValid));
        o.Set("IsCA", BooleanValue.Of(fields.IsCA));
        o.Set("MaxPathLen", NumberValue.Of(fields.MaxPathLen));
        o.Set("MaxPathLenZero", BooleanValue.Of(fields.MaxPathLenZero));
        o.Set("SubjectKeyId", fields.SubjectKeyId is null ? Null : Bytes(fields.SubjectKeyId));
        o.Set("AuthorityKeyId", fields.AuthorityKeyId is null ? Null : Bytes(fields.AuthorityKeyId));
        o.Set("OCSPServer", Strings(fields.OcspServers));
        o.Set("IssuingCertificateURL", Strings(fields.IssuingCertificateUrls));
        fields.WriteNames(o);
        fields.WriteNameConstraints(o);
        o.Set("CRLDistributionPoints", Strings(fields.CrlDistributionPoints));
        o.Set("PolicyIdentifiers", fields.Policies.Count == 0 ? Null : new ArrayValue(fields.Policies.Select(Oid).ToArray()));
        o.Set("Policies", fields.Policies.Count == 0 ? Null : new ArrayValue(fields.Policies.Select(p => (Value)new StringValue(p)).ToArray()));
        o.Set("InhibitAnyPolicy", NumberValue.Zero);
        o.Set("InhibitAnyPolicyZero", BooleanValue.False);
        o.Set("InhibitPolicyMapping", NumberValue.Zero);
        o.Set("InhibitPolicyMappingZero", BooleanValue.False);
        o.Set("RequireExplicitPolicy", NumberValue.Zero);
        o.Set("RequireExplicitPolicyZero", BooleanValue.False);
        o.Set("PolicyMappings", Null);
        // OPA adds the SAN URIs as plain strings (Go's url.URL does not marshal to its text).
        o.Set("URIStrings", Strings(fields.Uris));
        return o.Build();
    }

    /// <summary>Go's x509.CertificateRequest as JSON, from DER.</summary>
    public static ObjectValue CertificateRequest(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var infoRaw = outer.ReadEncodedValue().ToArray();
            var sigAlg = outer.ReadSequence();
            var signature = outer.ReadBitString(out _);
            var info = new AsnReader(infoRaw, AsnEncodingRules.DER).ReadSequence();
            var version = (int)info.ReadInteger();
            var subjectRaw = info.ReadEncodedValue().ToArray();
            var spkiRaw = info.ReadEncodedValue().ToArray();
            var extensions = new List<(string Oid, bool Critical, byte[] Value)>();
            var attributes = new List<Value>();
            if (info.HasData)
            {
                var set = info.ReadSetOf(true, new Asn1Tag(TagClass.ContextSpecific, 0, true));
                while (set.HasData)
                {
                    var attr = set.ReadSequence();
                    var type = attr.ReadObjectIdentifier();
                    var values = attr.ReadSetOf(skipSortOrderValidation: true);
                    if (type != "1.2.840.113549.1.9.14")
                    {
                        attributes.Add(ObjectValue.FromPairs([new KeyValuePair<string, Value>("Type", Oid(type)), new KeyValuePair<string, Value>("Value", Null)]));
                        continue;
                    }
                    var list = values.ReadSequence();
                    while (list.HasData)
                    {
                        var ext = list.ReadSequence();
                        var oid = ext.ReadObjectIdentifier();
                        var critical = ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && ext.ReadBoolean();
                        extensions.Add((oid, critical, ext.ReadOctetString()));
                    }
                }
            }
            var o = new ObjectBuilder(24);
            o.Set("Raw", Bytes(der));
            o.Set("RawTBSCertificateRequest", Bytes(infoRaw));
            o.Set("RawSubjectPublicKeyInfo", Bytes(spkiRaw));
            o.Set("RawSubject", Bytes(subjectRaw));
            o.Set("Version", NumberValue.Of(version));
            o.Set("Signature", Bytes(signature));
            o.Set("SignatureAlgorithm", NumberValue.Of(SignatureAlgorithm(sigAlg)));
            var (pkAlg, publicKey) = PublicKey(spkiRaw);
            o.Set("PublicKeyAlgorithm", NumberValue.Of(pkAlg));
            o.Set("PublicKey", publicKey);
            o.Set("Subject", Name(subjectRaw));
            o.Set("Attributes", attributes.Count == 0 ? Null : new ArrayValue(attributes.ToArray()));
            o.Set("Extensions", ExtensionList(extensions));
            o.Set("ExtraExtensions", Null);
            var fields = new ExtensionFields();
            foreach (var (oid, critical, value) in extensions)
            {
                if (oid == "2.5.29.17") fields.Apply(oid, critical, value);
            }
            fields.WriteNames(o);
            return o.Build();
        }
        catch (Exception e) when (e is AsnContentException or InvalidOperationException or ArgumentException or FormatException or OverflowException or System.Security.Cryptography.CryptographicException)
        {
            throw BuiltinException.Error($"x509: malformed certificate request: {e.Message}");
        }
    }

    private static Value ExtensionList(List<(string Oid, bool Critical, byte[] Value)> extensions) =>
        extensions.Count == 0
            ? Null
            : new ArrayValue(extensions.Select(e => (Value)ObjectValue.FromPairs(
            [
                new KeyValuePair<string, Value>("Id", Oid(e.Oid)),
                new KeyValuePair<string, Value>("Critical", BooleanValue.Of(e.Critical)),
                new KeyValuePair<string, Value>("Value", Bytes(e.Value)),
            ])).ToArray());

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>Go's time.Time JSON (RFC 3339 with nanoseconds trimmed).</summary>
    public static string GoTime(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var s = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var frac = utc.Ticks % TimeSpan.TicksPerSecond;
        if (frac != 0) s += "." + frac.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return s + "Z";
    }

    public static Value Bytes(byte[] b) => new StringValue(Convert.ToBase64String(b));

    private static Value Strings(List<string> list) =>
        list.Count == 0 ? Null : new ArrayValue(list.Select(s => (Value)new StringValue(s)).ToArray());

    public static Value Oid(string oid) =>
        new ArrayValue(oid.Split('.').Select(p => (Value)NumberValue.Of(BigInteger.Parse(p, CultureInfo.InvariantCulture))).ToArray());

    private static int SignatureAlgorithm(AsnReader algorithm)
    {
        var oid = algorithm.ReadObjectIdentifier();
        switch (oid)
        {
            case "1.2.840.113549.1.1.2": return 1;
            case "1.2.840.113549.1.1.4": return 2;
            case "1.2.840.113549.1.1.5": return 3;
            case "1.2.840.113549.1.1.11": return 4;
            case "1.2.840.113549.1.1.12": return 5;
            case "1.2.840.113549.1.1.13": return 6;
            case "1.2.840.10040.4.3": return 7;
            case "2.16.840.1.101.3.4.3.2": return 8;
            case "1.2.840.10045.4.1": return 9;
            case "1.2.840.10045.4.3.2": return 10;
            case "1.2.840.10045.4.3.3": return 11;
            case "1.2.840.10045.4.3.4": return 12;
            case "1.3.101.112": return 16;
            case "1.2.840.113549.1.1.10":
                // RSASSA-PSS: the hash is in the parameters.
                if (!algorithm.HasData) return 0;
                var pss = algorithm.ReadSequence();
                if (!pss.HasData) return 0;
                var hashWrapper = pss.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                var hash = hashWrapper.ReadSequence().ReadObjectIdentifier();
                return hash switch
                {
                    "2.16.840.1.101.3.4.2.1" => 13,
                    "2.16.840.1.101.3.4.2.2" => 14,
                    "2.16.840.1.101.3.4.2.3" => 15,
                    _ => 0,
                };
            default: return 0;
        }
    }

    /// <summary>Go's PublicKeyAlgorithm number and the JSON of the parsed public key.</summary>
    public static (int Algorithm, Value Key) PublicKey(byte[] spki)
    {
        var seq = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        var alg = seq.ReadSequence();
        var oid = alg.ReadObjectIdentifier();
        var bits = seq.ReadBitString(out _);
        switch (oid)
        {
            case "1.2.840.113549.1.1.1":
            {
                var rsa = new AsnReader(bits, AsnEncodingRules.DER).ReadSequence();
                var n = rsa.ReadInteger();
                var e = rsa.ReadInteger();
                return (1, ObjectValue.FromPairs([new KeyValuePair<string, Value>("N", NumberValue.Of(n)), new KeyValuePair<string, Value>("E", NumberValue.Of(e))]));
            }
            case "1.2.840.10040.4.1":
                return (2, Null);
            case "1.2.840.10045.2.1":
            {
                // An uncompressed point: 0x04 || X || Y.
                if (bits.Length < 3 || bits[0] != 4) return (3, Null);
                var size = (bits.Length - 1) / 2;
                var x = new BigInteger(bits.AsSpan(1, size), isUnsigned: true, isBigEndian: true);
                var y = new BigInteger(bits.AsSpan(1 + size, size), isUnsigned: true, isBigEndian: true);
                return (3, ObjectValue.FromPairs(
                [
                    new KeyValuePair<string, Value>("Curve", ObjectValue.Empty),
                    new KeyValuePair<string, Value>("X", NumberValue.Of(x)),
                    new KeyValuePair<string, Value>("Y", NumberValue.Of(y)),
                ]));
            }
            case "1.3.101.112":
                return (4, Bytes(bits));
            default:
                return (0, Null);
        }
    }

    private static readonly Dictionary<string, string> NameFields = new()
    {
        ["2.5.4.6"] = "Country",
        ["2.5.4.10"] = "Organization",
        ["2.5.4.11"] = "OrganizationalUnit",
        ["2.5.4.7"] = "Locality",
        ["2.5.4.8"] = "Province",
        ["2.5.4.9"] = "StreetAddress",
        ["2.5.4.17"] = "PostalCode",
    };

    /// <summary>Go's pkix.Name filled from an RDNSequence.</summary>
    public static ObjectValue Name(byte[] raw)
    {
        var lists = new Dictionary<string, List<string>>();
        foreach (var f in NameFields.Values) lists[f] = [];
        var serialNumber = "";
        var commonName = "";
        var names = new List<Value>();
        var rdns = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            var set = rdns.ReadSetOf(skipSortOrderValidation: true);
            while (set.HasData)
            {
                var atv = set.ReadSequence();
                var type = atv.ReadObjectIdentifier();
                var value = ReadAttributeValue(atv);
                names.Add(ObjectValue.FromPairs([new KeyValuePair<string, Value>("Type", Oid(type)), new KeyValuePair<string, Value>("Value", new StringValue(value))]));
                if (type == "2.5.4.3") commonName = value;
                else if (type == "2.5.4.5") serialNumber = value;
                else if (NameFields.TryGetValue(type, out var field)) lists[field].Add(value);
            }
        }
        var o = new ObjectBuilder(12);
        foreach (var (field, values) in lists) o.Set(field, Strings(values));
        o.Set("SerialNumber", new StringValue(serialNumber));
        o.Set("CommonName", new StringValue(commonName));
        o.Set("Names", names.Count == 0 ? Null : new ArrayValue(names.ToArray()));
        o.Set("ExtraNames", Null);
        return o.Build();
    }

    private static string ReadAttributeValue(AsnReader atv)
    {
        var tag = atv.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String:
                case UniversalTagNumber.PrintableString:
                case UniversalTagNumber.IA5String:
                case UniversalTagNumber.BMPString:
                case UniversalTagNumber.VisibleString:
                case UniversalTagNumber.NumericString:
                    return atv.ReadCharacterString((UniversalTagNumber)tag.TagValue);
                case UniversalTagNumber.T61String:
                    // Go reads T61String as Latin-1.
                    return Encoding.Latin1.GetString(atv.ReadOctetString(new Asn1Tag(UniversalTagNumber.T61String)));
            }
        }
        return Convert.ToHexString(atv.ReadEncodedValue().Span);
    }

    /// <summary>What Go fills in from the extensions it understands.</summary>
    private sealed class ExtensionFields
    {
        public int KeyUsage;
        public bool BasicConstraintsValid;
        public bool IsCA;
        public int MaxPathLen;
        public bool MaxPathLenZero;
        public byte[]? SubjectKeyId;
        public byte[]? AuthorityKeyId;
        public readonly List<string> OcspServers = [];
        public readonly List<string> IssuingCertificateUrls = [];
        public readonly List<string> DnsNames = [];
        public readonly List<string> EmailAddresses = [];
        public readonly List<string> IpAddresses = [];
        public readonly List<string> Uris = [];
        public readonly List<string> CrlDistributionPoints = [];
        public readonly List<string> Policies = [];
        public readonly List<int> ExtKeyUsage = [];
        public readonly List<string> UnknownExtKeyUsage = [];
        public readonly List<string> UnhandledCritical = [];

        private static readonly Dictionary<string, int> ExtKeyUsages = new()
        {
            ["2.5.29.37.0"] = 0,
            ["1.3.6.1.5.5.7.3.1"] = 1,
            ["1.3.6.1.5.5.7.3.2"] = 2,
            ["1.3.6.1.5.5.7.3.3"] = 3,
            ["1.3.6.1.5.5.7.3.4"] = 4,
            ["1.3.6.1.5.5.7.3.5"] = 5,
            ["1.3.6.1.5.5.7.3.6"] = 6,
            ["1.3.6.1.5.5.7.3.7"] = 7,
            ["1.3.6.1.5.5.7.3.8"] = 8,
            ["1.3.6.1.5.5.7.3.9"] = 9,
            ["1.3.6.1.4.1.311.10.3.3"] = 10,
            ["2.16.840.1.113730.4.1"] = 11,
            ["1.3.6.1.4.1.311.2.1.22"] = 12,
            ["1.3.6.1.4.1.311.61.1.1"] = 13,
        };

        public void Apply(string oid, bool critical, byte[] value)
        {
            var reader = new AsnReader(value, AsnEncodingRules.BER);
            switch (oid)
            {
                case "2.5.29.15":
                {
                    var bits = reader.ReadBitString(out var unused);
                    for (var i = 0; i < bits.Length * 8 - unused && i < 16; i++)
                    {
                        if ((bits[i / 8] & (0x80 >> (i % 8))) != 0) KeyUsage |= 1 << i;
                    }
                    break;
                }
                case "2.5.29.19":
                {
                    var seq = reader.ReadSequence();
                    BasicConstraintsValid = true;
                    if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) IsCA = seq.ReadBoolean();
                    if (seq.HasData)
                    {
                        MaxPathLen = (int)seq.ReadInteger();
                        MaxPathLenZero = MaxPathLen == 0;
                    }
                    else
                    {
                        MaxPathLen = -1;
                    }
                    break;
                }
                case "2.5.29.17":
                    ReadGeneralNames(reader.ReadSequence(), DnsNames, EmailAddresses, IpAddresses, Uris);
                    break;
                case "2.5.29.14":
                    SubjectKeyId = reader.ReadOctetString();
                    break;
                case "2.5.29.35":
                {
                    var seq = reader.ReadSequence();
                    if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                        AuthorityKeyId = seq.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));
                    break;
                }
                case "2.5.29.37":
                {
                    var seq = reader.ReadSequence();
                    while (seq.HasData)
                    {
                        var usage = seq.ReadObjectIdentifier();
                        if (ExtKeyUsages.TryGetValue(usage, out var n)) ExtKeyUsage.Add(n);
                        else UnknownExtKeyUsage.Add(usage);
                    }
                    break;
                }
                case "2.5.29.31":
                {
                    var points = reader.ReadSequence();
                    while (points.HasData)
                    {
                        var dp = points.ReadSequence();
                        if (!dp.HasData || !dp.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0))) continue;
                        var name = dp.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                        if (!name.HasData || !name.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0))) continue;
                        var full = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                        while (full.HasData)
                        {
                            var tag = full.PeekTag();
                            if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 6)))
                                CrlDistributionPoints.Add(Encoding.ASCII.GetString(full.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 6))));
                            else full.ReadEncodedValue();
                        }
                    }
                    break;
                }
                case "2.5.29.32":
                {
                    var seq = reader.ReadSequence();
                    while (seq.HasData) Policies.Add(seq.ReadSequence().ReadObjectIdentifier());
                    break;
                }
                case "1.3.6.1.5.5.7.1.1":
                {
                    var seq = reader.ReadSequence();
                    while (seq.HasData)
                    {
                        var ad = seq.ReadSequence();
                        var method = ad.ReadObjectIdentifier();
                        if (!ad.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 6))) continue;
                        var uri = Encoding.ASCII.GetString(ad.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 6)));
                        if (method == "1.3.6.1.5.5.7.48.1") OcspServers.Add(uri);
                        else if (method == "1.3.6.1.5.5.7.48.2") IssuingCertificateUrls.Add(uri);
                    }
                    break;
                }
                case "2.5.29.30":
                {
                    NameConstraintsCritical = critical;
                    var seq = reader.ReadSequence();
                    while (seq.HasData)
                    {
                        var tag = seq.PeekTag();
                        var permitted = tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0));
                        var subtrees = seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue, true));
                        var target = permitted ? Permitted : Excluded;
                        while (subtrees.HasData)
                        {
                            var subtree = subtrees.ReadSequence();
                            var baseTag = subtree.PeekTag();
                            if (baseTag.TagClass != TagClass.ContextSpecific || baseTag.IsConstructed)
                            {
                                subtree.ReadEncodedValue();
                                continue;
                            }
                            var bytes = subtree.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, baseTag.TagValue));
                            switch (baseTag.TagValue)
                            {
                                case 1: target.Emails.Add(Encoding.ASCII.GetString(bytes)); break;
                                case 2: target.Dns.Add(Encoding.ASCII.GetString(bytes)); break;
                                case 6: target.Uris.Add(Encoding.ASCII.GetString(bytes)); break;
                                case 7 when bytes.Length is 8 or 32:
                                    // Address then mask, as Go's net.IPNet: the IP as text, the mask as base64 bytes.
                                    var half = bytes.Length / 2;
                                    target.Ips.Add(ObjectValue.FromPairs(
                                    [
                                        new KeyValuePair<string, Value>("IP", new StringValue(Net.IpAddressText.Format(bytes.AsSpan(0, half)))),
                                        new KeyValuePair<string, Value>("Mask", Bytes(bytes[half..])),
                                    ]));
                                    break;
                            }
                        }
                    }
                    break;
                }
                default:
                    if (critical) UnhandledCritical.Add(oid);
                    break;
            }
        }

        public bool NameConstraintsCritical;
        public readonly Subtrees Permitted = new();
        public readonly Subtrees Excluded = new();

        public sealed class Subtrees
        {
            public readonly List<string> Dns = [];
            public readonly List<Value> Ips = [];
            public readonly List<string> Emails = [];
            public readonly List<string> Uris = [];
        }

        public void WriteNameConstraints(ObjectBuilder o)
        {
            o.Set("PermittedDNSDomainsCritical", BooleanValue.Of(NameConstraintsCritical));
            o.Set("PermittedDNSDomains", Strings(Permitted.Dns));
            o.Set("ExcludedDNSDomains", Strings(Excluded.Dns));
            o.Set("PermittedIPRanges", Permitted.Ips.Count == 0 ? Null : new ArrayValue(Permitted.Ips.ToArray()));
            o.Set("ExcludedIPRanges", Excluded.Ips.Count == 0 ? Null : new ArrayValue(Excluded.Ips.ToArray()));
            o.Set("PermittedEmailAddresses", Strings(Permitted.Emails));
            o.Set("ExcludedEmailAddresses", Strings(Excluded.Emails));
            o.Set("PermittedURIDomains", Strings(Permitted.Uris));
            o.Set("ExcludedURIDomains", Strings(Excluded.Uris));
        }

        public void WriteNames(ObjectBuilder o)
        {
            o.Set("DNSNames", Strings(DnsNames));
            o.Set("EmailAddresses", Strings(EmailAddresses));
            o.Set("IPAddresses", Strings(IpAddresses));
            o.Set("URIs", Uris.Count == 0 ? Null : new ArrayValue(Uris.Select(GoUrl).ToArray()));
        }
    }

    private static void ReadGeneralNames(AsnReader names, List<string> dns, List<string> emails, List<string> ips, List<string> uris)
    {
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.IsConstructed)
            {
                names.ReadEncodedValue();
                continue;
            }
            var bytes = names.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue));
            switch (tag.TagValue)
            {
                case 1: emails.Add(Encoding.ASCII.GetString(bytes)); break;
                case 2: dns.Add(Encoding.ASCII.GetString(bytes)); break;
                case 6: uris.Add(Encoding.ASCII.GetString(bytes)); break;
                case 7 when bytes.Length is 4 or 16: ips.Add(Net.IpAddressText.Format(bytes)); break;
            }
        }
    }

    /// <summary>Go's url.URL as JSON.</summary>
    private static Value GoUrl(string text)
    {
        string scheme = "", opaque = "", host = "", path, rawQuery = "", fragment = "";
        var rest = text;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            fragment = Uri.UnescapeDataString(rest[(hash + 1)..]);
            rest = rest[..hash];
        }
        var colon = rest.IndexOf(':');
        if (colon > 0 && rest[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && char.IsAsciiLetter(rest[0]))
        {
            scheme = rest[..colon].ToLowerInvariant();
            rest = rest[(colon + 1)..];
        }
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            rawQuery = rest[(question + 1)..];
            rest = rest[..question];
        }
        Value user = Null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            path = slash >= 0 ? authority[slash..] : "";
            authority = slash >= 0 ? authority[..slash] : authority;
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                user = ObjectValue.Empty;
                authority = authority[(at + 1)..];
            }
            host = authority;
        }
        else if (scheme.Length > 0 && !rest.StartsWith('/'))
        {
            opaque = rest;
            path = "";
        }
        else
        {
            path = rest;
        }
        var o = new ObjectBuilder(11);
        o.Set("Scheme", new StringValue(scheme));
        o.Set("Opaque", new StringValue(opaque));
        o.Set("User", user);
        o.Set("Host", new StringValue(host));
        o.Set("Path", new StringValue(Uri.UnescapeDataString(path)));
        o.Set("RawPath", new StringValue(""));
        o.Set("OmitHost", BooleanValue.False);
        o.Set("ForceQuery", BooleanValue.False);
        o.Set("RawQuery", new StringValue(rawQuery));
        o.Set("Fragment", new StringValue(fragment));
        o.Set("RawFragment", new StringValue(""));
        return o.Build();
    }
}
