using System.Globalization;
using System.Numerics;
using System.Text;

namespace Conductor.Rego.Values;

/// <summary>
/// A Rego number: a 64-bit integer on the fast path, an arbitrary-precision integer when it overflows
/// (OPA's integers are unbounded), or a double for fractions. Integral doubles are normalised to integers,
/// so 2.0 and 2 are the same value. A fraction keeps its decimal text when the double alone cannot give it
/// back: literals with more digits than a double holds (or too large or small for one) and OPA's arithmetic
/// results (big.Float text, e.g. 0.33333333333333333334). That text is what is printed and what arithmetic
/// reads; the double serves fast comparisons, with ties settled exactly on the text as OPA compares numbers.
/// </summary>
public sealed class NumberValue : Value
{
    private enum Repr : byte { Int64, Big, Double }

    private static readonly NumberValue[] SmallInts = CreateSmallInts();

    private readonly Repr _repr;

    // The text holds more than the double (more than 15 significant digits, or beyond the double's normal range):
    // equal doubles then do not mean equal numbers.
    private readonly bool _precise;
    private readonly long _long;
    private readonly BigInteger _big;
    private readonly double _double;
    private readonly string? _text;

    private NumberValue(long value)
        : base(ValueKind.Number)
    {
        _repr = Repr.Int64;
        _long = value;
    }

    /// <summary>Zero with the text "-0": OPA's result for 0 / -5 (big.Float's negative zero), an integer otherwise.</summary>
    private NumberValue(long value, string text)
        : base(ValueKind.Number)
    {
        _repr = Repr.Int64;
        _long = value;
        _text = text;
    }

    private NumberValue(BigInteger value, string? text = null)
        : base(ValueKind.Number)
    {
        _repr = Repr.Big;
        _big = value;
        _text = text;
    }

    private NumberValue(double value, string? text, bool precise = false)
        : base(ValueKind.Number)
    {
        _repr = Repr.Double;
        _double = value;
        _text = text;
        _precise = precise;
    }

    public static readonly NumberValue Zero = SmallInts[0];
    public static readonly NumberValue One = SmallInts[1];

    /// <summary>OPA's -0 (from 0 / -5 or -0.5 * 0): equal to 0 and an integer, printed "-0".</summary>
    public static readonly NumberValue NegativeZero = new(0L, "-0");

    private static NumberValue[] CreateSmallInts()
    {
        var a = new NumberValue[257];
        for (var i = 0; i < a.Length; i++) a[i] = new NumberValue(i);
        return a;
    }


    public static NumberValue Of(long value) => value is >= 0 and <= 256 ? SmallInts[value] : new NumberValue(value);

    public static NumberValue Of(int value) => Of((long)value);

