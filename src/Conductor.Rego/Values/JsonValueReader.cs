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

    private sealed class Frame
    {
        public bool IsObject;
        public List<Value>? Items;
        public ObjectBuilder? Object;
        public Value? PendingKey;
    }

    private static Value ReadDocument(ref Utf8JsonReader reader, string file)
    {
        var stack = new Stack<Frame>();
        var shapes = new KeyShapeCache();
        Value? result = null;
        while (reader.Read())
        {
            Value? v = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack.Push(new Frame { IsObject = true, Object = new ObjectBuilder() });
                    continue;
                case JsonTokenType.StartArray:
                    stack.Push(new Frame { Items = new List<Value>() });
                    continue;
                case JsonTokenType.EndObject:
                    v = stack.Pop().Object!.Build(shapes);
                    break;
                case JsonTokenType.EndArray:
                    var items = stack.Pop().Items!;
                    v = items.Count == 0 ? ArrayValue.Empty : new ArrayValue(items.ToArray());
                    break;
                case JsonTokenType.PropertyName:
                    stack.Peek().PendingKey = StringValue.Intern(ReadString(ref reader));
                    continue;
                case JsonTokenType.String:
                    var sv = new StringValue(ReadString(ref reader));
                    // Hash now, while the string is in cache: comparisons of unequal strings then stop at the hash.
                    sv.GetHashCode();
                    v = sv;
                    break;
                case JsonTokenType.Number:
                    var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                    v = NumberValue.ParseLiteral(Encoding.ASCII.GetString(span))
                        ?? throw new RegoException(RegoErrorCodes.InvalidInput, "invalid number", new SourceLocation(file, 0, 0));
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
            if (stack.Count == 0)
            {
                result = v;
                continue;
            }
            var top = stack.Peek();
            if (top.IsObject)
            {
                top.Object!.Set(top.PendingKey!, v!);
                top.PendingKey = null;
            }
            else
            {
                top.Items!.Add(v!);
            }
        }
        return result ?? throw new RegoException(RegoErrorCodes.InvalidInput, "empty JSON document", new SourceLocation(file, 1, 1));
    }
}
