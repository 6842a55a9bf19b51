using System.Globalization;
using System.Numerics;
using System.Text;

namespace Conductor.Rego.Values;

/// <summary>
/// A Rego number: a 64-bit integer on the fast path, an arbitrary-precision integer when it overflows
/// (OPA's integers are unbounded), or a double for fractions. Integral doubles are normalised to integers,
/// so 2.0 and 2 are the same value. A literal too large for a double keeps its text for output.
/// </summary>
public sealed class NumberValue : Value
{
    private enum Repr : byte { Int64, Big, Double }

    private static readonly NumberValue[] SmallInts = CreateSmallInts();

    private readonly Repr _repr;
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

    private NumberValue(BigInteger value)
        : base(ValueKind.Number)
    {
        _repr = Repr.Big;
        _big = value;
    }

    private NumberValue(double value, string? text)
        : base(ValueKind.Number)
    {
        _repr = Repr.Double;
        _double = value;
        _text = text;
    }

    public static readonly NumberValue Zero = SmallInts[0];
    public static readonly NumberValue One = SmallInts[1];

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

    /// <summary>Parses a JSON/Rego number literal of any size and precision. Returns null when the text is not a number.</summary>
    public static NumberValue? Parse(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return Of(l);
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
            // Too large for a double: keep the literal; arithmetic on it saturates, output reproduces it.
            return new NumberValue(d, text);
        }
        // Integral values written with an exponent or fraction (1e3, 2.0) become integers when exact.
        if (Math.Floor(d) == d)
        {
            var exact = TryParseExactInteger(text);
            if (exact is { } big) return Of(big);
        }
        return new NumberValue(d, null);
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
        _ => Math.Sign(_double),
    };

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
        if (a._repr == Repr.Big || b._repr == Repr.Big)
        {
            // A double against a huge integer: compare in big integers after flooring the double.
            var da = a._repr == Repr.Double ? a._double : 0;
            var db = b._repr == Repr.Double ? b._double : 0;
            if (double.IsInfinity(da) || double.IsInfinity(db)) return a.ToDouble().CompareTo(b.ToDouble());
            var c = a.ToBigIntegerFloor().CompareTo(b.ToBigIntegerFloor());
            if (c != 0) return c;
            return a.Fraction().CompareTo(b.Fraction());
        }
        return a.ToDouble().CompareTo(b.ToDouble());
    }

    private BigInteger ToBigIntegerFloor() => _repr == Repr.Double ? new BigInteger(Math.Floor(_double)) : ToBigInteger();

    private double Fraction() => _repr == Repr.Double ? _double - Math.Floor(_double) : 0;

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
        Repr.Double => new NumberValue(-a._double, a._text is null ? null : a._text.StartsWith('-') ? a._text[1..] : "-" + a._text),
        _ => Of(-a.ToBigInteger()),
    };

    public override void WriteJson(StringBuilder sb) => sb.Append(ToText());

    public override void WriteRego(StringBuilder sb) => sb.Append(ToText());

    /// <summary>The number's text as OPA prints it.</summary>
    public string ToText() => _repr switch
    {
        Repr.Int64 => _long.ToString(CultureInfo.InvariantCulture),
        Repr.Big => _big.ToString(CultureInfo.InvariantCulture),
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
