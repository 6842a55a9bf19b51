using System.Text;

namespace Conductor.Rego.Builtins.Json;

/// <summary>
/// Go's encoding/json scanner as a checker, for Go's error texts ("invalid character 'p' looking for beginning of
/// value", "unexpected EOF") and for json.Valid. Works on UTF-8 bytes with an explicit stack, so nesting depth costs
/// no call stack.
/// </summary>
internal static class GoJsonSyntax
{
    private enum Parse : byte { ObjectKey, ObjectValue, ArrayValue }

    /// <summary>Go's scanner limit.</summary>
    private const int MaxNestingDepth = 10000;

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Go's quoteChar: the byte in single quotes, escaped as strconv.Quote would.</summary>
    private static string QuoteChar(byte c)
    {
        if (c == '\'') return "'\\''";
        if (c == '"') return "'\"'";
        if (c < 0x20 || c >= 0x7f)
        {
            return c switch
            {
                (byte)'\n' => "'\\n'",
                (byte)'\r' => "'\\r'",
                (byte)'\t' => "'\\t'",
                (byte)'\a' => "'\\a'",
                (byte)'\b' => "'\\b'",
                (byte)'\f' => "'\\f'",
                (byte)'\v' => "'\\v'",
                < 0x80 => $"'\\x{c:x2}'",
                // A lone byte of a multi-byte sequence is invalid UTF-8 on its own: strconv.Quote writes \ufffd.
                _ => "'\\ufffd'",
            };
        }
        return "'" + (char)c + "'";
    }

    private static string Invalid(byte c, string context) => $"invalid character {QuoteChar(c)} {context}";

    /// <summary>
    /// Scans one JSON value at the start of <paramref name="s"/> (after optional whitespace). Returns null and the offset
    /// just past the value when it is well formed, or Go's error message.
    /// </summary>
    public static string? ScanValue(byte[] s, int start, out int end)
    {
        var stack = new Stack<Parse>();
        var i = start;
        end = start;
        while (true)
        {
            // Begin a value.
            while (i < s.Length && IsSpace(s[i])) i++;
            if (i >= s.Length) return stack.Count == 0 && i == start ? "EOF" : stack.Count == 0 && AllSpace(s, start) ? "EOF" : "unexpected EOF";
            var c = s[i];
            switch (c)
            {
                case (byte)'{':
                    i++;
                    while (i < s.Length && IsSpace(s[i])) i++;
                    if (i >= s.Length) return "unexpected EOF";
                    if (s[i] == '}')
                    {
                        i++;
                        break;
                    }
                    if (stack.Count >= MaxNestingDepth) return "exceeded max depth";
                    stack.Push(Parse.ObjectKey);
                    if (s[i] != '"') return Invalid(s[i], "looking for beginning of object key string");
                    {
                        var err = ScanString(s, ref i);
                        if (err is not null) return err;
                    }
                    if (ExpectColon(s, ref i) is { } colonError) return colonError;
                    stack.Pop();
                    stack.Push(Parse.ObjectValue);
                    continue;
                case (byte)'[':
                    i++;
                    while (i < s.Length && IsSpace(s[i])) i++;
                    if (i >= s.Length) return "unexpected EOF";
                    if (s[i] == ']')
                    {
                        i++;
                        break;
                    }
                    if (stack.Count >= MaxNestingDepth) return "exceeded max depth";
                    stack.Push(Parse.ArrayValue);
                    continue;
                case (byte)'"':
                {
                    var err = ScanString(s, ref i);
                    if (err is not null) return err;
                    break;
                }
                case (byte)'-' or >= (byte)'0' and <= (byte)'9':
                {
                    var err = ScanNumber(s, ref i);
                    if (err is not null) return err;
                    break;
                }
                case (byte)'t':
                {
                    var err = ScanLiteral(s, ref i, "true");
                    if (err is not null) return err;
                    break;
                }
                case (byte)'f':
                {
                    var err = ScanLiteral(s, ref i, "false");
                    if (err is not null) return err;
                    break;
                }
                case (byte)'n':
                {
                    var err = ScanLiteral(s, ref i, "null");
                    if (err is not null) return err;
                    break;
                }
                default:
                    return Invalid(c, "looking for beginning of value");
            }

            // End of a value: continue the enclosing container.
            while (true)
            {
                if (stack.Count == 0)
                {
                    end = i;
                    return null;
                }
                while (i < s.Length && IsSpace(s[i])) i++;
                if (i >= s.Length) return "unexpected EOF";
                c = s[i];
                if (stack.Peek() == Parse.ObjectValue)
                {
                    if (c == ',')
                    {
                        i++;
                        while (i < s.Length && IsSpace(s[i])) i++;
                        if (i >= s.Length) return "unexpected EOF";
                        if (s[i] != '"') return Invalid(s[i], "looking for beginning of object key string");
                        var err = ScanString(s, ref i);
                        if (err is not null) return err;
                        if (ExpectColon(s, ref i) is { } colonError) return colonError;
                        break;
                    }
                    if (c == '}')
                    {
                        i++;
                        stack.Pop();
                        continue;
                    }
                    return Invalid(c, "after object key:value pair");
                }
                if (c == ',')
                {
                    i++;
                    break;
                }
                if (c == ']')
                {
                    i++;
                    stack.Pop();
                    continue;
                }
                return Invalid(c, "after array element");
            }
        }
    }