    public static NumberValue Of(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? Of((long)value) : new NumberValue(value);

    /// <summary>A number from a double; integral values become integers. NaN and infinities are not numbers in Rego: returns null.</summary>
    public static NumberValue? Of(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return null;
        if (Math.Floor(value) == value && Math.Abs(value) < 9.2e18) return Of((long)value);
        if (Math.Floor(value) == value) return Of(new BigInteger(value));
        return new NumberValue(value, null);
    }

    /// <summary>
    /// Parses a number of any size and precision into its value, printed in canonical form (as YAML numbers and most
    /// builtin results are). Returns null when the text is not a number.
    /// </summary>
    public static NumberValue? Parse(string text) => Parse(text, keepWritten: false);

    /// <summary>
    /// Parses a number literal of Rego source or JSON input, which OPA keeps as written: <c>1.50</c>, <c>2.0</c>,
    /// <c>1e3</c> and <c>-0</c> print as they were written (and still equal 1.5, 2, 1000 and 0). Returns null when
    /// the text is not a number.
    /// </summary>
    public static NumberValue? ParseLiteral(string text) => Parse(text, keepWritten: true);

    private static NumberValue? Parse(string text, bool keepWritten)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return keepWritten && l == 0 && text.StartsWith('-') ? NegativeZero : Of(l);
        }
        var isIntegerText = true;
        foreach (var c in text)
        {
            if (c is '.' or 'e' or 'E') { isIntegerText = false; break; }
        }
        if (isIntegerText)
        {
            return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b) ? Of(b) : null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return null;
        if (double.IsInfinity(d))
        {
            // Too large for a double: keep the literal for output. An integer (1e400) is one for arithmetic too.
            if (TryParseExactInteger(text) is { } huge) return new NumberValue(huge, JsonNumberText(text));
            return new NumberValue(d, JsonNumberText(text), precise: true);
        }
        // Integral values written with an exponent or fraction (1e3, 2.0) are integers; a literal keeps its text
        // (OPA prints `x := 2.0` as 2.0).
        if (Math.Floor(d) == d)
        {
            var exact = TryParseExactInteger(text);
            if (exact is { } big)
            {
                if (!keepWritten) return Of(big);
                var written = JsonNumberText(text);
                return big >= long.MinValue && big <= long.MaxValue ? new NumberValue((long)big, written) : new NumberValue(big, written);
            }
        }
        var (digits, exp10) = ScanDecimal(text);
        var precise = IsPrecise(digits, d);
        // Keep the literal when the double does not give it back as written (1.50, 1e-3), when it has more digits
        // than a double holds, or a decimal exponent where Go's parser (which arithmetic follows) rounds its power of
        // five, so "1.0e-60" and the double's shortest text "1E-60" could read differently.
        var json = JsonNumberText(text);
        var keep = precise || exp10 is < -55 or > 55 || !(Math.Abs(d) >= 1e-20) || (keepWritten && !IsCanonical(json, d));
        return new NumberValue(d, keep ? json : null, precise);
    }

    // Whether a decimal's JSON text is what the double prints: plain decimals (most input) are, without formatting
    // the double; anything else is compared.
    private static bool IsCanonical(string json, double d) =>
        (IsPlainDecimal(json) && Math.Abs(d) >= 1e-6) || json == FormatDouble(d);

    /// <summary>
    /// A decimal such as 12.75: a fraction, no exponent, no trailing zero and at most 15 significant digits. Its
    /// double (when at least 1e-6 in magnitude) prints it back exactly as written.
    /// </summary>
    internal static bool IsPlainDecimal(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.IndexOfAny('e', 'E') >= 0 || text[^1] == '0' || text.IndexOf('.') < 0) return false;
        var digits = 0;
        var leading = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) continue;
            if (leading && c == '0') continue;
            leading = false;
            digits++;
        }
        return digits <= 15;
    }

    /// <summary>A decimal literal the double prints back as written (a fraction of at most 15 digits, no exponent).</summary>
    internal static NumberValue FromPlainDecimal(double d) => new(d, null);

    /// <summary>A number OPA's arithmetic produced: big.Float text ('g' form) with the nearest double.</summary>
    internal static NumberValue FromFloatText(string text)
    {
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new NumberValue(d, text, IsPrecise(ScanDecimal(text).Digits, d));
    }

    /// <summary>More than 15 significant digits (two such decimals can share a double), or outside the double's normal range.</summary>
    private static bool IsPrecise(int significantDigits, double d) =>
        significantDigits > 15 || !(Math.Abs(d) >= 1e-300) || double.IsInfinity(d);

    /// <summary>
    /// Significant digits of the mantissa (from its first to its last non-zero digit: "4.1000000000" has two) and the
    /// decimal exponent of its last written digit.
    /// </summary>
    private static (int Digits, long Exp10) ScanDecimal(string text)
    {
        var position = 0;
        var first = -1;
        var last = -1;
        var fraction = 0;
        var dot = false;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.') { dot = true; continue; }
            if (c is 'e' or 'E') break;
            if (!char.IsAsciiDigit(c)) continue;
            if (c != '0')
            {
                if (first < 0) first = position;
                last = position;
            }
            position++;
            if (dot) fraction++;
        }
        var digits = first < 0 ? 0 : last - first + 1;
        long exponent = 0;
        if (i < text.Length)
        {
            long.TryParse(text.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
        }
        return (digits, exponent - fraction);
    }

    /// <summary>The literal in JSON number form (YAML also allows ".5", "+1.5", "5." and "01.5"), so that printing it stays JSON.</summary>
    private static string JsonNumberText(string text)
    {
        var s = text.Trim();
        if (IsJsonNumber(s)) return s;
        var e = s.IndexOfAny(['e', 'E']);
        var m = e >= 0 ? s[..e] : s;
        var sb = new StringBuilder(s.Length + 1);
        if (m.StartsWith('-')) sb.Append('-');
        m = m.TrimStart('+', '-');
        var dot = m.IndexOf('.');
        var whole = (dot >= 0 ? m[..dot] : m).TrimStart('0');
        var fraction = dot >= 0 ? m[(dot + 1)..] : string.Empty;
        sb.Append(whole.Length == 0 ? "0" : whole);
        if (fraction.Length > 0) sb.Append('.').Append(fraction);
        if (e >= 0) sb.Append('e').Append(s[(e + 1)..]);
        return sb.ToString();
    }

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
        if (s[i] == '0') i++;
        else while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start) return false;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start) return false;
        }
        return i == s.Length;
    }

    private static BigInteger? TryParseExactInteger(string text)
    {
        // Decimal literal m.f e x, exact when the scaled fraction has no non-zero digits left.
        var s = text.Trim();
        var neg = s.StartsWith('-');
        if (neg || s.StartsWith('+')) s = s[1..];
        var ePos = s.IndexOfAny(['e', 'E']);
        var exp = 0;
        if (ePos >= 0)
        {
            if (!int.TryParse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp)) return null;
            s = s[..ePos];
        }
        var dot = s.IndexOf('.');
        var digits = dot >= 0 ? s.Remove(dot, 1) : s;
        var scale = dot >= 0 ? s.Length - dot - 1 : 0;
        exp -= scale;
        if (digits.Length == 0 || !BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return null;
        if (exp >= 0)
        {
            if (exp > 10000) return null;
            m *= BigInteger.Pow(10, exp);
        }
        else
        {
            if (-exp > 10000) return null;
            var div = BigInteger.Pow(10, -exp);
            if (!(m % div).IsZero) return null;
            m /= div;
        }
        return neg ? -m : m;
    }

    public bool IsInteger => _repr != Repr.Double;

    /// <summary>True when the value is an integer that fits in 64 bits.</summary>
    public bool TryGetInt64(out long value)
    {
        value = _long;
        return _repr == Repr.Int64;
    }

    /// <summary>True when the value is an integer that fits in 32 bits.</summary>
    public bool TryGetInt32(out int value)
    {
        if (_repr == Repr.Int64 && _long is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)_long;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>The integer value; only meaningful when <see cref="IsInteger"/>.</summary>
    public BigInteger ToBigInteger() => _repr switch
    {
        Repr.Int64 => _long,
        Repr.Big => _big,
        _ => new BigInteger(Math.Truncate(_double)),
    };

    public double ToDouble() => _repr switch
    {
        Repr.Int64 => _long,
        Repr.Big => (double)_big,
        _ => _double,
    };

    public int Sign => _repr switch
    {
        Repr.Int64 => Math.Sign(_long),
        Repr.Big => _big.Sign,
        // A literal below the double's range (1e-400) is still not zero.
        _ => _double != 0 || _text is null ? Math.Sign(_double) : _text.StartsWith('-') ? -1 : 1,
    };

    /// <summary>OPA's number as big.Float reads it (64-bit mantissa): integers of more bits are rounded. False when the text is out of range.</summary>
    internal bool TryToBigFloat(out GoBigFloat value)
    {
        switch (_repr)
        {
            case Repr.Int64:
                value = _text is null ? GoBigFloat.FromInteger(_long) : GoBigFloat.Zero(true, GoBigFloat.DefaultPrecision);
                return true;
            case Repr.Big when _text is null:
                value = GoBigFloat.FromInteger(_big);
                return true;
            default:
                return GoBigFloat.TryParse(_text ?? _double.ToString("R", CultureInfo.InvariantCulture), out value);
        }
    }

    /// <summary>OPA's FloatToNumber: integers print with 'f' and become integer numbers, fractions keep big.Float's 'g' text.</summary>
    internal static NumberValue FromBigFloat(GoBigFloat f)
    {
        if (f.IsZero) return f.IsNegative ? NegativeZero : Zero;
        if (f.IsInt)
        {
            // Integers of up to the precision's bits print exactly; larger ones as their shortest digits, zero-padded.
            var t = f.Truncate();
            if (t.GetBitLength() <= Math.Min(63, f.Precision)) return Of((long)t);
            return Of(BigInteger.Parse(f.Text('f'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }
        return FromFloatText(f.Text('g'));
    }

    protected override int ComputeHash() => _repr switch
    {
        Repr.Int64 => _long.GetHashCode(),
        Repr.Big => _big.GetHashCode(),
        _ => _double.GetHashCode(),
    };

    protected override bool EqualsSameKind(Value other) => Compare(this, (NumberValue)other) == 0;

    protected override int CompareSameKind(Value other) => Compare(this, (NumberValue)other);

    public static int Compare(NumberValue a, NumberValue b)
    {
        if (a._repr == Repr.Int64 && b._repr == Repr.Int64) return a._long.CompareTo(b._long);
        if (a._repr != Repr.Double && b._repr != Repr.Double) return a.ToBigInteger().CompareTo(b.ToBigInteger());
        // Rounding to doubles keeps order, so different doubles decide; equal ones only when both are exact.
        var c = a.ToDouble().CompareTo(b.ToDouble());
        if (c != 0 || (a.DoubleIsExact && b.DoubleIsExact)) return c;
        return CompareExactly(a, b);
    }

    private bool DoubleIsExact => _repr switch
    {
        Repr.Int64 => _long is >= -(1L << 53) and <= 1L << 53,
        Repr.Big => false,
        _ => !_precise,
    };

    /// <summary>
    /// OPA's ast.NumberCompare for numbers whose doubles are equal: two fractions whose texts end in zeros after the
    /// point ("1.50") count as equal on their doubles; otherwise the decimal texts compare as exact rationals, so
    /// 0.3333333333333333333 is not 0.3333333333333333.
    /// </summary>
    private static int CompareExactly(NumberValue a, NumberValue b)
    {
        var ta = a.DecimalText();
        var tb = b.DecimalText();
        if (HasTrimmableFraction(ta) && HasTrimmableFraction(tb)) return 0;
        var (na, ma, ea) = ExactDecimal(ta);
        var (nb, mb, eb) = ExactDecimal(tb);
        var sa = ma.IsZero ? 0 : na ? -1 : 1;
        var sb = mb.IsZero ? 0 : nb ? -1 : 1;
        if (sa != sb || sa == 0) return sa.CompareTo(sb);
        var magnitude = CompareMagnitude(ma, ea, mb, eb);
        return sa < 0 ? -magnitude : magnitude;
    }

    private string DecimalText() => _repr switch
    {
        Repr.Int64 => _long.ToString(CultureInfo.InvariantCulture),
        Repr.Big => _big.ToString(CultureInfo.InvariantCulture),
        _ => _text ?? _double.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>OPA's test: the text has a point, trimming trailing '.' and '0' changes it, and a point remains.</summary>
    private static bool HasTrimmableFraction(string text)
    {
        if (!text.Contains('.')) return false;
        var trimmed = text.TrimEnd('.', '0');
        return trimmed.Length != text.Length && trimmed.Contains('.');
    }

    /// <summary>A decimal text as sign, digits and the exponent of the last digit.</summary>
    private static (bool Negative, BigInteger Mantissa, long Exponent) ExactDecimal(string text)
    {
        var negative = text.StartsWith('-');
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e >= 0 ? text[..e] : text;
        long exponent = 0;
        if (e >= 0) long.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
        var digits = new StringBuilder(mantissa.Length);
        var dot = false;
        foreach (var ch in mantissa)
        {
            if (ch == '.') { dot = true; continue; }
            if (!char.IsAsciiDigit(ch)) continue;
            digits.Append(ch);
            if (dot) exponent--;
        }
        var m = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        return (negative, m, exponent);
    }

    private static int CompareMagnitude(BigInteger ma, long ea, BigInteger mb, long eb)
    {
        // Position of the leading digit first, so that exponents far apart never scale a mantissa.
        var pa = ma.ToString(CultureInfo.InvariantCulture).Length + ea;
        var pb = mb.ToString(CultureInfo.InvariantCulture).Length + eb;
        if (pa != pb) return pa.CompareTo(pb);
        if (ea > eb) ma *= BigInteger.Pow(10, checked((int)(ea - eb)));
        else if (eb > ea) mb *= BigInteger.Pow(10, checked((int)(eb - ea)));
        return ma.CompareTo(mb);
    }

    // Arithmetic ----------------------------------------------------------------------------------

    public static NumberValue? Add(NumberValue a, NumberValue b)
    {
        if (a._repr == Repr.Int64 && b._repr == Repr.Int64)
        {
            var r = a._long + b._long;
            if (((a._long ^ r) & (b._long ^ r)) >= 0) return Of(r);
            return Of((BigInteger)a._long + b._long);
        }
        if (a.IsInteger && b.IsInteger) return Of(a.ToBigInteger() + b.ToBigInteger());
        return Of(a.ToDouble() + b.ToDouble());
    }

    public static NumberValue? Subtract(NumberValue a, NumberValue b)
    {
        if (a._repr == Repr.Int64 && b._repr == Repr.Int64)
        {
            var r = a._long - b._long;
            if (((a._long ^ b._long) & (a._long ^ r)) >= 0) return Of(r);
            return Of((BigInteger)a._long - b._long);
        }
        if (a.IsInteger && b.IsInteger) return Of(a.ToBigInteger() - b.ToBigInteger());
        return Of(a.ToDouble() - b.ToDouble());
    }

    public static NumberValue? Multiply(NumberValue a, NumberValue b)
    {
        if (a._repr == Repr.Int64 && b._repr == Repr.Int64)
        {
            var r = Math.BigMul(a._long, b._long, out var low);
            if ((r == 0 && low >= 0) || (r == -1 && low < 0)) return Of(low);
            return Of((BigInteger)a._long * b._long);
        }
        if (a.IsInteger && b.IsInteger) return Of(a.ToBigInteger() * b.ToBigInteger());
        return Of(a.ToDouble() * b.ToDouble());
    }

    /// <summary>Division; null when dividing by zero (the caller raises OPA's "divide by zero" error).</summary>
    public static NumberValue? Divide(NumberValue a, NumberValue b)
    {
        if (b.Sign == 0) return null;
        if (a.IsInteger && b.IsInteger)
        {
            var x = a.ToBigInteger();
            var y = b.ToBigInteger();
            var q = BigInteger.DivRem(x, y, out var rem);
            if (rem.IsZero) return Of(q);
        }
        return Of(a.ToDouble() / b.ToDouble());
    }

    /// <summary>Remainder of integers (sign of the dividend, as Go); null when b is zero or an operand is not an integer.</summary>
    public static NumberValue? Remainder(NumberValue a, NumberValue b)
    {
        if (!a.IsInteger || !b.IsInteger || b.Sign == 0) return null;
        if (a._repr == Repr.Int64 && b._repr == Repr.Int64 && b._long != -1) return Of(a._long % b._long);
        return Of(BigInteger.Remainder(a.ToBigInteger(), b.ToBigInteger()));
    }

    public static NumberValue Negate(NumberValue a) => a._repr switch
    {
        Repr.Int64 when a._long != long.MinValue => Of(-a._long),
        Repr.Double => new NumberValue(-a._double, a._text is null ? null : a._text.StartsWith('-') ? a._text[1..] : "-" + a._text, a._precise),
        _ => Of(-a.ToBigInteger()),
    };

    public override void WriteJson(StringBuilder sb) => sb.Append(ToText());

    public override void WriteRego(StringBuilder sb) => sb.Append(ToText());

    /// <summary>The number's text as OPA prints it.</summary>
    public string ToText() => _repr switch
    {
        Repr.Int64 => _text ?? _long.ToString(CultureInfo.InvariantCulture),
        Repr.Big => _text ?? _big.ToString(CultureInfo.InvariantCulture),
        _ => _text ?? FormatDouble(_double),
    };

    private static string FormatDouble(double d)
    {
        // Go's strconv.FormatFloat(f, 'g', -1, 64) style, with exponents only for very large/small values, as json.Marshal.
        var abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var s = d.ToString("R", CultureInfo.InvariantCulture);
            // .NET "R" gives e.g. 1E-07; Go gives 1e-07.
            return s.Replace("E", "e");
        }
        return d.ToString("R", CultureInfo.InvariantCulture);
    }
}
