using System.Globalization;
using System.Numerics;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Types;

/// <summary>
/// The number syntax Go's strconv.ParseFloat accepts (which OPA's to_number uses): an optional sign, decimal
/// digits with an optional point and e-exponent, or 0x hexadecimal digits with a mandatory p-exponent, with
/// underscores allowed between digits. Special values (inf, nan) are handled by the caller.
/// </summary>
internal static class GoFloatSyntax
{
    /// <summary>The number, or null when the text is not valid syntax. A value beyond a double's range raises OPA's error.</summary>
    public static NumberValue? Parse(string s)
    {
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }
        var hex = i + 1 < s.Length && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
        if (hex) i += 2;
        var mantissa = new StringBuilder();
        var sawDigits = false;
        var sawDot = false;
        var fractionDigits = 0;
        var underscores = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '_') { underscores = true; continue; }
            if (c == '.')
            {
                if (sawDot) break;
                sawDot = true;
                continue;
            }
            if (!(char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))) break;
            sawDigits = true;
            mantissa.Append(c);
            if (sawDot) fractionDigits++;
        }
        if (!sawDigits) return null;
        var exponent = 0L;
        var exponentChar = hex ? 'p' : 'e';
        if (i < s.Length && char.ToLowerInvariant(s[i]) == exponentChar)
        {
            i++;
            var expNegative = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                expNegative = s[i] == '-';
                i++;
            }
            var expDigits = false;
            for (; i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'); i++)
            {
                if (s[i] == '_') { underscores = true; continue; }
                expDigits = true;
                if (exponent < 100_000) exponent = exponent * 10 + (s[i] - '0');
            }
            if (!expDigits) return null;
            if (expNegative) exponent = -exponent;
        }
        else if (hex)
        {
            return null;
        }
        if (i != s.Length) return null;
        if (underscores && !UnderscoresOk(s)) return null;

        NumberValue? value;
        if (hex)
        {
            var m = BigInteger.Parse("0" + mantissa, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var binaryExponent = exponent - 4L * fractionDigits;
            if (m.IsZero) value = NumberValue.Zero;
            else if (binaryExponent >= 0 && binaryExponent + (long)m.GetBitLength() <= 1024) value = NumberValue.Of(m << (int)binaryExponent);
            else if (binaryExponent >= 0) value = null;
            else value = NumberValue.Of(ScaleToDouble(m, binaryExponent));
            if (value is null) throw OutOfRange(s);
        }
        else
        {
            var text = new StringBuilder();
            var digits = mantissa.ToString();
            text.Append(digits, 0, digits.Length - fractionDigits);
            if (fractionDigits > 0) text.Append('.').Append(digits, digits.Length - fractionDigits, fractionDigits);
            if (text.Length > 0 && text[0] == '.') text.Insert(0, '0');
            if (exponent != 0) text.Append('e').Append(exponent.ToString(CultureInfo.InvariantCulture));
            value = NumberValue.Parse(text.ToString());
            if (value is null || double.IsInfinity(value.ToDouble())) throw OutOfRange(s);
        }
        return negative ? NumberValue.Negate(value) : value;
    }

    private static double ScaleToDouble(BigInteger m, long binaryExponent)
    {
        // Keep 64 significant bits so the conversion to double rounds once.
        var excess = (long)m.GetBitLength() - 64;
        if (excess > 0)
        {
            m >>= (int)excess;
            binaryExponent += excess;
        }
        return Math.ScaleB((double)m, (int)Math.Max(binaryExponent, -2000));
    }

    private static BuiltinException OutOfRange(string s) =>
        BuiltinException.Error($"strconv.ParseFloat: parsing {Quote(s)}: value out of range");

    /// <summary>Go's rule: an underscore must sit between digits (or after a base prefix).</summary>
    private static bool UnderscoresOk(string s)
    {
        var saw = '^';
        var i = 0;
        if (s.Length >= 1 && (s[0] == '-' || s[0] == '+')) s = s[1..];
        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }
        for (; i < s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]) || (hex && char.IsAsciiHexDigit(s[i])))
            {
                saw = '0';
                continue;
            }
            if (s[i] == '_')
            {
                if (saw != '0') return false;
                saw = '_';
                continue;
            }
            if (saw == '_') return false;
            saw = '!';
        }
        return saw != '_';
    }

    /// <summary>Go's strconv.Quote for error messages.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
