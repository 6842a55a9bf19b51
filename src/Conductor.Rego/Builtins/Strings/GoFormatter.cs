using System.Globalization;
using System.Numerics;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// Go's fmt.Sprintf as OPA's sprintf calls it: integers are passed as Go ints (or *big.Int when large), other numbers
/// as float64, strings as strings, and every other value as the string of its Rego text. Verb/type mismatches and
/// missing or extra operands print Go's diagnostics (%!d(string=x), %!d(MISSING), %!(EXTRA ...)) instead of failing.
/// </summary>
internal static class GoFormatter
{
    private enum ArgKind { Int, BigInt, Float, String }

    private readonly record struct Arg(ArgKind Kind, long Int, BigInteger Big, double Float, string? Text)
    {
        public string GoType => Kind switch
        {
            ArgKind.Int => "int",
            ArgKind.BigInt => "*big.Int",
            ArgKind.Float => "float64",
            _ => "string",
        };
    }

    private struct Spec
    {
        public bool Plus, Minus, Sharp, Space, Zero;
        public int Width, Precision;
        public bool HasWidth, HasPrecision;
    }

    // A number goes to Go's fmt as OPA hands it over: an int when it is one, a big.Int when its text is a plain
    // integer, a float64 when it has a finite one, and otherwise its text (so 2e308 prints as "2e308").
    private static Arg ToArg(Value v) => v switch
    {
        NumberValue n when n.TryGetInt64(out var l) => new Arg(ArgKind.Int, l, default, 0, null),
        NumberValue n when n.IsInteger && IsPlainInteger(n.ToText()) => new Arg(ArgKind.BigInt, 0, n.ToBigInteger(), 0, null),
        NumberValue n when !double.IsInfinity(n.ToDouble()) => new Arg(ArgKind.Float, 0, default, n.ToDouble(), null),
        NumberValue n => new Arg(ArgKind.String, 0, default, 0, n.ToText()),
        StringValue s => new Arg(ArgKind.String, 0, default, 0, s.Value),
        _ => new Arg(ArgKind.String, 0, default, 0, RegoText.Of(v)),
    };

