using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Conductor.Rego.Values;

/// <summary>
/// Reads YAML text into a <see cref="Value"/> the way OPA sees YAML (converted to JSON first): mappings become
/// objects with string keys, sequences arrays, and plain scalars are resolved by the YAML 1.2 core schema
/// (<c>true</c>/<c>false</c>, <c>null</c>/<c>~</c>/empty, decimal, <c>0o</c> and <c>0x</c> integers, floats);
/// quoted and block scalars stay strings. Anchors, aliases and <c>&lt;&lt;</c> merge keys are supported.
/// Only the first document of a stream is read; an empty stream is <c>null</c>.
/// Malformed text, nesting beyond <c>maxDepth</c>, alias expansion beyond a node budget and values JSON cannot
/// hold (<c>.inf</c>, <c>.nan</c>) raise a <see cref="RegoException"/> with code
/// <see cref="RegoErrorCodes.InvalidInput"/> and the file, line and column of the problem.
/// </summary>
public static class YamlValueReader
{
    public const int DefaultMaxDepth = 1000;

    /// <summary>Budget of nodes a document may expand to through aliases (a "billion laughs" guard).</summary>
    public const long MaxExpandedNodes = 10_000_000;

    private const string TagPrefix = "tag:yaml.org,2002:";

    private static readonly Regex CoreInt = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex CoreOctal = new(@"^0o[0-7]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex CoreHex = new(@"^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex CoreFloat = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Reads the first document of <paramref name="yaml"/>; <paramref name="file"/> names it in error locations.</summary>
    public static Value Parse(string yaml, string file = "", int maxDepth = DefaultMaxDepth)
    {
        if (yaml.Length > 0 && yaml[0] == '\uFEFF') yaml = yaml[1..];
        var progress = new Progress();
        try
        {
            return ReadFirstDocument(new Parser(new StringReader(yaml)), file, maxDepth, progress);
        }
        catch (YamlException e) when (e.Message.Contains("found extra spaces in first line", StringComparison.Ordinal)
                                      && BlankLeadingLinesOfIndentedBlocks(yaml) is { } repaired)
        {
            // YamlDotNet rejects whitespace-only first lines in a block scalar with an explicit indentation
            // indicator ("|1"), which the YAML spec and libyaml-based readers (OPA's, rego-cpp's) accept.
            // Retry with those lines blanked: they only carry line breaks (plus surplus spaces, dropped here).
            progress = new Progress();
            try
            {
                return ReadFirstDocument(new Parser(new StringReader(repaired)), file, maxDepth, progress);
            }
            catch (YamlException e2)
            {
                throw new RegoException(RegoErrorCodes.InvalidInput, "yaml: " + CleanMessage(e2.Message), At(file, e2.Start));
            }
            catch (Exception e3) when (e3 is InvalidOperationException or ArgumentException)
            {
                throw Malformed(file, progress);
            }
        }
        catch (YamlException e)
        {
            throw new RegoException(RegoErrorCodes.InvalidInput, "yaml: " + CleanMessage(e.Message), At(file, e.Start));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw Malformed(file, progress);
        }
    }

    /// <summary>Where reading got to: YamlDotNet's scanner fails on some malformed input without a location of its own.</summary>
    private sealed class Progress
    {
        public Mark Last = Mark.Empty;
    }

    private static RegoException Malformed(string file, Progress progress) =>
        new(RegoErrorCodes.InvalidInput, "yaml: malformed YAML after this point", At(file, progress.Last));

    private static readonly Regex IndentedBlockHeader = new(@"[|>][-+]?[1-9][-+]?\s*(#.*)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static string? BlankLeadingLinesOfIndentedBlocks(string yaml)
    {
        var lines = yaml.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IndentedBlockHeader.IsMatch(lines[i].TrimEnd('\r'))) continue;
            for (var j = i + 1; j < lines.Length && lines[j].TrimEnd('\r').Length > 0 && string.IsNullOrWhiteSpace(lines[j]); j++)
            {
                lines[j] = lines[j].EndsWith('\r') ? "\r" : "";
                changed = true;
            }
        }
        return changed ? string.Join('\n', lines) : null;
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) message = message[(cut + 3)..];
        return message.Trim().TrimEnd('.');
    }

    private static SourceLocation At(string file, Mark mark) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private sealed class Frame
    {
        public required bool IsMapping;
        public required AnchorName Anchor;
        public required Mark Start;
        public List<Value>? Items;
        public ObjectBuilder? Object;
        public string? PendingKey;
        public bool PendingMerge;
        public Mark PendingKeyMark;
        public List<(Value Value, Mark Mark)>? Merges;
        public long Weight = 1;
    }

    private static Value ReadFirstDocument(Parser parser, string file, int maxDepth, Progress progress)
    {
        var anchors = new Dictionary<string, (Value Value, long Weight)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        long expanded = 0;
        var inDocument = false;

        while (parser.MoveNext())
        {
            var ev = parser.Current!;
            progress.Last = ev.End;
            Value value;
            long weight;
            switch (ev)
            {
                case StreamStart:
                    continue;
                case DocumentStart:
                    inDocument = true;
                    continue;
                case DocumentEnd:
                case StreamEnd:
                    // A document without a node (or an empty stream) is null, as for OPA.
                    return NullValue.Instance;
                case MappingStart ms:
                    if (stack.Count >= maxDepth)
                        throw new RegoException(RegoErrorCodes.InvalidInput, $"YAML nested deeper than the limit of {maxDepth}", At(file, ms.Start));
                    stack.Push(new Frame { IsMapping = true, Anchor = ms.Anchor, Start = ms.Start, Object = new ObjectBuilder() });
                    continue;
                case SequenceStart ss:
                    if (stack.Count >= maxDepth)
                        throw new RegoException(RegoErrorCodes.InvalidInput, $"YAML nested deeper than the limit of {maxDepth}", At(file, ss.Start));
                    stack.Push(new Frame { IsMapping = false, Anchor = ss.Anchor, Start = ss.Start, Items = new List<Value>() });
                    continue;
                case MappingEnd:
                {
                    var f = stack.Pop();
                    value = FinishMapping(f, file);
                    weight = f.Weight;
                    if (!f.Anchor.IsEmpty) anchors[f.Anchor.Value] = (value, weight);
                    break;
                }
                case SequenceEnd:
                {
                    var f = stack.Pop();
                    value = f.Items!.Count == 0 ? ArrayValue.Empty : new ArrayValue(f.Items.ToArray());
                    weight = f.Weight;
                    if (!f.Anchor.IsEmpty) anchors[f.Anchor.Value] = (value, weight);
                    break;
                }
                case Scalar sc:
                    value = ResolveScalar(sc, file);
                    weight = 1;
                    if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = (value, weight);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new RegoException(RegoErrorCodes.InvalidInput, $"yaml: unknown anchor '{alias.Value.Value}' referenced", At(file, alias.Start));
                    value = target.Value;
                    weight = target.Weight;
                    expanded += weight;
                    if (expanded > MaxExpandedNodes)
                        throw new RegoException(RegoErrorCodes.InvalidInput,
                            $"yaml: document expands to more than {MaxExpandedNodes} nodes through aliases", At(file, alias.Start));
                    break;
                default:
                    continue;
            }

            if (!inDocument) continue;
            if (stack.Count == 0) return value;
            var top = stack.Peek();
            top.Weight += weight;
            if (!top.IsMapping)
            {
                top.Items!.Add(value);
                continue;
            }
            if (top.PendingKey is null && !top.PendingMerge)
            {
                // This node is a key.
                if (ev is Scalar { Style: ScalarStyle.Plain, Value: "<<" } ks && ks.Tag.IsEmpty)
                {
                    top.PendingMerge = true;
                    top.PendingKeyMark = ks.Start;
                }
                else
                {
                    top.PendingKey = KeyText(value, file, ev.Start);
                    top.PendingKeyMark = ev.Start;
                }
                continue;
            }
            if (top.PendingMerge)
            {
                (top.Merges ??= []).Add((value, ev.Start));
                top.PendingMerge = false;
                continue;
            }
            // Later duplicate keys replace earlier ones, as with OPA's YAML reader.
            top.Object!.Set(top.PendingKey!, value);
            top.PendingKey = null;
        }
        return NullValue.Instance;
    }

    private static ObjectValue FinishMapping(Frame f, string file)
    {
        if (f.Merges is null) return f.Object!.Build();
        // Explicit keys win over merged ones; among merged mappings the first one listed wins (YAML merge key spec).
        var result = new ObjectBuilder();
        var sources = new List<ObjectValue>();
        foreach (var (v, mark) in f.Merges)
        {
            switch (v)
            {
                case ObjectValue o:
                    sources.Add(o);
                    break;
                case ArrayValue a:
                    foreach (var item in a.Items)
                    {
                        if (item is not ObjectValue mo)
                            throw new RegoException(RegoErrorCodes.InvalidInput, "yaml: map merge requires map or sequence of maps as the value", At(file, mark));
                        sources.Add(mo);
                    }
                    break;
                default:
                    throw new RegoException(RegoErrorCodes.InvalidInput, "yaml: map merge requires map or sequence of maps as the value", At(file, mark));
            }
        }
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            foreach (var kv in sources[i].Entries) result.Set(kv.Key, kv.Value);
        }
        foreach (var kv in f.Object!.Build().Entries) result.Set(kv.Key, kv.Value);
        return result.Build();
    }

    /// <summary>JSON object keys are strings: scalar keys are converted to their text, as YAML-to-JSON conversion does.</summary>
    private static string KeyText(Value key, string file, Mark mark) => key switch
    {
        StringValue s => s.Value,
        NumberValue n => n.ToText(),
        BooleanValue b => b.Value ? "true" : "false",
        NullValue => throw new RegoException(RegoErrorCodes.InvalidInput, "yaml: unsupported map key: null", At(file, mark)),
        _ => throw new RegoException(RegoErrorCodes.InvalidInput, $"yaml: unsupported map key of type {key.TypeName}", At(file, mark)),
    };

    private static Value ResolveScalar(Scalar sc, string file)
    {
        var text = sc.Value;
        string? tag = null;
        if (!sc.Tag.IsEmpty && !sc.Tag.IsNonSpecific)
        {
            tag = sc.Tag.Value.StartsWith(TagPrefix, StringComparison.Ordinal) ? sc.Tag.Value[TagPrefix.Length..] : sc.Tag.Value;
        }
        if (tag is null)
        {
            // Quoted and block scalars (and "!"-tagged ones) are strings; only plain scalars are resolved.
            return sc.Style == ScalarStyle.Plain && sc.Tag.IsEmpty ? ResolvePlain(text, sc, file) : new StringValue(text);
        }
        switch (tag)
        {
            case "str":
                return new StringValue(text);
            case "null":
            case "bool":
            case "int":
            case "float":
            {
                var v = ResolvePlain(text, sc, file);
                var ok = tag switch
                {
                    "null" => v is NullValue,
                    "bool" => v is BooleanValue,
                    "int" => v is NumberValue { IsInteger: true },
                    _ => v is NumberValue,
                };
                if (!ok)
                    throw new RegoException(RegoErrorCodes.InvalidInput, $"yaml: cannot decode '{text}' as !!{tag}", At(file, sc.Start));
                return v;
            }
            default:
                // Other tags (custom or !!binary, !!timestamp) carry their text.
                return new StringValue(text);
        }
    }

    private static Value ResolvePlain(string text, Scalar sc, string file)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return NullValue.Instance;
            case "true" or "True" or "TRUE":
                return BooleanValue.True;
            case "false" or "False" or "FALSE":
                return BooleanValue.False;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                throw new RegoException(RegoErrorCodes.InvalidInput, $"yaml: unsupported value {text}: JSON has no infinities or NaN", At(file, sc.Start));
        }
        if (text.Length == 0 || text.Length > 4096) return new StringValue(text);
        var c = text[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return new StringValue(text);
        if (CoreInt.IsMatch(text))
        {
            return NumberValue.Parse(text.TrimStart('+')) ?? (Value)new StringValue(text);
        }
        if (CoreOctal.IsMatch(text))
        {
            BigInteger v = 0;
            foreach (var d in text.AsSpan(2)) v = v * 8 + (d - '0');
            return NumberValue.Of(v);
        }
        if (CoreHex.IsMatch(text))
        {
            return NumberValue.Of(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }
        if (CoreFloat.IsMatch(text))
        {
            var literal = text.TrimStart('+');
            // .5 and 5. are YAML floats but not JSON literals: normalise before reading the exact value.
            if (literal.StartsWith('.')) literal = "0" + literal;
            else if (literal.StartsWith("-.", StringComparison.Ordinal)) literal = "-0" + literal[1..];
            literal = literal.Replace(".e", ".0e", StringComparison.Ordinal).Replace(".E", ".0E", StringComparison.Ordinal);
            if (literal.EndsWith('.')) literal += "0";
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d))
            {
                // Out of range for a double: OPA's reader keeps such a scalar as a string.
                return new StringValue(text);
            }
            return NumberValue.Parse(literal) ?? (Value)new StringValue(text);
        }
        return new StringValue(text);
    }
}
