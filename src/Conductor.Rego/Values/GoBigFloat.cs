using System.Globalization;
using System.Numerics;
using System.Text;

namespace Conductor.Rego.Values;

/// <summary>
/// A binary floating-point number as Go's math/big.Float holds it for OPA's arithmetic: a sign, an integer
/// mantissa of at most <see cref="Precision"/> bits and a power-of-two exponent, rounded to nearest-even once per
/// operation (the exact result is computed first). Parsing follows big.Float.SetString, formatting follows
/// big.Float.Text with precision -1 (the fewest decimal digits that read back to the same value).
/// </summary>
internal readonly struct GoBigFloat
{
    /// <summary>The precision big.Float.SetString gives a fresh Float, and so every operand in OPA's arithmetic.</summary>
    public const int DefaultPrecision = 64;

    /// <summary>Go's SetString scales a decimal mantissa by a power of five computed at the operand's precision + 64.</summary>
    private const int Pow5Precision = DefaultPrecision + 64;

    // Decimal exponents beyond this are refused rather than computing a power of five that large.
    private const long MaxDecimalExponent = 100_000;

    private static readonly BigInteger[] SmallPowersOfFive = CreatePowersOfFive(64);
    private static readonly BigInteger[] SmallPowersOfTen = CreatePowersOfTen(65);

    // value = ±_mantissa × 2^_exponent; _mantissa is odd (trailing zero bits moved into the exponent), or zero.
    private readonly BigInteger _mantissa;
    private readonly long _exponent;

    private GoBigFloat(bool negative, BigInteger mantissa, long exponent, int precision)
    {
        if (mantissa.IsZero)
        {
            exponent = 0;
        }
        else
        {
            var zeros = (long)BigInteger.TrailingZeroCount(mantissa);
            if (zeros > 0)
            {
                mantissa >>= (int)zeros;
                exponent += zeros;
            }
        }
        _mantissa = mantissa;
        _exponent = exponent;
        IsNegative = negative;
        Precision = precision;
    }

    /// <summary>The sign bit; zero has one too (0 / -5 is -0).</summary>
    public bool IsNegative { get; }

    /// <summary>Mantissa bits the value was rounded to.</summary>
    public int Precision { get; }

    public bool IsZero => _mantissa.IsZero;

    /// <summary>big.Float.IsInt: zero and every value without a fractional part.</summary>
    public bool IsInt => _mantissa.IsZero || _exponent >= 0;

    public static GoBigFloat Zero(bool negative, int precision) => new(negative, BigInteger.Zero, 0, precision);

    /// <summary>An integer rounded to <paramref name="precision"/> bits, as big.Float.SetString reads integer text.</summary>
    public static GoBigFloat FromInteger(BigInteger value, int precision = DefaultPrecision) =>
        value.IsZero ? Zero(false, precision) : Round(value.Sign < 0, BigInteger.Abs(value), BigInteger.One, 0, precision);

    /// <summary>
    /// Parses decimal number text the way big.Float.SetString does: the digits form an exact integer mantissa, which a
    /// decimal exponent scales by a power of two (exactly) and a power of five (computed by Go's pow5 at 128 bits); the
    /// result is rounded once to <paramref name="precision"/> bits. False when the text is not a number.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out GoBigFloat value, int precision = DefaultPrecision)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        var start = i;
        var digitCount = 0;
        var fractionDigits = 0;
        var sawDot = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && !sawDot)
            {
                sawDot = true;
                continue;
            }
            if (!char.IsAsciiDigit(c)) break;
            digitCount++;
            if (sawDot) fractionDigits++;
        }
        if (digitCount == 0) return false;
        var mantissaEnd = i;
        long exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E')) return false;
            i++;
            var expNegative = false;
            if (i < text.Length && text[i] is '+' or '-')
            {
                expNegative = text[i] == '-';
                i++;
            }
            if (i == text.Length) return false;
            for (; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i])) return false;
                exponent = exponent * 10 + (text[i] - '0');
                if (exponent > MaxDecimalExponent) return false;
            }
            if (expNegative) exponent = -exponent;
        }

        var mantissa = ParseDigits(text[start..mantissaEnd], digitCount);
        if (mantissa.IsZero)
        {
            value = Zero(negative, precision);
            return true;
        }
        var exp10 = exponent - fractionDigits;
        if (exp10 < -MaxDecimalExponent || exp10 > MaxDecimalExponent) return false;
        if (exp10 == 0)
        {
            value = Round(negative, mantissa, BigInteger.One, 0, precision);
            return true;
        }
        // 10^e = 2^e × 5^e: the power of two is exact, the power of five is Go's (rounded when large).
        var (fiveMantissa, fiveExponent) = GoPowerOfFive(Math.Abs(exp10));
        value = exp10 > 0
            ? Round(negative, mantissa * fiveMantissa, BigInteger.One, exp10 + fiveExponent, precision)
            : Round(negative, mantissa, fiveMantissa, exp10 - fiveExponent, precision);
        return true;
    }

    private static BigInteger ParseDigits(ReadOnlySpan<char> mantissaText, int digitCount)
    {
        Span<char> buffer = digitCount <= 256 ? stackalloc char[digitCount] : new char[digitCount];
        var n = 0;
        foreach (var c in mantissaText)
        {
            if (c != '.') buffer[n++] = c;
        }
        return BigInteger.Parse(buffer, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// 5^n as Go's (*Float).pow5 computes it for SetString: exact up to 5^27, then multiplied by repeated squares of 5
    /// with the product rounded to 128 bits and the squares to 192 bits (exact while 5^n fits in 128 bits, n ≤ 55).
    /// </summary>
    private static (BigInteger Mantissa, long Exponent) GoPowerOfFive(long n)
    {
        if (n <= 55) return (PowerOfFive(n), 0);
        var z = new GoBigFloat(false, SmallPowersOfFive[27], 0, Pow5Precision);
        var f = new GoBigFloat(false, 5, 0, Pow5Precision + 64);
        n -= 27;
        while (n > 0)
        {
            if ((n & 1) != 0) z = Mul(z, f, Pow5Precision);
            f = Mul(f, f, Pow5Precision + 64);
            n >>= 1;
        }
        return (z._mantissa, z._exponent);
    }

    private static BigInteger PowerOfFive(long n) => n < SmallPowersOfFive.Length ? SmallPowersOfFive[n] : BigInteger.Pow(5, checked((int)n));

    private static BigInteger PowerOfTen(int n) => n < SmallPowersOfTen.Length ? SmallPowersOfTen[n] : BigInteger.Pow(10, n);

    private static BigInteger[] CreatePowersOfFive(int count)
    {
        var a = new BigInteger[count];
        a[0] = BigInteger.One;
        for (var i = 1; i < count; i++) a[i] = a[i - 1] * 5;
        return a;
    }

    private static BigInteger[] CreatePowersOfTen(int count)
    {
        var a = new BigInteger[count];
        a[0] = BigInteger.One;
        for (var i = 1; i < count; i++) a[i] = a[i - 1] * 10;
        return a;
    }

    // Arithmetic: the exact result, rounded once (big.Float's Add, Sub, Mul and Quo with z's precision set) -----------

    public static GoBigFloat Add(GoBigFloat x, GoBigFloat y, int precision)
    {
        if (x.IsZero && y.IsZero) return Zero(x.IsNegative && y.IsNegative, precision);
        if (y.IsZero) return x.RoundTo(precision);
        if (x.IsZero) return y.RoundTo(precision);
        var e = Math.Min(x._exponent, y._exponent);
        var a = x._mantissa << checked((int)(x._exponent - e));
        var b = y._mantissa << checked((int)(y._exponent - e));
        var sum = (x.IsNegative ? -a : a) + (y.IsNegative ? -b : b);
        // An exact zero sum is +0 under round-to-nearest.
        if (sum.IsZero) return Zero(false, precision);
        return Round(sum.Sign < 0, BigInteger.Abs(sum), BigInteger.One, e, precision);
    }

    public static GoBigFloat Sub(GoBigFloat x, GoBigFloat y, int precision) => Add(x, y.Negate(), precision);

    public static GoBigFloat Mul(GoBigFloat x, GoBigFloat y, int precision)
    {
        var negative = x.IsNegative != y.IsNegative;
        if (x.IsZero || y.IsZero) return Zero(negative, precision);
        return Round(negative, x._mantissa * y._mantissa, BigInteger.One, x._exponent + y._exponent, precision);
    }

    /// <summary>x / y; the caller has ruled out a zero divisor.</summary>
    public static GoBigFloat Quo(GoBigFloat x, GoBigFloat y, int precision)
    {
        if (y.IsZero) throw new DivideByZeroException();
        var negative = x.IsNegative != y.IsNegative;
        if (x.IsZero) return Zero(negative, precision);
        return Round(negative, x._mantissa, y._mantissa, x._exponent - y._exponent, precision);
    }

    public GoBigFloat Negate() => new(!IsNegative, _mantissa, _exponent, Precision);

    /// <summary>big.Float.Abs: the magnitude at the same precision.</summary>
    public GoBigFloat Abs() => new(false, _mantissa, _exponent, Precision);

    private GoBigFloat RoundTo(int precision) =>
        _mantissa.IsZero || (long)_mantissa.GetBitLength() <= precision
            ? new GoBigFloat(IsNegative, _mantissa, _exponent, precision)
            : Round(IsNegative, _mantissa, BigInteger.One, _exponent, precision);

    /// <summary>The integer part, truncated toward zero (big.Float.Int).</summary>
    public BigInteger Truncate()
    {
        if (_mantissa.IsZero) return BigInteger.Zero;
        BigInteger magnitude;
        if (_exponent >= 0) magnitude = _mantissa << checked((int)_exponent);
        else if (-_exponent >= (long)_mantissa.GetBitLength()) return BigInteger.Zero;
        else magnitude = _mantissa >> (int)-_exponent;
        return IsNegative ? -magnitude : magnitude;
    }

    /// <summary>
    /// ±num/den × 2^exp2 rounded to <paramref name="precision"/> bits, halfway cases to the even mantissa.
    /// num and den are positive.
    /// </summary>
    private static GoBigFloat Round(bool negative, BigInteger num, BigInteger den, long exp2, int precision)
    {
        BigInteger q;
        long shift;
        var sticky = false;
        if (den.IsOne)
        {
            if ((long)num.GetBitLength() <= precision) return new GoBigFloat(negative, num, exp2, precision);
            q = num;
            shift = 0;
        }
        else
        {
            // Scale so the quotient has precision + 2 or + 3 bits; the remainder only says whether anything is left.
            shift = precision + 2 - ((long)num.GetBitLength() - (long)den.GetBitLength());
            var n = shift > 0 ? num << checked((int)shift) : num;
            var d = shift < 0 ? den << checked((int)-shift) : den;
            q = BigInteger.DivRem(n, d, out var remainder);
            sticky = !remainder.IsZero;
        }
        var extra = (long)q.GetBitLength() - precision;
        if (extra > 0)
        {
            var dropped = q & ((BigInteger.One << (int)extra) - 1);
            var half = BigInteger.One << (int)(extra - 1);
            q >>= (int)extra;
            var c = dropped.CompareTo(half);
            if (c > 0 || (c == 0 && (sticky || !q.IsEven))) q += 1;
        }
        else
        {
            extra = 0;
        }
        return new GoBigFloat(negative, q, exp2 - shift + extra, precision);
    }

    // Text ----------------------------------------------------------------------------------------------------------

    /// <summary>
    /// big.Float.Text(format, -1) for 'f' and 'g': the shortest decimal that reads back to this value at its precision,
    /// written without exponent ('f'), or ('g') with one when the decimal exponent is below -4 or at least 6.
    /// </summary>
    public string Text(char format)
    {
        var sb = new StringBuilder(32);
        if (IsNegative) sb.Append('-');
        var digits = IsZero ? new Digits(string.Empty, 0, false) : Shortest();
        if (format == 'f')
        {
            AppendFixed(sb, Math.Max(digits.Length - digits.Exponent, 0), digits);
            return sb.ToString();
        }
        var exp = digits.Exponent - 1;
        if (exp < -4 || exp >= 6) AppendExponent(sb, digits.Length - 1, digits);
        else AppendFixed(sb, Math.Max(digits.Length - digits.Exponent, 0), digits);
        return sb.ToString();
    }

    /// <summary>OPA's FloatToNumber: 'f' for integers, 'g' otherwise.</summary>
    public string ToNumberText() => Text(IsInt ? 'f' : 'g');

    private static void AppendExponent(StringBuilder sb, long prec, in Digits d)
    {
        sb.Append(d.Length > 0 ? d.Text[0] : '0');
        if (prec > 0)
        {
            sb.Append('.');
            var m = (int)Math.Min(d.Length, prec + 1);
            if (m > 1) sb.Append(d.Text, 1, m - 1);
            for (long i = Math.Max(m, 1); i <= prec; i++) sb.Append('0');
        }
        sb.Append('e');
        var exp = d.Length > 0 ? d.Exponent - 1 : 0;
        sb.Append(exp < 0 ? '-' : '+');
        if (exp < 0) exp = -exp;
        if (exp < 10) sb.Append('0');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendFixed(StringBuilder sb, long prec, in Digits d)
    {
        if (d.Exponent > 0)
        {
            var m = (int)Math.Min(d.Length, d.Exponent);
            sb.Append(d.Text, 0, m);
            sb.Append('0', checked((int)(d.Exponent - m)));
        }
        else
        {
            sb.Append('0');
        }
        if (prec > 0)
        {
            sb.Append('.');
            for (long i = 0; i < prec; i++) sb.Append(d.At(d.Exponent + i));
        }
    }

    /// <summary>Decimal digits d1d2… of a value 0.d1d2… × 10^Exponent; when Truncated, more non-zero digits follow.</summary>
    private readonly record struct Digits(string Text, long Exponent, bool Truncated)
    {
        public int Length => Text.Length;

        public char At(long i) => i >= 0 && i < Text.Length ? Text[(int)i] : '0';
    }

    /// <summary>Go's roundShortest, reading at most as many leading digits of the exact values as it needs.</summary>
    private Digits Shortest()
    {
        for (var n = 32; ; n *= 2)
        {
            if (TryShortest(n, out var result)) return result;
        }
    }

    private bool TryShortest(int n, out Digits result)
    {
        result = default;
        var d = LeadingDigits(_mantissa, _exponent, n);
        // The mantissa with one more bit than the precision: its last bit is half an ulp. Every number in
        // [x - ulp/2, x + ulp/2] (the bounds only when the mantissa is even) rounds to x.
        var shift = Precision + 1 - (long)_mantissa.GetBitLength();
        var mantissa = _mantissa << (int)shift;
        var exponent = _exponent - shift;
        var lower = LeadingDigits(mantissa - 1, exponent, n);
        var upper = LeadingDigits(mantissa + 1, exponent, n);
        var inclusive = (mantissa & 2).IsZero;

        // Walk the digits until d distinguishes itself from lower and upper. As in Go, the three are compared digit
        // by digit from their first significant digit, whatever their decimal exponents.
        for (var i = 0; i < d.Length; i++)
        {
            // Deciding at digit i needs digit i+1 of a truncated expansion: read more digits instead.
            if ((d.Truncated && i + 1 >= d.Length) || (lower.Truncated && i + 1 >= lower.Length) ||
                (upper.Truncated && i + 1 >= upper.Length))
            {
                return false;
            }
            var m = d.Text[i];
            var l = lower.At(i);
            var u = upper.At(i);
            // Rounding down is fine if lower has a different digit, or lower is inclusive and ends here.
            var okDown = l != m || (inclusive && i + 1 == lower.Length);
            // Rounding up is fine if upper has a different digit and is inclusive or larger than the rounded value.
            var okUp = m != u && (inclusive || m + 1 < u || i + 1 < upper.Length);
            if (okDown && okUp)
            {
                result = RoundNearest(d, i + 1);
                return true;
            }
            if (okDown)
            {
                result = RoundDown(d, i + 1);
                return true;
            }
            if (okUp)
            {
                result = RoundUp(d, i + 1);
                return true;
            }
        }
        if (d.Truncated) return false;
        result = d;
        return true;
    }

    private static Digits RoundNearest(in Digits d, int n)
    {
        if (n >= d.Length) return d;
        bool up;
        if (d.Text[n] == '5' && n + 1 == d.Length && !d.Truncated)
        {
            // Exactly halfway: to the even digit.
            up = n > 0 && ((d.Text[n - 1] - '0') & 1) != 0;
        }
        else
        {
            up = d.Text[n] >= '5';
        }
        return up ? RoundUp(d, n) : RoundDown(d, n);
    }

    private static Digits RoundUp(in Digits d, int n)
    {
        if (n >= d.Length) return d;
        while (n > 0 && d.Text[n - 1] >= '9') n--;
        if (n == 0) return new Digits("1", d.Exponent + 1, false);
        return new Digits(string.Concat(d.Text.AsSpan(0, n - 1), [(char)(d.Text[n - 1] + 1)]), d.Exponent, false);
    }

    private static Digits RoundDown(in Digits d, int n)
    {
        if (n >= d.Length) return d;
        var text = d.Text[..n].TrimEnd('0');
        return new Digits(text, text.Length == 0 ? 0 : d.Exponent, false);
    }

    /// <summary>The first <paramref name="n"/> significant decimal digits of m × 2^e (m &gt; 0), trailing zeros removed when nothing follows.</summary>
    private static Digits LeadingDigits(BigInteger m, long e, int n)
    {
        // First guess of the decimal exponent (the count of integer digits), corrected below.
        var exponent = (long)Math.Floor(((long)m.GetBitLength() - 1 + e) * 0.30102999566398119521) + 1;
        var limit = PowerOfTen(n);
        var floor = PowerOfTen(n - 1);
        while (true)
        {
            // q = floor(m × 2^e × 10^s) with s chosen to leave n digits.
            var s = n - exponent;
            var num = m;
            var den = BigInteger.One;
            if (s >= 0) num *= PowerOfFive(s);
            else den = PowerOfFive(-s);
            var twos = e + s;
            if (twos >= 0) num <<= checked((int)twos);
            else den <<= checked((int)-twos);
            var q = BigInteger.DivRem(num, den, out var remainder);
            if (q >= limit)
            {
                exponent++;
                continue;
            }
            if (q < floor)
            {
                exponent--;
                continue;
            }
            var text = q.ToString(CultureInfo.InvariantCulture);
            var truncated = !remainder.IsZero;
            return new Digits(truncated ? text : text.TrimEnd('0'), exponent, truncated);
        }
    }

    public override string ToString() => ToNumberText();
}