    private static bool AllSpace(byte[] s, int start)
    {
        for (var i = start; i < s.Length; i++)
        {
            if (!IsSpace(s[i])) return false;
        }
        return true;
    }

    private static string? ExpectColon(byte[] s, ref int i)
    {
        while (i < s.Length && IsSpace(s[i])) i++;
        if (i >= s.Length) return "unexpected EOF";
        if (s[i] != ':') return Invalid(s[i], "after object key");
        i++;
        return null;
    }

    private static string? ScanString(byte[] s, ref int i)
    {
        i++; // opening quote
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                i++;
                return null;
            }
            if (c == '\\')
            {
                i++;
                if (i >= s.Length) return "unexpected EOF";
                var e = s[i];
                if (e is (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'/' or (byte)'"')
                {
                    i++;
                    continue;
                }
                if (e != 'u') return Invalid(e, "in string escape code");
                i++;
                for (var k = 0; k < 4; k++, i++)
                {
                    if (i >= s.Length) return "unexpected EOF";
                    if (!IsHex(s[i])) return Invalid(s[i], "in \\u hexadecimal character escape");
                }
                continue;
            }
            if (c < 0x20) return Invalid(c, "in string literal");
            i++;
        }
        return "unexpected EOF";
    }

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static bool IsDigit(byte[] s, int i) => i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9';

    private static string? ScanNumber(byte[] s, ref int i)
    {
        if (s[i] == '-')
        {
            i++;
            if (i >= s.Length) return "unexpected EOF";
            if (!IsDigit(s, i)) return Invalid(s[i], "in numeric literal");
        }
        if (s[i] == '0') i++;
        else while (IsDigit(s, i)) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length) return "unexpected EOF";
            if (!IsDigit(s, i)) return Invalid(s[i], "after decimal point in numeric literal");
            while (IsDigit(s, i)) i++;
        }
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-') i++;
            if (i >= s.Length) return "unexpected EOF";
            if (!IsDigit(s, i)) return Invalid(s[i], "in exponent of numeric literal");
            while (IsDigit(s, i)) i++;
        }
        return null;
    }

    private static string? ScanLiteral(byte[] s, ref int i, string literal)
    {
        for (var k = 0; k < literal.Length; k++, i++)
        {
            if (i >= s.Length) return "unexpected EOF";
            if (s[i] != literal[k]) return Invalid(s[i], $"in literal {literal} (expecting {QuoteChar((byte)literal[k])})");
        }
        return null;
    }

    /// <summary>Go's json.Valid: exactly one value, surrounded only by whitespace.</summary>
    public static bool Valid(byte[] s)
    {
        if (ScanValue(s, 0, out var end) is not null) return false;
        for (var i = end; i < s.Length; i++)
        {
            if (!IsSpace(s[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// OPA's util.UnmarshalJSON check: the first value must be well formed, and what follows it may only be whitespace
    /// (or, as Go's decoder.Token() quirk allows, a null). Returns Go's error text, or null with the first value's end.
    /// </summary>
    public static string? CheckDocument(byte[] s, out int end)
    {
        var error = ScanValue(s, 0, out end);
        if (error is not null) return error;
        var i = end;
        while (i < s.Length && IsSpace(s[i])) i++;
        if (i >= s.Length) return null;
        var c = s[i];
        switch (c)
        {
            case (byte)'{' or (byte)'[':
                return $"error: invalid character '{(char)c}' after top-level value";
            case (byte)'"' or (byte)'-' or >= (byte)'0' and <= (byte)'9' or (byte)'t' or (byte)'f' or (byte)'n':
            {
                var tokenError = ScanValue(s, i, out var tokenEnd);
                if (tokenError is not null) return tokenError;
                var token = Encoding.UTF8.GetString(s, i, tokenEnd - i);
                if (token == "null") return null;
                if (c == '"') token = token[1..^1];
                return $"error: invalid character '{token}' after top-level value";
            }
            default:
                return Invalid(c, "looking for beginning of value");
        }
    }
}
