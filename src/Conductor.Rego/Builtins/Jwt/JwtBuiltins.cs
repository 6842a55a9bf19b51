using System.Text;
using Conductor.Rego.Builtins.Crypto;
using Conductor.Rego.Builtins.Json;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Jwt;

/// <summary>OPA's io.jwt.* builtins: decoding, signature verification (HS, RS, PS, ES, EdDSA), verification under
/// constraints (io.jwt.decode_verify) and signing with JWKs (io.jwt.encode_sign, io.jwt.encode_sign_raw).</summary>
public sealed class JwtBuiltins : IBuiltinFamily
{
    private static readonly RegoType AnyObject = RegoType.ObjectOf(RegoType.Any, RegoType.Any);
    private static readonly RegoType StringObject = RegoType.ObjectOf(RegoType.String, RegoType.Any);

    public void Register(BuiltinRegistry registry)
    {
        var s = RegoType.String;
        registry.Register("io.jwt.decode", BuiltinSignature.Of(RegoType.ArrayOf(AnyObject, AnyObject, s), s), (_, a) => Decode(a[0]));
        registry.Register(new BuiltinDefinition("io.jwt.decode_verify",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Boolean, AnyObject, AnyObject), s, StringObject), DecodeVerify) { Nondeterministic = true });
        foreach (var alg in new[] { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA" })
        {
            var algorithm = JwsAlgorithm.Get(alg);
            var name = "io.jwt.verify_" + alg.ToLowerInvariant();
            registry.Register(name, BuiltinSignature.Of(RegoType.Boolean, s, s), (_, a) => VerifyWith(algorithm, a));
        }
        registry.Register(new BuiltinDefinition("io.jwt.encode_sign",
            BuiltinSignature.Of(s, StringObject, StringObject, StringObject), (_, a) => EncodeSign(a)) { Nondeterministic = true });
        registry.Register(new BuiltinDefinition("io.jwt.encode_sign_raw",
            BuiltinSignature.Of(s, s, s, s), (_, a) => EncodeSignRaw(a)) { Nondeterministic = true });
    }

    // Decoding -----------------------------------------------------------------------------------------------

    private sealed record Token(string Header, string Payload, string Signature)
    {
        public byte[] SigningInput => Encoding.UTF8.GetBytes(Header + "." + Payload);
    }

    private static Token Split(Value v)
    {
        if (v is not StringValue sv) throw BuiltinException.OperandType(1, "string", v);
        var text = sv.Value;
        if (!text.Contains('.')) throw BuiltinException.Error("encoded JWT had no period separators");
        var parts = text.Split('.');
        if (parts.Length != 3) throw BuiltinException.Error($"encoded JWT must have 3 sections, found {parts.Length}");
        return new Token(parts[0], parts[1], parts[2]);
    }

    private static ObjectValue DecodeHeader(Token token)
    {
        byte[] bytes;
        try
        {
            bytes = GoBase64.DecodeUrlLenient(token.Header);
        }
        catch (BuiltinException e)
        {
            throw BuiltinException.Error($"JWT header had invalid encoding: {e.Message}");
        }
        ObjectValue header;
        try
        {
            header = JsonObject(bytes);
        }
        catch (BuiltinException e)
        {
            throw BuiltinException.Error($"bad JWT header: {e.Message}");
        }
        // RFC 7516 section 9: a JWE has "enc" in its header.
        if (header.Get("enc") is not null) throw BuiltinException.Error("JWT is a JWE object, which is not supported");
        return header;
    }

    private static byte[] DecodePayload(Token token)
    {
        try
        {
            return GoBase64.DecodeUrlLenient(token.Payload);
        }
        catch (BuiltinException e)
        {
            throw BuiltinException.Error($"JWT payload had invalid encoding: {e.Message}");
        }
    }

    private static byte[] DecodeSignature(Token token)
    {
        try
        {
            return GoBase64.DecodeUrlLenient(token.Signature);
        }
        catch (BuiltinException e)
        {
            throw BuiltinException.Error($"JWT signature had invalid encoding: {e.Message}");
        }
    }

    private static ObjectValue JsonObject(byte[] utf8)
    {
        Value v;
        try
        {
            v = JsonValueReader.Parse(utf8);
        }
        catch (RegoException e)
        {
            throw BuiltinException.Error($"invalid JSON: {e.Message}");
        }
        return v as ObjectValue ?? throw BuiltinException.Error("decoded JSON type was not an Object");
    }

    private static Value Decode(Value jwt)
    {
        while (true)
        {
            var token = Split(jwt);
            var header = DecodeHeader(token);
            var payloadBytes = DecodePayload(token);
            if (header.Get("cty") is StringValue { Value: "JWT" })
            {
                // A nested token; jwt.io quotes it, so surrounding quotes are dropped.
                jwt = new StringValue(Encoding.UTF8.GetString(payloadBytes).Trim('"', '\''));
                continue;
            }
            var payload = JsonObject(payloadBytes);
            var signature = DecodeSignature(token);
            return new ArrayValue([header, payload, new StringValue(Convert.ToHexStringLower(signature))]);
        }
    }

    // Verification -------------------------------------------------------------------------------------------

    private static Value VerifyWith(JwsAlgorithm algorithm, ReadOnlySpan<Value> args)
    {
        var token = Split(args[0]);
        var keyText = BuiltinArgs.String(args, 1);
        List<JwtKey> keys = algorithm.KeyType == "oct"
            ? [new JwtKey { KeyType = "oct", Secret = Encoding.UTF8.GetBytes(keyText), IsPrivate = true }]
            : JwtKey.FromCertificateOrJwkCached(keyText);
        var signature = DecodeSignature(token);
        var input = token.SigningInput;
        foreach (var key in keys)
        {
            if (algorithm.Verify(key, input, signature)) return BooleanValue.True;
        }
        return BooleanValue.False;
    }

    private sealed class Constraints
    {
        public List<JwtKey>? Keys;
        public string Secret = "";
        public string Alg = "";
        public string Iss = "";
        public string Aud = "";
        public string Sub = "";
        public double Time = -1;
    }

    private static readonly ArrayValue Unverified = new([BooleanValue.False, ObjectValue.Empty, ObjectValue.Empty]);

    private static Constraints ParseConstraints(ObjectValue o, BuiltinContext context)
    {
        var c = new Constraints();
        foreach (var (k, v) in o.Entries)
        {
            var name = k is StringValue ks ? ks.Value : k.ToString();
            switch (name)
            {
                case "cert":
                    c.Keys = JwtKey.FromCertificateOrJwkCached(v is StringValue cs ? cs.Value : throw BuiltinException.Error("cert constraint: must be a string"));
                    break;
                case "secret": c.Secret = ConstraintString(name, v); break;
                case "alg": c.Alg = ConstraintString(name, v); break;
                case "iss": c.Iss = ConstraintString(name, v); break;
                case "aud": c.Aud = ConstraintString(name, v); break;
                // Not in OPA's list, but rego-cpp accepts it and the shared conformance cases use it.
                case "sub": c.Sub = ConstraintString(name, v); break;
                case "time": c.Time = TimeConstraint(v); break;
                default: throw BuiltinException.Error($"unknown token validation constraint: {name}");
            }
        }
        if (c.Time < 0) c.Time = context.NowNanoseconds;
        var keySources = (c.Keys is not null ? 1 : 0) + (c.Secret.Length > 0 ? 1 : 0);
        if (keySources > 1) throw BuiltinException.Error("duplicate key constraints");
        if (keySources < 1) throw BuiltinException.Error("no key constraint");
        return c;
    }

    private static string ConstraintString(string name, Value v) =>
        v is StringValue s ? s.Value : throw BuiltinException.Error($"{name} constraint: must be a string");

    private static double TimeConstraint(Value v)
    {
        if (v is not NumberValue n) throw BuiltinException.Error("token time constraint: must be a number");
        var t = n.ToDouble();
        if (t < 0) throw BuiltinException.Error("token time constraint: must not be negative");
        return t;
    }

    private sealed class HeaderFields
    {
        public string Alg = "";
        public string Kid = "";
        public string Cty = "";
        public HashSet<string>? Crit;
        public readonly List<string> Unknown = [];

        /// <summary>RFC 7515: alg is required, and every critical parameter must be understood.</summary>
        public bool Valid => Alg.Length > 0 && !Unknown.Any(u => Crit?.Contains(u) == true);
    }

    private static HeaderFields ParseHeader(ObjectValue header)
    {
        var h = new HeaderFields();
        foreach (var (k, v) in header.Entries)
        {
            var name = k is StringValue ks ? ks.Value : k.ToString();
            switch (name)
            {
                case "alg": h.Alg = HeaderString(name, v); break;
                case "kid": h.Kid = HeaderString(name, v); break;
                case "typ": HeaderString(name, v); break;
                case "cty": h.Cty = HeaderString(name, v); break;
                case "crit":
                    if (v is not ArrayValue list) throw BuiltinException.Error("crit: must be a list");
                    h.Crit = [];
                    foreach (var item in list.Items)
                    {
                        if (item is not StringValue si) throw BuiltinException.Error("crit: must be a list of strings");
                        h.Crit.Add(si.Value);
                    }
                    if (h.Crit.Count == 0) throw BuiltinException.Error("crit: must be a nonempty list");
                    break;
                default: h.Unknown.Add(name); break;
            }
        }
        return h;
    }

    private static string HeaderString(string name, Value v) =>
        v is StringValue s ? s.Value : throw BuiltinException.Error($"{name}: must be a string");

    private static Value DecodeVerify(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var constraintsObject = BuiltinArgs.Object(args, 1);
        var constraints = ParseConstraints(constraintsObject, context);
        Value jwt = args[0];
        ObjectValue header;
        byte[] payloadBytes;
        while (true)
        {
            var token = Split(jwt);
            header = DecodeHeader(token);
            var fields = ParseHeader(header);
            if (!fields.Valid) return Unverified;
            if (constraints.Alg.Length > 0 && constraints.Alg != fields.Alg) return Unverified;
            var signature = DecodeSignature(token);
            if (!VerifyConstrained(constraints, fields, token.SigningInput, signature)) return Unverified;
            payloadBytes = DecodePayload(token);
            if (!string.Equals(fields.Cty, "JWT", StringComparison.OrdinalIgnoreCase)) break;
            jwt = new StringValue(Encoding.UTF8.GetString(payloadBytes));
        }
        var payload = JsonObject(payloadBytes);
        if (constraints.Iss.Length > 0 && !(payload.Get("iss") is StringValue iss && iss.Value == constraints.Iss)) return Unverified;
        if (constraints.Sub.Length > 0 && !(payload.Get("sub") is StringValue sub && sub.Value == constraints.Sub)) return Unverified;
        if (payload.Get("aud") is { } aud)
        {
            if (!ValidAudience(aud, constraints.Aud)) return Unverified;
        }
        else if (constraints.Aud.Length > 0)
        {
            return Unverified;
        }
        // exp and nbf are seconds; the constraint time is nanoseconds.
        var now = constraints.Time / 1e9;
        if (payload.Get("exp") is { } exp)
        {
            if (exp is not NumberValue expN) throw BuiltinException.Error("exp value must be a number");
            if (now >= expN.ToDouble()) return Unverified;
        }
        if (payload.Get("nbf") is { } nbf)
        {
            if (nbf is not NumberValue nbfN) throw BuiltinException.Error("nbf value must be a number");
            if (now < nbfN.ToDouble()) return Unverified;
        }
        return new ArrayValue([BooleanValue.True, header, payload]);
    }

    private static bool VerifyConstrained(Constraints constraints, HeaderFields header, byte[] input, byte[] signature)
    {
        var algorithm = JwsAlgorithm.Get(header.Alg);
        if (constraints.Keys is { } keys)
        {
            // A kid in the header selects the key with that kid, when there is one.
            if (header.Kid.Length > 0 && keys.FirstOrDefault(k => k.Kid == header.Kid) is { } byKid)
                return algorithm.Verify(byKid, input, signature);
            foreach (var key in keys)
            {
                if (key.Alg is { Length: > 0 } keyAlg && keyAlg != header.Alg) continue;
                if (algorithm.Verify(key, input, signature)) return true;
            }
            return false;
        }
        var secret = new JwtKey { KeyType = "oct", Secret = Encoding.UTF8.GetBytes(constraints.Secret), IsPrivate = true };
        if (algorithm.KeyType != "oct") throw BuiltinException.Error("incorrect public key type");
        return algorithm.Verify(secret, input, signature);
    }

    private static bool ValidAudience(Value aud, string wanted) => aud switch
    {
        StringValue s => s.Value == wanted,
        ArrayValue a => a.Items.ToArray().Any(e => e is StringValue es && es.Value == wanted),
        _ => false,
    };

    // Signing ------------------------------------------------------------------------------------------------

    private static Value EncodeSign(ReadOnlySpan<Value> args)
    {
        var headers = BuiltinArgs.Object(args, 0);
        var payload = BuiltinArgs.Object(args, 1);
        var key = BuiltinArgs.Object(args, 2);
        // OPA 1.x signs the compact JSON of the objects (sorted keys, Go's escaping), so tokens match OPA's byte for byte.
        return Sign(headers.ToJson(), payload.ToJson(), JsonWebKeys.ParseSet(key.ToJson(), "failed to parse JWK"));
    }

    private static Value EncodeSignRaw(ReadOnlySpan<Value> args)
    {
        var key = BuiltinArgs.String(args, 2);
        var headers = BuiltinArgs.String(args, 0);
        var payload = BuiltinArgs.String(args, 1);
        return Sign(headers, payload, JsonWebKeys.ParseSet(key, "failed to parse JWK"));
    }

    private static Value Sign(string headerText, string payloadText, List<JwtKey> keys)
    {
        if (keys.Count == 0) throw BuiltinException.Error("no JWK given");
        var key = keys[0];
        var header = SigningHeader(headerText);
        var alg = header.Get("alg") is StringValue a
            ? a.Value
            : throw BuiltinException.Error($"{MissingAlg}: unsupported signature algorithm");
        // "none" is a registered JWS algorithm that cannot sign; any other name that is not one is unknown.
        var algorithm = JwsAlgorithm.Find(alg) ?? throw BuiltinException.Error(alg == "none"
            ? "unsupported signature algorithm: none"
            : $"unknown JWS algorithm: {alg}");
        var typ = header.Get("typ") is StringValue t ? t.Value : "";
        if ((typ.Length == 0 || typ == "JWT") && !IsJson(payloadText)) throw BuiltinException.Error("type is JWT but payload is not JSON");
        if (algorithm.KeyType != key.KeyType)
            throw BuiltinException.Error($"failed to sign payload: algorithm {alg} cannot use a key of type {key.KeyType}");
        var signingInput = GoBase64.EncodeUrlNoPad(Encoding.UTF8.GetBytes(headerText)) + "." + GoBase64.EncodeUrlNoPad(Encoding.UTF8.GetBytes(payloadText));
        var signature = algorithm.Sign(key, Encoding.UTF8.GetBytes(signingInput));
        return new StringValue(signingInput + "." + GoBase64.EncodeUrlNoPad(signature));
    }

    private const string MissingAlg = "missing or invalid 'alg' header";

    /// <summary>
    /// The protected header of a token being signed. Like OPA 1.x, a header that is not JSON is reported as a missing
    /// or invalid "alg" ("cannot parse JSON: ..."), with the JSON syntax error in Go's words.
    /// </summary>
    private static ObjectValue SigningHeader(string headerText)
    {
        var bytes = Encoding.UTF8.GetBytes(headerText);
        var error = GoJsonSyntax.ScanValue(bytes, 0, out var end);
        if (error is null)
        {
            var i = end;
            while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
            if (i < bytes.Length) error = $"invalid character '{(char)bytes[i]}' after top-level value";
        }
        else if (error == "EOF")
        {
            error = "cannot parse empty string";
        }
        if (error is not null) throw BuiltinException.Error($"{MissingAlg}: cannot parse JSON: {error}");
        return JsonValueReader.Parse(bytes) as ObjectValue
            ?? throw BuiltinException.Error($"{MissingAlg}: cannot parse JSON: header is not a JSON object");
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonValueReader.Parse(text);
            return true;
        }
        catch (RegoException)
        {
            return false;
        }
    }
}
