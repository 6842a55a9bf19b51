using System.Globalization;
using System.Numerics;
using Conductor.Rego.Values;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Conductor.Rego.Builtins.Yaml;

/// <summary>
/// Reads YAML as OPA's yaml.unmarshal does (sigs.k8s.io/yaml: go-yaml v2, then JSON): YAML 1.1 resolution of plain
/// scalars (y/yes/on/n/no/off are booleans, 017 is octal, 0b101 binary, underscores in numbers), keys as strings,
/// anchors, aliases and merge keys; only the first document. Event-driven, so deep nesting cannot overflow the stack;
/// alias expansion has a node budget. Failures raise <see cref="BuiltinException"/> with "yaml: line N: ..." texts.
/// </summary>
internal static class GoYamlReader
{
    // The same nesting limit as JSON input: deeper values would make later recursive walks (marshal, compare) risky.
    private const int MaxDepth = JsonValueReader.DefaultMaxDepth;
    private const long MaxExpandedNodes = 10_000_000;

    private sealed class Frame
    {
        public bool IsMapping;
        public string? Anchor;
        public List<Value>? Items;
        public List<(Value Key, Value Value)>? Pairs;
        public Value? PendingKey;
        public bool PendingMerge;
        public List<Value>? Merges;
        public long Weight = 1;
    }

    /// <summary>Reads the first document; with <paramref name="forJson"/> false, values JSON cannot hold (.inf, .nan) are accepted (yaml.is_valid).</summary>
    public static Value Parse(string text, bool forJson = true)
    {
        try
        {
            return Read(new Parser(new StringReader(text)), forJson);
        }
        catch (YamlException e)
        {
            throw BuiltinException.Error($"yaml: line {Math.Max(1, e.Start.Line)}: {CleanMessage(e.Message)}");
        }
    }

