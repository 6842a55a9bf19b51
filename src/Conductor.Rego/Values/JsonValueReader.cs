using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Conductor.Rego.Values;

/// <summary>
/// Reads JSON text into <see cref="Value"/>s without recursion (so deep documents cannot overflow the stack),
/// keeping numbers exact. Malformed text or nesting beyond <c>maxDepth</c> raises a <see cref="RegoException"/>
/// with code <see cref="RegoErrorCodes.InvalidInput"/> and the line and column of the problem.
/// </summary>
public static class JsonValueReader
{
    public const int DefaultMaxDepth = 1000;

    public static Value Parse(string json, string file = "", int maxDepth = DefaultMaxDepth) =>
        Parse(Encoding.UTF8.GetBytes(json), file, maxDepth);

    public static Value Parse(ReadOnlySpan<byte> utf8, string file = "", int maxDepth = DefaultMaxDepth)
    {
        // Skip a UTF-8 byte order mark.
        if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF) utf8 = utf8[3..];
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = maxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            return ReadDocument(ref reader, file);
        }
        catch (JsonException e)
        {
            var row = (int)(e.LineNumber ?? 0) + 1;
            var col = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
                message = $"JSON nested deeper than the limit of {maxDepth}";
            throw new RegoException(RegoErrorCodes.InvalidInput, message.TrimEnd('.', ' '), new SourceLocation(file, row, col));
        }
    }

    /// <summary>
    /// The string at the reader. Escaped lone surrogates (<c>"\ud800"</c>), which Utf8JsonReader refuses, become
    /// U+FFFD as in Go's encoding/json.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
            return Unescape(raw);
        }
    }

    private static string Unescape(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                continue;
            }
            var e = raw[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < raw.Length:
                    sb.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
        // Pair surrogates; lone ones become the replacement character.
        var s = sb.ToString();
        var result = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Append(s[i]).Append(s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(s[i])) result.Append('\uFFFD');
            else result.Append(s[i]);
        }
        return result.ToString();
    }

    /// <summary>
    /// The container being read at one depth. Frames are reused for every container at their depth, so reading a
    /// document allocates only the values themselves (and the final arrays), not a builder per object.
    /// </summary>
    private sealed class Frame
    {
        public bool IsObject;
        public readonly List<Value> Keys = new();
        public readonly List<Value> Items = new();
        public Value? PendingKey;

        public void Start(bool isObject)
        {
            IsObject = isObject;
            Keys.Clear();
            Items.Clear();
            PendingKey = null;
        }

        public void Add(Value v)
        {
            if (IsObject)
            {
                Keys.Add(PendingKey!);
                PendingKey = null;
            }
            Items.Add(v);
        }

        public Value BuildArray() => Items.Count == 0 ? ArrayValue.Empty : new ArrayValue(Items.ToArray());

        public Value BuildObject(KeyShapeCache shapes)
        {
            if (Keys.Count == 0) return ObjectValue.Empty;
            RemoveDuplicateKeys();
            return new ObjectValue(shapes.Share(Keys), Items.ToArray());
        }

        // A later duplicate key replaces the earlier value and keeps the earlier position (as ObjectBuilder does).
        private void RemoveDuplicateKeys()
        {
            var n = Keys.Count;
            if (n <= 8)
            {
                for (var i = 1; i < n; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (!ReferenceEquals(Keys[i], Keys[j]) && !Keys[i].Equals(Keys[j])) continue;
                        Merge();
                        return;
                    }
                }
                return;
            }
            var seen = new HashSet<Value>(n);
            foreach (var k in Keys)
            {
                if (seen.Add(k)) continue;
                Merge();
                return;
            }
        }

        private void Merge()
        {
            var index = new Dictionary<Value, int>(Keys.Count);
            var keys = new List<Value>(Keys.Count);
            var items = new List<Value>(Keys.Count);
            for (var i = 0; i < Keys.Count; i++)
            {
                if (index.TryGetValue(Keys[i], out var at))
                {
                    items[at] = Items[i];
                    continue;
                }
                index[Keys[i]] = keys.Count;
                keys.Add(Keys[i]);
                items.Add(Items[i]);
            }
            Keys.Clear();
            Keys.AddRange(keys);
            Items.Clear();
            Items.AddRange(items);
        }
    }

    private static Value ReadDocument(ref Utf8JsonReader reader, string file)
    {
        var frames = new List<Frame>();
        var depth = 0;
        var shapes = new KeyShapeCache();
        Value? result = null;
        while (reader.Read())
        {
            Value v;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (depth == frames.Count) frames.Add(new Frame());
                    frames[depth++].Start(reader.TokenType == JsonTokenType.StartObject);
                    continue;
                case JsonTokenType.EndObject:
                    v = frames[--depth].BuildObject(shapes);
                    break;
                case JsonTokenType.EndArray:
                    v = frames[--depth].BuildArray();
                    break;
                case JsonTokenType.PropertyName:
                    frames[depth - 1].PendingKey = ReadKey(ref reader);
                    continue;
                case JsonTokenType.String:
                    var sv = new StringValue(ReadString(ref reader));
                    // Hash now, while the string is in cache: comparisons of unequal strings then stop at the hash.
                    sv.GetHashCode();
                    v = sv;
                    break;
                case JsonTokenType.Number:
                    v = ReadNumber(ref reader, file);
                    break;
                case JsonTokenType.True:
                    v = BooleanValue.True;
                    break;
                case JsonTokenType.False:
                    v = BooleanValue.False;
                    break;
                case JsonTokenType.Null:
                    v = NullValue.Instance;
                    break;
                default:
                    continue;
            }
            if (depth == 0) result = v;
            else frames[depth - 1].Add(v);
        }
        return result ?? throw new RegoException(RegoErrorCodes.InvalidInput, "empty JSON document", new SourceLocation(file, 1, 1));
    }

    // Keys are interned; an unescaped short key is looked up from its bytes, without allocating a string each time.
    private static StringValue ReadKey(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && StringValue.TryInternUtf8(reader.ValueSpan) is { } key) return key;
        return StringValue.Intern(ReadString(ref reader));
    }

    // A decimal such as 12.75 (NumberValue.IsPlainDecimal) needs no text of its own: its double prints it back.
    private static bool IsPlainDecimal(ReadOnlySpan<byte> span)
    {
        if (span.Length > 64) return false;
        Span<char> chars = stackalloc char[span.Length];
        return Ascii.ToUtf16(span, chars, out _) == OperationStatus.Done && NumberValue.IsPlainDecimal(chars);
    }

    // Plain integers are parsed from the bytes; anything else (fractions, exponents, huge values) keeps its text.
    private static NumberValue ReadNumber(ref Utf8JsonReader reader, string file)
    {
        if (!reader.HasValueSequence)
        {
            var span = reader.ValueSpan;
            if (span.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && reader.TryGetInt64(out var l))
            {
                return l == 0 && span[0] == (byte)'-' ? NumberValue.NegativeZero : NumberValue.Of(l);
            }
            if (IsPlainDecimal(span) && reader.TryGetDouble(out var d) && Math.Abs(d) >= 1e-6)
            {
                return NumberValue.FromPlainDecimal(d);
            }
        }
        var bytes = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        return NumberValue.ParseLiteral(Encoding.ASCII.GetString(bytes))
            ?? throw new RegoException(RegoErrorCodes.InvalidInput, "invalid number", new SourceLocation(file, 0, 0));
    }
}
