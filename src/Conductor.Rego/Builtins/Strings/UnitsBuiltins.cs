using System.Globalization;
using System.Numerics;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// units.parse and units.parse_bytes. units.parse amounts are parsed exactly (decimal mantissa and exponent) and
/// scaled with integer arithmetic, so "500m" is exactly 0.5 and "0.0000005M" equals 0.5, as OPA's big.Rat computation
/// gives; units.parse_bytes multiplies a 64-bit big.Float as OPA does, so amounts beyond 64 bits are rounded first.
/// </summary>
public sealed class UnitsBuiltins : IBuiltinFamily
{
    /// <inheritdoc />
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("units.parse", BuiltinSignature.Of(RegoType.Number, RegoType.String), Parse);
        registry.Register("units.parse_bytes", BuiltinSignature.Of(RegoType.Number, RegoType.String), ParseBytes);
    }

    private static Value Parse(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0).Replace("\"", "", StringComparison.Ordinal);
        if (s.Contains(' ', StringComparison.Ordinal)) throw BuiltinException.Error("spaces not allowed in resource strings");
        var (amount, unit) = SplitAmount(s);
        if (amount is null) throw BuiltinException.Error("exponent too large");
        if (amount.Length == 0) throw BuiltinException.Error("no amount provided");
        // 'm' (milli) and 'M' (mega) differ only by case, so only the letters after the first are case-folded.
        if (unit.Length > 1) unit = unit[..1] + unit[1..].ToLowerInvariant();
        (int Base, int Power) scale = unit switch
        {
            "" => (10, 0),
            "m" => (10, -3),
            "k" or "K" => (10, 3),
            "ki" or "Ki" => (2, 10),
            "M" => (10, 6),
            "mi" or "Mi" => (2, 20),
            "g" or "G" => (10, 9),
            "gi" or "Gi" => (2, 30),
            "t" or "T" => (10, 12),
            "ti" or "Ti" => (2, 40),
            "p" or "P" => (10, 15),
            "pi" or "Pi" => (2, 50),
            "e" or "E" => (10, 18),
            "ei" or "Ei" => (2, 60),
            _ => throw BuiltinException.Error($"unit {unit} not recognized"),
        };
        if (!TryParseDecimal(amount, out var mantissa, out var exponent)) throw BuiltinException.Error("could not parse amount to a number");
        return ToNumber(mantissa, exponent, scale);
    }

    private static Value ParseBytes(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0).Replace("\"", "", StringComparison.Ordinal).ToLowerInvariant();
        if (s.Contains(' ', StringComparison.Ordinal)) throw BuiltinException.Error("spaces not allowed in resource strings");
        var (amount, unit) = SplitAmount(s);
        if (amount is null) throw BuiltinException.Error("exponent too large");
        if (amount.Length == 0) throw BuiltinException.Error("no byte amount provided");
        (int Base, int Power) scale = unit switch
        {
            "" => (10, 0),
            "k" or "kb" => (10, 3),
            "ki" or "kib" => (2, 10),
            "m" or "mb" => (10, 6),
            "mi" or "mib" => (2, 20),
            "g" or "gb" => (10, 9),
            "gi" or "gib" => (2, 30),
            "t" or "tb" => (10, 12),
            "ti" or "tib" => (2, 40),
            "p" or "pb" => (10, 15),
            "pi" or "pib" => (2, 50),
            "e" or "eb" => (10, 18),
            "ei" or "eib" => (2, 60),
            _ => throw BuiltinException.Error("byte unit " + unit + " not recognized"),
        };
        if (!TryParseDecimal(amount, out _, out _) || !GoBigFloat.TryParse(amount, out var value))
        {
            throw BuiltinException.Error("could not parse byte amount to a number");
        }
        // OPA multiplies a 64-bit big.Float (SetString of the amount) by the unit and truncates the product.
        var factor = GoBigFloat.FromInteger(BigInteger.Pow(scale.Base, scale.Power));
        return NumberValue.Of(GoBigFloat.Mul(value, factor, GoBigFloat.DefaultPrecision).Truncate());
    }

    /// <summary>
    /// Splits "1.5e-2Ki" into amount "1.5e-2" and unit "Ki". Signs, digits and dots belong to the amount; an 'e' does
    /// when a digit or sign follows it (so "10e" is ten exa, "1e3K" is an exponent). The amount is null when an
    /// exponent has more than six digits (OPA refuses those rather than computing 10^huge).
    /// </summary>
    internal static (string? Amount, string Unit) SplitAmount(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || c is '.' or '+' or '-')
            {
                i++;
                continue;
            }
            if (c is 'e' or 'E' && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is '+' or '-'))
            {
                var expStart = s[i + 1] is '+' or '-' ? i + 2 : i + 1;
                var expEnd = expStart;
                while (expEnd < s.Length && char.IsAsciiDigit(s[expEnd])) expEnd++;
                if (expEnd - expStart > 6) return (null, "");
                i++;
                continue;
            }
            break;
        }
        return (s[..i], s[i..]);
    }

    /// <summary>Parses [+-]digits[.digits][e[+-]digits] exactly into mantissa × 10^exponent.</summary>
    internal static bool TryParseDecimal(string s, out BigInteger mantissa, out int exponent)
    {
        mantissa = BigInteger.Zero;
        exponent = 0;
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }
        var digits = new System.Text.StringBuilder();
        var fraction = 0;
        var sawDigit = false;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { digits.Append(s[i++]); sawDigit = true; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { digits.Append(s[i++]); fraction++; sawDigit = true; }
        }
        if (!sawDigit) return false;
        var exp = 0;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            var start = i;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var digitStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == digitStart) return false;
            if (!int.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp) || Math.Abs(exp) > 100_000) return false;
        }
        if (i != s.Length) return false;
        mantissa = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative) mantissa = -mantissa;
        exponent = exp - fraction;
        return true;
    }

    private static Value ToNumber(BigInteger mantissa, int exponent, (int Base, int Power) scale)
    {
        var numerator = mantissa;
        var denominator = BigInteger.One;
        if (exponent >= 0) numerator *= BigInteger.Pow(10, exponent);
        else denominator = BigInteger.Pow(10, -exponent);
        if (scale.Power >= 0) numerator *= BigInteger.Pow(scale.Base, scale.Power);
        else denominator *= BigInteger.Pow(scale.Base, -scale.Power);
        if ((numerator % denominator).IsZero) return NumberValue.Of(BigInteger.Divide(numerator, denominator));
        // OPA prints non-integral results with big.Rat.FloatString(10): ten decimals, halves rounded away from zero.
        var negative = numerator.Sign < 0;
        var scaled = BigInteger.DivRem(BigInteger.Abs(numerator) * BigInteger.Pow(10, 10), denominator, out var rem);
        if (rem * 2 >= denominator) scaled += 1;
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(11, '0');
        var sb = new System.Text.StringBuilder();
        if (negative) sb.Append('-');
        sb.Append(digits, 0, digits.Length - 10).Append('.').Append(digits, digits.Length - 10, 10);
        return NumberValue.Parse(sb.ToString()) ?? throw BuiltinException.Error("could not parse amount to a number");
    }
}