    private static bool IsPlainInteger(string text)
    {
        var start = text.StartsWith('-') ? 1 : 0;
        if (start == text.Length) return false;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
        }
        return true;
    }

    public static string Sprintf(string format, ReadOnlySpan<Value> values)
    {
        var args = new Arg[values.Length];
        for (var k = 0; k < values.Length; k++) args[k] = ToArg(values[k]);
        var sb = new StringBuilder(format.Length + 16);
        var argNum = 0;
        var reordered = false;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                var next = format.IndexOf('%', i);
                if (next < 0) next = format.Length;
                sb.Append(format, i, next - i);
                i = next;
                continue;
            }
            i++;
            var spec = new Spec();
            // Flags.
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '#': spec.Sharp = true; continue;
                    case '0': spec.Zero = !spec.Minus; continue;
                    case '+': spec.Plus = true; continue;
                    case '-': spec.Minus = true; spec.Zero = false; continue;
                    case ' ': spec.Space = true; continue;
                }
                break;
            }
            // Explicit argument index [n].
            if (TryArgIndex(format, ref i, args.Length, ref argNum)) reordered = true;
            // Width.
            if (i < format.Length && format[i] == '*')
            {
                i++;
                if (argNum < args.Length && args[argNum].Kind == ArgKind.Int)
                {
                    var w = args[argNum].Int;
                    spec.HasWidth = true;
                    if (w < 0)
                    {
                        spec.Minus = true;
                        spec.Zero = false;
                        w = -w;
                    }
                    spec.Width = (int)Math.Min(w, 1_000_000);
                }
                else sb.Append("%!(BADWIDTH)");
                argNum++;
            }
            else
            {
                spec.HasWidth = ParseNumber(format, ref i, out spec.Width);
            }
            // Precision.
            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (TryArgIndex(format, ref i, args.Length, ref argNum)) reordered = true;
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    if (argNum < args.Length && args[argNum].Kind == ArgKind.Int && args[argNum].Int >= 0)
                    {
                        spec.Precision = (int)Math.Min(args[argNum].Int, 1_000_000);
                        spec.HasPrecision = true;
                    }
                    else sb.Append("%!(BADPREC)");
                    argNum++;
                }
                else
                {
                    ParseNumber(format, ref i, out spec.Precision);
                    spec.HasPrecision = true;
                }
            }
            if (TryArgIndex(format, ref i, args.Length, ref argNum)) reordered = true;
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }
            var verb = VerbAt(format, i, out var verbWidth);
            i += verbWidth;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            if (argNum >= args.Length)
            {
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
                continue;
            }
            FormatArg(sb, args[argNum++], verb, spec);
        }
        if (!reordered && argNum < args.Length)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Length; k++)
            {
                if (k > argNum) sb.Append(", ");
                sb.Append(args[k].GoType).Append('=');
                FormatArg(sb, args[k], 'v', default);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static int VerbAt(string s, int i, out int width)
    {
        width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        if (width == 2) return char.ConvertToUtf32(s[i], s[i + 1]);
        return char.IsSurrogate(s[i]) ? 0xFFFD : s[i];
    }

    private static bool TryArgIndex(string format, ref int i, int count, ref int argNum)
    {
        if (i >= format.Length || format[i] != '[') return false;
        var close = format.IndexOf(']', i);
        if (close < 0) return false;
        if (int.TryParse(format.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count)
        {
            argNum = n - 1;
            i = close + 1;
            return true;
        }
        return false;
    }

    private static bool ParseNumber(string format, ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < format.Length && format[i] is >= '0' and <= '9')
        {
            value = Math.Min(value * 10 + (format[i] - '0'), 1_000_000);
            i++;
        }
        return i > start;
    }

    private static void FormatArg(StringBuilder sb, Arg arg, int verb, Spec spec)
    {
        if (verb == 'T')
        {
            Pad(sb, arg.GoType, spec, numeric: false);
            return;
        }
        switch (arg.Kind)
        {
            case ArgKind.Int:
                FormatInteger(sb, arg.Int, verb, spec, arg);
                break;
            case ArgKind.BigInt:
                FormatBigInteger(sb, arg.Big, verb, spec);
                break;
            case ArgKind.Float:
                FormatFloat(sb, arg.Float, verb, spec, arg);
                break;
            default:
                FormatString(sb, arg.Text!, verb, spec, arg);
                break;
        }
    }

    private static void BadVerb(StringBuilder sb, int verb, Arg arg)
    {
        sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(').Append(arg.GoType).Append('=');
        FormatArg(sb, arg, 'v', default);
        sb.Append(')');
    }

    private static void FormatInteger(StringBuilder sb, long value, int verb, Spec spec, Arg arg)
    {
        switch (verb)
        {
            case 'v' or 'd' or 'b' or 'o' or 'O' or 'x' or 'X':
                FormatIntegerDigits(sb, value, verb, spec);
                break;
            case 'c':
                Pad(sb, RuneText(value), spec, numeric: false);
                break;
            case 'q':
                Pad(sb, QuoteRune(value), spec, numeric: false);
                break;
            case 'U':
                var hex = value.ToString("X", CultureInfo.InvariantCulture);
                var min = spec.HasPrecision ? Math.Max(4, spec.Precision) : 4;
                var u = "U+" + hex.PadLeft(min, '0');
                if (spec.Sharp && value is >= 0 and <= 0x10FFFF && !(value is >= 0xD800 and <= 0xDFFF)) u += " '" + char.ConvertFromUtf32((int)value) + "'";
                Pad(sb, u, spec, numeric: false);
                break;
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 's' or 't' or 'p':
            default:
                BadVerb(sb, verb, arg);
                break;
        }
    }

    private static void FormatBigInteger(StringBuilder sb, BigInteger value, int verb, Spec spec)
    {
        switch (verb)
        {
            case 'v' or 's' or 'd' or 'b' or 'o' or 'O' or 'x' or 'X':
                FormatIntegerDigits(sb, value, verb is 'v' or 's' ? 'd' : verb, spec);
                break;
            default:
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(big.Int=").Append(value.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
        }
    }

    private static void FormatIntegerDigits(StringBuilder sb, BigInteger value, int verb, Spec spec)
    {
        var negative = value.Sign < 0;
        var radix = verb switch { 'b' => 2, 'o' or 'O' => 8, 'x' or 'X' => 16, _ => 10 };
        var digits = IntegerDigits(BigInteger.Abs(value), radix, verb == 'X');
        if (spec.HasPrecision)
        {
            if (spec.Precision == 0 && value.IsZero) digits = "";
            else if (digits.Length < spec.Precision) digits = new string('0', spec.Precision - digits.Length) + digits;
        }
        var prefix = "";
        if (verb == 'O') prefix = "0o";
        else if (spec.Sharp)
        {
            prefix = verb switch { 'b' => "0b", 'o' when !digits.StartsWith('0') => "0", 'x' => "0x", 'X' => "0X", _ => "" };
        }
        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        var body = prefix + digits;
        if (spec.Zero && spec.HasWidth && !spec.HasPrecision && !spec.Minus)
        {
            var padLen = spec.Width - sign.Length - body.Length;
            if (padLen > 0) body = new string('0', padLen) + body;
            sb.Append(sign).Append(body);
            return;
        }
        Pad(sb, sign + body, spec, numeric: false);
    }

    /// <summary>Digits of |value| in base 2, 8, 10 or 16 (lower-case unless <paramref name="upper"/>), with a leading '-' when negative.</summary>
    public static string IntegerDigits(BigInteger value, int radix, bool upper)
    {
        if (radix == 10) return value.ToString(CultureInfo.InvariantCulture);
        var negative = value.Sign < 0;
        var v = BigInteger.Abs(value);
        if (v.IsZero) return "0";
        var chars = new List<char>();
        var alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        while (!v.IsZero)
        {
            v = BigInteger.DivRem(v, radix, out var rem);
            chars.Add(alphabet[(int)rem]);
        }
        if (negative) chars.Add('-');
        chars.Reverse();
        return new string(chars.ToArray());
    }

    private static string RuneText(long value) =>
        value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";

    private static string QuoteRune(long value)
    {
        var r = value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? (int)value : 0xFFFD;
        if (r == '\'') return "'\\''";
        if (r == '"') return "'\"'";
        var sb = new StringBuilder("'");
        AppendQuotedRune(sb, r);
        return sb.Append('\'').ToString();
    }

    private static void FormatFloat(StringBuilder sb, double value, int verb, Spec spec, Arg arg)
    {
        string text;
        switch (verb)
        {
            case 'v':
                text = FormatG(value, spec.HasPrecision ? spec.Precision : -1, upper: false);
                break;
            case 'g' or 'G':
                text = FormatG(value, spec.HasPrecision ? spec.Precision : -1, upper: verb == 'G');
                break;
            case 'e' or 'E':
                text = FormatE(value, spec.HasPrecision ? spec.Precision : 6, upper: verb == 'E');
                break;
            case 'f' or 'F':
                text = Math.Abs(value).ToString("F" + (spec.HasPrecision ? spec.Precision : 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (value < 0 || (value == 0 && double.IsNegative(value))) text = "-" + text;
                break;
            default:
                BadVerb(sb, verb, arg);
                return;
        }
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        if (spec.Zero && spec.HasWidth && !spec.Minus)
        {
            var padLen = spec.Width - sign.Length - digits.Length;
            sb.Append(sign);
            if (padLen > 0) sb.Append('0', padLen);
            sb.Append(digits);
            return;
        }
        Pad(sb, sign + digits, spec, numeric: false);
    }

    /// <summary>Decimal digits (no leading zeros, no trailing zeros) and decimal point position of |value|.</summary>
    private static (string Digits, int DecimalPoint) Decompose(string roundTripOrExponent)
    {
        var s = roundTripOrExponent.TrimStart('-');
        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.');
        var intLen = dot < 0 ? s.Length : dot;
        var digits = dot < 0 ? s : s.Remove(dot, 1);
        var dp = intLen + exp;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        dp -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return ("0", 1);
        return (digits, dp);
    }

    private static string FormatE(double value, int precision, bool upper)
    {
        var (digits, dp) = value == 0 ? ("0", 1) : Decompose(Math.Abs(value).ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        return (value < 0 || double.IsNegative(value) ? "-" : "") + ExponentForm(digits, dp, precision, upper);
    }

    private static string ExponentForm(string digits, int dp, int precision, bool upper)
    {
        var sb = new StringBuilder();
        sb.Append(digits[0]);
        if (precision > 0)
        {
            sb.Append('.');
            for (var k = 1; k <= precision; k++) sb.Append(k < digits.Length ? digits[k] : '0');
        }
        var exp = digits == "0" ? 0 : dp - 1;
        sb.Append(upper ? 'E' : 'e').Append(exp < 0 ? '-' : '+');
        var abs = Math.Abs(exp);
        if (abs < 10) sb.Append('0');
        sb.Append(abs.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>strconv.FormatFloat(v, 'g', precision, 64); precision -1 means the shortest exact representation.</summary>
    public static string FormatG(double value, int precision, bool upper)
    {
        var negative = value < 0 || double.IsNegative(value);
        var abs = Math.Abs(value);
        var shortest = precision < 0;
        if (precision == 0) precision = 1;
        var (digits, dp) = abs == 0
            ? ("0", 1)
            : Decompose(shortest ? abs.ToString("R", CultureInfo.InvariantCulture) : abs.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        var eprec = shortest ? 6 : precision;
        if (!shortest && eprec > digits.Length && digits.Length >= dp) eprec = digits.Length;
        var exp = dp - 1;
        string body;
        if (exp < -4 || exp >= eprec)
        {
            body = ExponentForm(digits, dp, digits.Length - 1, upper);
        }
        else
        {
            var sb = new StringBuilder();
            if (dp <= 0)
            {
                sb.Append("0.").Append('0', -dp).Append(digits);
            }
            else if (dp >= digits.Length)
            {
                sb.Append(digits).Append('0', dp - digits.Length);
            }
            else
            {
                sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
            }
            body = sb.ToString();
        }
        return negative ? "-" + body : body;
    }

    private static void FormatString(StringBuilder sb, string value, int verb, Spec spec, Arg arg)
    {
        switch (verb)
        {
            case 'v' or 's':
                Pad(sb, Truncate(value, spec), spec, numeric: false);
                break;
            case 'q':
                Pad(sb, Quote(Truncate(value, spec), asciiOnly: spec.Plus, spec.Sharp), spec, numeric: false);
                break;
            case 'x' or 'X':
                var bytes = Encoding.UTF8.GetBytes(value);
                var n = spec.HasPrecision ? Math.Min(spec.Precision, bytes.Length) : bytes.Length;
                var hb = new StringBuilder();
                for (var k = 0; k < n; k++)
                {
                    if (spec.Space && k > 0) hb.Append(' ');
                    if (spec.Sharp && (spec.Space || k == 0)) hb.Append(verb == 'x' ? "0x" : "0X");
                    hb.Append(bytes[k].ToString(verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }
                Pad(sb, hb.ToString(), spec, numeric: false);
                break;
            default:
                BadVerb(sb, verb, arg);
                break;
        }
    }

    private static string Truncate(string value, Spec spec) =>
        spec.HasPrecision ? value[..CodePoints.Offset(value, spec.Precision)] : value;

    /// <summary>strconv.Quote (or QuoteToASCII, or a back-quoted raw string with '#' when possible).</summary>
    public static string Quote(string value, bool asciiOnly = false, bool preferRaw = false)
    {
        if (preferRaw && CanBackquote(value)) return "`" + value + "`";
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length;)
        {
            int r;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                r = char.ConvertToUtf32(value[i], value[i + 1]);
                i += 2;
            }
            else
            {
                r = char.IsSurrogate(value[i]) ? 0xFFFD : value[i];
                i++;
            }
            if (r == '"') sb.Append("\\\"");
            else if (asciiOnly && r >= 0x80) AppendEscapedRune(sb, r);
            else AppendQuotedRune(sb, r);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>strconv.Quote of Go bytes: UTF-8 runes as <see cref="Quote(string, bool, bool)"/> prints them, each byte
    /// that is not part of valid UTF-8 as <c>\xNN</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> utf8)
    {
        var sb = new StringBuilder(utf8.Length + 2);
        sb.Append('"');
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var width) != System.Buffers.OperationStatus.Done)
            {
                // Go decodes an invalid sequence one byte at a time.
                sb.Append("\\x").Append(utf8[0].ToString("x2", CultureInfo.InvariantCulture));
                utf8 = utf8[1..];
                continue;
            }
            if (rune.Value == '"') sb.Append("\\\"");
            else AppendQuotedRune(sb, rune.Value);
            utf8 = utf8[width..];
        }
        return sb.Append('"').ToString();
    }

    private static bool CanBackquote(string s)
    {
        foreach (var c in s)
        {
            if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7F) return false;
        }
        return true;
    }

    private static void AppendQuotedRune(StringBuilder sb, int r)
    {
        switch (r)
        {
            case '\\': sb.Append("\\\\"); return;
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (IsPrintable(r)) sb.Append(char.ConvertFromUtf32(r));
        else AppendEscapedRune(sb, r);
    }

    private static void AppendEscapedRune(StringBuilder sb, int r)
    {
        if (r < ' ' || r == 0x7F) sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        else if (r < 0x10000) sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        else sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
    }

    private static bool IsPrintable(int r)
    {
        if (r < 0x20 || r == 0x7F) return false;
        if (r < 0x7F) return true;
        // Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    private static void Pad(StringBuilder sb, string text, Spec spec, bool numeric)
    {
        _ = numeric;
        if (!spec.HasWidth)
        {
            sb.Append(text);
            return;
        }
        var padLen = spec.Width - CodePoints.Count(text);
        if (padLen <= 0)
        {
            sb.Append(text);
            return;
        }
        if (spec.Minus) sb.Append(text).Append(' ', padLen);
        else sb.Append(' ', padLen).Append(text);
    }
}
