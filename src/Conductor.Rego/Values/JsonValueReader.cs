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
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString refuses escaped lone surrogates ("\ud800"); report it as bad input.
            var row = 1;
            throw new RegoException(RegoErrorCodes.InvalidInput, "invalid string: " + e.Message.TrimEnd('.'), new SourceLocation(file, row, 1));
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
                    stack.Peek().PendingKey = StringValue.Intern(reader.GetString()!);
                    continue;
                case JsonTokenType.String:
                    v = new StringValue(reader.GetString()!);
                    break;
                case JsonTokenType.Number:
                    var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                    v = NumberValue.Parse(Encoding.ASCII.GetString(span))
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