    private static string CleanMessage(string message)
    {
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) message = message[(cut + 3)..];
        return message.Trim().TrimEnd('.');
    }

    private static Value Read(Parser parser, bool forJson)
    {
        var anchors = new Dictionary<string, (Value Value, long Weight)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        long expanded = 0;
        while (parser.MoveNext())
        {
            var ev = parser.Current!;
            Value value;
            long weight = 1;
            var isMergeKey = false;
            switch (ev)
            {
                case StreamStart or DocumentStart:
                    continue;
                case DocumentEnd or StreamEnd:
                    return NullValue.Instance;
                case MappingStart ms:
                    if (stack.Count >= MaxDepth) throw new YamlException(ms.Start, ms.End, "exceeded max depth of " + MaxDepth);
                    stack.Push(new Frame { IsMapping = true, Anchor = ms.Anchor.IsEmpty ? null : ms.Anchor.Value, Pairs = [] });
                    continue;
                case SequenceStart ss:
                    if (stack.Count >= MaxDepth) throw new YamlException(ss.Start, ss.End, "exceeded max depth of " + MaxDepth);
                    stack.Push(new Frame { Anchor = ss.Anchor.IsEmpty ? null : ss.Anchor.Value, Items = [] });
                    continue;
                case MappingEnd me:
                {
                    var f = stack.Pop();
                    value = FinishMapping(f, me.Start);
                    weight = f.Weight;
                    if (f.Anchor is not null) anchors[f.Anchor] = (value, weight);
                    break;
                }
                case SequenceEnd:
                {
                    var f = stack.Pop();
                    value = new ArrayValue(f.Items!.ToArray());
                    weight = f.Weight;
                    if (f.Anchor is not null) anchors[f.Anchor] = (value, weight);
                    break;
                }
                case Scalar sc:
                    isMergeKey = sc.Style == ScalarStyle.Plain && sc.Value == "<<" && sc.Tag.IsEmpty;
                    value = Resolve(sc, forJson);
                    if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = (value, 1);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
                    value = target.Value;
                    weight = target.Weight;
                    expanded += weight;
                    if (expanded > MaxExpandedNodes) throw new YamlException(alias.Start, alias.End, "document contains excessive aliasing");
                    break;
                default:
                    continue;
            }
            if (stack.Count == 0) return value;
            var top = stack.Peek();
            top.Weight += weight;
            if (!top.IsMapping)
            {
                top.Items!.Add(value);
            }
            else if (top.PendingKey is null && !top.PendingMerge)
            {
                if (isMergeKey) top.PendingMerge = true;
                else top.PendingKey = value;
            }
            else if (top.PendingMerge)
            {
                (top.Merges ??= []).Add(value);
                top.PendingMerge = false;
            }
            else
            {
                top.Pairs!.Add((top.PendingKey!, value));
                top.PendingKey = null;
            }
        }
        return NullValue.Instance;
    }

    private static ObjectValue FinishMapping(Frame f, Mark mark)
    {
        var b = new ObjectBuilder();
        if (f.Merges is not null)
        {
            // Explicit keys win over merged ones; earlier merged mappings win over later ones.
            var sources = new List<ObjectValue>();
            foreach (var m in f.Merges)
            {
                switch (m)
                {
                    case ObjectValue o:
                        sources.Add(o);
                        break;
                    case ArrayValue a when a.Items.ToArray().All(i => i is ObjectValue):
                        sources.AddRange(a.Items.ToArray().Cast<ObjectValue>());
                        break;
                    default:
                        throw new YamlException(mark, mark, "map merge requires map or sequence of maps as the value");
                }
            }
            for (var i = sources.Count - 1; i >= 0; i--)
            {
                foreach (var (k, v) in sources[i].Entries) b.Set(k, v);
            }
        }
        foreach (var (k, v) in f.Pairs!) b.Set(KeyText(k, mark), v);
        return b.Build();
    }

    /// <summary>sigs.k8s.io/yaml turns scalar keys into strings (true -> "true", 1 -> "1", null -> "null").</summary>
    private static Value KeyText(Value key, Mark mark) => key switch
    {
        StringValue => key,
        NumberValue n => new StringValue(n.IsInteger ? n.ToText() : GoFloatFormat.Shortest(n.ToDouble())),
        BooleanValue b => new StringValue(b.Value ? "true" : "false"),
        NullValue => new StringValue("null"),
        _ => throw new YamlException(mark, mark, $"unsupported map key type {key.TypeName}"),
    };


    private static Value Resolve(Scalar sc, bool forJson)
    {
        var text = sc.Value;
        if (!sc.Tag.IsEmpty && !sc.Tag.IsNonSpecific)
        {
            var tag = sc.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? sc.Tag.Value["tag:yaml.org,2002:".Length..] : sc.Tag.Value;
            if (tag is "str" or "binary" or "timestamp") return new StringValue(text);
            var v = ResolvePlain(text, sc, forJson);
            var ok = tag switch
            {
                "null" => v is NullValue,
                "bool" => v is BooleanValue,
                "int" => v is NumberValue { IsInteger: true },
                "float" => v is NumberValue,
                "map" or "seq" => false,
                _ => true,
            };
            if (!ok) throw new YamlException(sc.Start, sc.End, $"cannot decode !!{tag} `{text}`");
            return tag == "float" && v is NumberValue nv && nv.IsInteger ? nv : v;
        }
        return sc.Style == ScalarStyle.Plain && sc.Tag.IsEmpty ? ResolvePlain(text, sc, forJson) : new StringValue(text);
    }

    private static Value ResolvePlain(string text, Scalar sc, bool forJson)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return NullValue.Instance;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return BooleanValue.True;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return BooleanValue.False;
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                // JSON cannot hold these; sigs.k8s.io/yaml fails to convert them.
                if (!forJson) return new StringValue(text);
                throw new YamlException(sc.Start, sc.End, $"json: unsupported value: {(text.Contains("nan", StringComparison.OrdinalIgnoreCase) ? "NaN" : text.StartsWith('-') ? "-Inf" : "+Inf")}");
        }
        var c = text[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return new StringValue(text);
        var plain = text.Replace("_", "");
        if (TryParseGoInt(plain, out var integer)) return NumberValue.Of(integer);
        if (IsYamlFloat(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
        {
            return NumberValue.Parse(NormalizeFloat(plain)) ?? NumberValue.Of(d) ?? (Value)new StringValue(text);
        }
        return new StringValue(text);
    }

    private static string NormalizeFloat(string s)
    {
        s = s.TrimStart('+');
        if (s.StartsWith('.')) s = "0" + s;
        else if (s.StartsWith("-.", StringComparison.Ordinal)) s = "-0" + s[1..];
        s = s.Replace(".e", ".0e", StringComparison.OrdinalIgnoreCase);
        if (s.EndsWith('.')) s += "0";
        return s;
    }

    private static bool IsYamlFloat(string s)
    {
        // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
        var i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var frac = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; frac++; }
            if (digits == 0 && frac == 0) return false;
        }
        else if (digits == 0)
        {
            return false;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }

    /// <summary>Go's strconv.ParseInt(s, 0, 64) (then ParseUint), as go-yaml v2 resolves ints: 0x, 0o, 0b prefixes and leading-zero octal.</summary>
    private static bool TryParseGoInt(string s, out BigInteger value)
    {
        value = 0;
        var neg = false;
        var i = 0;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            neg = s[0] == '-';
            i = 1;
        }
        if (i >= s.Length) return false;
        var radix = 10;
        if (s.Length - i > 1 && s[i] == '0')
        {
            switch (s[i + 1])
            {
                case 'x' or 'X': radix = 16; i += 2; break;
                case 'o' or 'O': radix = 8; i += 2; break;
                case 'b' or 'B': radix = 2; i += 2; break;
                default: radix = 8; i += 1; break;
            }
            if (i >= s.Length) return false;
        }
        BigInteger v = 0;
        for (; i < s.Length; i++)
        {
            var digit = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix) return false;
            v = v * radix + digit;
        }
        // Beyond 64 bits go-yaml falls back to a float.
        if (neg ? -v < long.MinValue : v > ulong.MaxValue) return false;
        value = neg ? -v : v;
        return true;
    }
}
