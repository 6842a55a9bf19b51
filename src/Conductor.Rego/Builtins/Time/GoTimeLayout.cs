using System.Globalization;
using System.Text;

namespace Conductor.Rego.Builtins.Time;

/// <summary>
/// Go's reference-time layouts ("2006-01-02T15:04:05Z07:00", "Mon Jan _2 15:04:05 MST 2006", ".000", ".999", PM, ...):
/// formatting, and parsing with Go's rules and "parsing time ... cannot parse ..." errors. Parsing resolves to UTC
/// the way Go's time.Parse does (numeric offsets applied; zone abbreviations other than UTC and GMT±h taken as +0).
/// </summary>
internal static class GoTimeLayout
{
    private enum Std
    {
        None,
        LongMonth, Month, NumMonth, ZeroMonth,
        LongWeekDay, WeekDay,
        Day, UnderDay, ZeroDay, UnderYearDay, ZeroYearDay,
        Hour, Hour12, ZeroHour12,
        Minute, ZeroMinute,
        Second, ZeroSecond,
        LongYear, Year,
        PM, pm,
        TZ,
        ISO8601TZ, ISO8601SecondsTZ, ISO8601ShortTZ, ISO8601ColonTZ, ISO8601ColonSecondsTZ,
        NumTZ, NumSecondsTz, NumShortTZ, NumColonTZ, NumColonSecondsTZ,
        FracSecond0, FracSecond9,
    }

    private readonly record struct Chunk(string Prefix, Std Std, string StdText, string Suffix, int FracDigits, char FracSeparator);

    /// <summary>The named layouts OPA accepts in place of a layout string.</summary>
    public static string Named(string layout) => layout switch
    {
        "ANSIC" => "Mon Jan _2 15:04:05 2006",
        "UnixDate" => "Mon Jan _2 15:04:05 MST 2006",
        "RubyDate" => "Mon Jan 02 15:04:05 -0700 2006",
        "RFC822" => "02 Jan 06 15:04 MST",
        "RFC822Z" => "02 Jan 06 15:04 -0700",
        "RFC850" => "Monday, 02-Jan-06 15:04:05 MST",
        "RFC1123" => "Mon, 02 Jan 2006 15:04:05 MST",
        "RFC1123Z" => "Mon, 02 Jan 2006 15:04:05 -0700",
        "RFC3339" => Rfc3339,
        "RFC3339Nano" => Rfc3339Nano,
        _ => layout,
    };

    public const string Rfc3339 = "2006-01-02T15:04:05Z07:00";
    public const string Rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

    private static bool StartsWithLower(string s, int i) => i < s.Length && s[i] is >= 'a' and <= 'z';

    private static bool IsDigitAt(string s, int i) => i < s.Length && s[i] is >= '0' and <= '9';

    private static Chunk NextChunk(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            var c = layout[i];
            Chunk Found(int length, Std std) => new(layout[..i], std, layout.Substring(i, length), layout[(i + length)..], 0, '.');
            bool At(string s) => string.CompareOrdinal(layout, i, s, 0, s.Length) == 0 && layout.Length - i >= s.Length;
            switch (c)
            {
                case 'J':
                    if (At("Jan"))
                    {
                        if (At("January")) return Found(7, Std.LongMonth);
                        if (!StartsWithLower(layout, i + 3)) return Found(3, Std.Month);
                    }
                    break;
                case 'M':
                    if (At("Mon"))
                    {
                        if (At("Monday")) return Found(6, Std.LongWeekDay);
                        if (!StartsWithLower(layout, i + 3)) return Found(3, Std.WeekDay);
                    }
                    if (At("MST")) return Found(3, Std.TZ);
                    break;
                case '0':
                    if (i + 1 < layout.Length && layout[i + 1] is >= '1' and <= '6')
                    {
                        Std[] zeros = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];
                        return Found(2, zeros[layout[i + 1] - '1']);
                    }
                    if (At("002")) return Found(3, Std.ZeroYearDay);
                    break;
                case '1':
                    if (At("15")) return Found(2, Std.Hour);
                    return Found(1, Std.NumMonth);
                case '2':
                    if (At("2006")) return Found(4, Std.LongYear);
                    return Found(1, Std.Day);
                case '_':
                    if (At("_2"))
                    {
                        // "_2006" is a literal underscore followed by a long year.
                        if (At("_2006")) return new Chunk(layout[..(i + 1)], Std.LongYear, "2006", layout[(i + 5)..], 0, '.');
                        return Found(2, Std.UnderDay);
                    }
                    if (At("__2")) return Found(3, Std.UnderYearDay);
                    break;
                case '3':
                    return Found(1, Std.Hour12);
                case '4':
                    return Found(1, Std.Minute);
                case '5':
                    return Found(1, Std.Second);
                case 'P':
                    if (At("PM")) return Found(2, Std.PM);
                    break;
                case 'p':
                    if (At("pm")) return Found(2, Std.pm);
                    break;
                case '-':
                    if (At("-070000")) return Found(7, Std.NumSecondsTz);
                    if (At("-07:00:00")) return Found(9, Std.NumColonSecondsTZ);
                    if (At("-0700")) return Found(5, Std.NumTZ);
                    if (At("-07:00")) return Found(6, Std.NumColonTZ);
                    if (At("-07")) return Found(3, Std.NumShortTZ);
                    break;
                case 'Z':
                    if (At("Z070000")) return Found(7, Std.ISO8601SecondsTZ);
                    if (At("Z07:00:00")) return Found(9, Std.ISO8601ColonSecondsTZ);
                    if (At("Z0700")) return Found(5, Std.ISO8601TZ);
                    if (At("Z07:00")) return Found(6, Std.ISO8601ColonTZ);
                    if (At("Z07")) return Found(3, Std.ISO8601ShortTZ);
                    break;
                case '.':
                case ',':
                    if (i + 1 < layout.Length && layout[i + 1] is '0' or '9')
                    {
                        var ch = layout[i + 1];
                        var j = i + 1;
                        while (j < layout.Length && layout[j] == ch) j++;
                        // Only a run of digits that ends here is a fractional second.
                        if (!IsDigitAt(layout, j))
                        {
                            return new Chunk(layout[..i], ch == '0' ? Std.FracSecond0 : Std.FracSecond9, layout[i..j], layout[j..], j - (i + 1), c);
                        }
                    }
                    break;
            }
        }
        return new Chunk(layout, Std.None, "", "", 0, '.');
    }

    // Formatting -----------------------------------------------------------------------------------

    public static string Format(GoTime t, string layout)
    {
        var sb = new StringBuilder(layout.Length + 10);
        while (layout.Length > 0)
        {
            var chunk = NextChunk(layout);
            sb.Append(chunk.Prefix);
            if (chunk.Std == Std.None) break;
            layout = chunk.Suffix;
            switch (chunk.Std)
            {
                case Std.Year:
                    Pad(sb, FloorMod100(t.Year), 2);
                    break;
                case Std.LongYear:
                    Pad(sb, t.Year, 4);
                    break;
                case Std.Month:
                    sb.Append(GoTime.MonthNames[t.Month - 1].AsSpan(0, 3));
                    break;
                case Std.LongMonth:
                    sb.Append(GoTime.MonthNames[t.Month - 1]);
                    break;
                case Std.NumMonth:
                    sb.Append(t.Month);
                    break;
                case Std.ZeroMonth:
                    Pad(sb, t.Month, 2);
                    break;
                case Std.WeekDay:
                    sb.Append(GoTime.DayNames[t.Weekday].AsSpan(0, 3));
                    break;
                case Std.LongWeekDay:
                    sb.Append(GoTime.DayNames[t.Weekday]);
                    break;
                case Std.Day:
                    sb.Append(t.Day);
                    break;
                case Std.UnderDay:
                    if (t.Day < 10) sb.Append(' ');
                    sb.Append(t.Day);
                    break;
                case Std.ZeroDay:
                    Pad(sb, t.Day, 2);
                    break;
                case Std.UnderYearDay:
                    if (t.YearDay < 100)
                    {
                        sb.Append(' ');
                        if (t.YearDay < 10) sb.Append(' ');
                    }
                    sb.Append(t.YearDay);
                    break;
                case Std.ZeroYearDay:
                    Pad(sb, t.YearDay, 3);
                    break;
                case Std.Hour:
                    Pad(sb, t.Hour, 2);
                    break;
                case Std.Hour12:
                    sb.Append(t.Hour % 12 == 0 ? 12 : t.Hour % 12);
                    break;
                case Std.ZeroHour12:
                    Pad(sb, t.Hour % 12 == 0 ? 12 : t.Hour % 12, 2);
                    break;
                case Std.Minute:
                    sb.Append(t.Minute);
                    break;
                case Std.ZeroMinute:
                    Pad(sb, t.Minute, 2);
                    break;
                case Std.Second:
                    sb.Append(t.Second);
                    break;
                case Std.ZeroSecond:
                    Pad(sb, t.Second, 2);
                    break;
                case Std.PM:
                    sb.Append(t.Hour >= 12 ? "PM" : "AM");
                    break;
                case Std.pm:
                    sb.Append(t.Hour >= 12 ? "pm" : "am");
                    break;
                case Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumShortTZ or Std.NumColonSecondsTZ:
                    FormatOffset(sb, t.Offset, chunk.Std);
                    break;
                case Std.TZ:
                    if (t.ZoneName.Length > 0)
                    {
                        sb.Append(t.ZoneName);
                    }
                    else
                    {
                        var zone = t.Offset / 60;
                        sb.Append(zone < 0 ? '-' : '+');
                        zone = Math.Abs(zone);
                        Pad(sb, zone / 60, 2);
                        Pad(sb, zone % 60, 2);
                    }
                    break;
                case Std.FracSecond0:
                case Std.FracSecond9:
                    AppendNanos(sb, t.Nanosecond, chunk);
                    break;
            }
        }
        return sb.ToString();
    }

    private static long FloorMod100(long year) => GoTime.FloorMod(year, 100);

    private static void Pad(StringBuilder sb, long value, int width)
    {
        if (value < 0)
        {
            sb.Append('-');
            value = -value;
        }
        var s = value.ToString(CultureInfo.InvariantCulture);
        for (var i = s.Length; i < width; i++) sb.Append('0');
        sb.Append(s);
    }

    private static void FormatOffset(StringBuilder sb, int offset, Std std)
    {
        var iso = std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ;
        if (offset == 0 && iso)
        {
            sb.Append('Z');
            return;
        }
        var zone = offset / 60;
        var abs = offset;
        if (zone < 0)
        {
            sb.Append('-');
            zone = -zone;
            abs = -abs;
        }
        else
        {
            sb.Append('+');
        }
        Pad(sb, zone / 60, 2);
        if (std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ) sb.Append(':');
        if (std is not (Std.NumShortTZ or Std.ISO8601ShortTZ)) Pad(sb, zone % 60, 2);
        if (std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
        {
            if (std is Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ) sb.Append(':');
            Pad(sb, abs % 60, 2);
        }
    }

    private static void AppendNanos(StringBuilder sb, int nanos, Chunk chunk)
    {
        var digits = nanos.ToString("000000000", CultureInfo.InvariantCulture);
        var n = Math.Min(chunk.FracDigits, 9);
        if (chunk.Std == Std.FracSecond9)
        {
            var trimmed = digits[..n].TrimEnd('0');
            if (trimmed.Length == 0) return;
            sb.Append(chunk.FracSeparator).Append(trimmed);
            return;
        }
        sb.Append(chunk.FracSeparator).Append(digits.AsSpan(0, n));
    }

    // Parsing --------------------------------------------------------------------------------------

    /// <summary>True when the text is an RFC 3339 timestamp as Go's time.Parse(time.RFC3339, ...) accepts it.</summary>
    public static bool TryParseRfc3339(string value, out (long Seconds, int Nanos) instant)
    {
        try
        {
            instant = Parse(Rfc3339, value);
            return true;
        }
        catch (BuiltinException)
        {
            instant = default;
            return false;
        }
    }

    private sealed class BadElement : Exception;

    /// <summary>Go's time.Parse with UTC as the default location: returns Unix seconds and nanoseconds.</summary>
    public static (long Seconds, int Nanos) Parse(string layout, string value)
    {
        var alayout = layout;
        var avalue = value;
        var amSet = false;
        var pmSet = false;
        long year = 0;
        int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
        var utcZone = false;
        var zoneOffset = -1;
        var zoneName = "";

        while (true)
        {
            var chunk = NextChunk(layout);
            if (!Skip(ref value, chunk.Prefix)) throw Error(alayout, avalue, chunk.Prefix, value, "");
            if (chunk.Std == Std.None)
            {
                if (value.Length != 0) throw Error(alayout, avalue, "", value, ": extra text: " + GoDuration.GoQuote(value));
                break;
            }
            layout = chunk.Suffix;
            var hold = value;
            var rangeError = "";
            try
            {
                switch (chunk.Std)
                {
                    case Std.Year:
                    {
                        if (value.Length < 2) throw new BadElement();
                        var p = value[..2];
                        value = value[2..];
                        year = Atoi(p);
                        year += year >= 69 ? 1900 : 2000;
                        break;
                    }
                    case Std.LongYear:
                        if (value.Length < 4 || !IsDigitAt(value, 0)) throw new BadElement();
                        year = Atoi(value[..4]);
                        value = value[4..];
                        break;
                    case Std.Month:
                        month = Lookup(GoTime.MonthNames, 3, ref value) + 1;
                        break;
                    case Std.LongMonth:
                        month = Lookup(GoTime.MonthNames, 0, ref value) + 1;
                        break;
                    case Std.NumMonth:
                    case Std.ZeroMonth:
                        month = GetNum(ref value, chunk.Std == Std.ZeroMonth);
                        if (month is <= 0 or > 12) rangeError = "month";
                        break;
                    case Std.WeekDay:
                        Lookup(GoTime.DayNames, 3, ref value);
                        break;
                    case Std.LongWeekDay:
                        Lookup(GoTime.DayNames, 0, ref value);
                        break;
                    case Std.Day:
                    case Std.UnderDay:
                    case Std.ZeroDay:
                        if (chunk.Std == Std.UnderDay && value.Length > 0 && value[0] == ' ') value = value[1..];
                        day = GetNum(ref value, chunk.Std == Std.ZeroDay);
                        break;
                    case Std.UnderYearDay:
                    case Std.ZeroYearDay:
                        for (var i = 0; i < 2; i++)
                        {
                            if (chunk.Std == Std.UnderYearDay && value.Length > 0 && value[0] == ' ') value = value[1..];
                        }
                        yday = GetNum3(ref value, chunk.Std == Std.ZeroYearDay);
                        break;
                    case Std.Hour:
                        hour = GetNum(ref value, false);
                        if (hour is < 0 or >= 24) rangeError = "hour";
                        break;
                    case Std.Hour12:
                    case Std.ZeroHour12:
                        hour = GetNum(ref value, chunk.Std == Std.ZeroHour12);
                        if (hour is < 0 or > 12) rangeError = "hour";
                        break;
                    case Std.Minute:
                    case Std.ZeroMinute:
                        min = GetNum(ref value, chunk.Std == Std.ZeroMinute);
                        if (min is < 0 or >= 60) rangeError = "minute";
                        break;
                    case Std.Second:
                    case Std.ZeroSecond:
                    {
                        sec = GetNum(ref value, chunk.Std == Std.ZeroSecond);
                        if (sec is < 0 or >= 60)
                        {
                            rangeError = "second";
                            break;
                        }
                        // A fractional second in the value that the layout does not mention.
                        if (value.Length >= 2 && value[0] is '.' or ',' && IsDigitAt(value, 1))
                        {
                            var next = NextChunk(layout).Std;
                            if (next is Std.FracSecond0 or Std.FracSecond9) break;
                            var n = 2;
                            while (n < value.Length && IsDigitAt(value, n)) n++;
                            nsec = ParseNanoseconds(value, n, ref rangeError);
                            value = value[n..];
                        }
                        break;
                    }
                    case Std.PM:
                    case Std.pm:
                    {
                        if (value.Length < 2) throw new BadElement();
                        var p = value[..2];
                        value = value[2..];
                        var upper = chunk.Std == Std.PM;
                        if (p == (upper ? "PM" : "pm")) pmSet = true;
                        else if (p == (upper ? "AM" : "am")) amSet = true;
                        else throw new BadElement();
                        break;
                    }
                    case Std.ISO8601TZ or Std.ISO8601ShortTZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ColonSecondsTZ
                        when value.Length >= 1 && value[0] == 'Z':
                        value = value[1..];
                        utcZone = true;
                        break;
                    case Std.ISO8601TZ or Std.ISO8601ShortTZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ColonSecondsTZ
                        or Std.NumTZ or Std.NumShortTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ:
                    {
                        string sign, hh, mm, ss;
                        if (chunk.Std is Std.ISO8601ColonTZ or Std.NumColonTZ)
                        {
                            if (value.Length < 6 || value[3] != ':') throw new BadElement();
                            (sign, hh, mm, ss, value) = (value[..1], value[1..3], value[4..6], "00", value[6..]);
                        }
                        else if (chunk.Std is Std.NumShortTZ or Std.ISO8601ShortTZ)
                        {
                            if (value.Length < 3) throw new BadElement();
                            (sign, hh, mm, ss, value) = (value[..1], value[1..3], "00", "00", value[3..]);
                        }
                        else if (chunk.Std is Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ)
                        {
                            if (value.Length < 9 || value[3] != ':' || value[6] != ':') throw new BadElement();
                            (sign, hh, mm, ss, value) = (value[..1], value[1..3], value[4..6], value[7..9], value[9..]);
                        }
                        else if (chunk.Std is Std.ISO8601SecondsTZ or Std.NumSecondsTz)
                        {
                            if (value.Length < 7) throw new BadElement();
                            (sign, hh, mm, ss, value) = (value[..1], value[1..3], value[3..5], value[5..7], value[7..]);
                        }
                        else
                        {
                            if (value.Length < 5) throw new BadElement();
                            (sign, hh, mm, ss, value) = (value[..1], value[1..3], value[3..5], "00", value[5..]);
                        }
                        var hr = GetNum(ref hh, true);
                        var mi = GetNum(ref mm, true);
                        var se = GetNum(ref ss, true);
                        if (hr > 24) rangeError = "time zone offset hour";
                        if (mi > 60) rangeError = "time zone offset minute";
                        if (se > 60) rangeError = "time zone offset second";
                        zoneOffset = (hr * 60 + mi) * 60 + se;
                        if (sign == "-") zoneOffset = -zoneOffset;
                        else if (sign != "+") throw new BadElement();
                        break;
                    }
                    case Std.TZ:
                    {
                        if (value.StartsWith("UTC", StringComparison.Ordinal))
                        {
                            utcZone = true;
                            value = value[3..];
                            break;
                        }
                        var n = ParseTimeZone(value);
                        if (n <= 0) throw new BadElement();
                        zoneName = value[..n];
                        value = value[n..];
                        break;
                    }
                    case Std.FracSecond0:
                    {
                        var ndigit = 1 + chunk.FracDigits;
                        if (value.Length < ndigit) throw new BadElement();
                        nsec = ParseNanoseconds(value, ndigit, ref rangeError);
                        value = value[ndigit..];
                        break;
                    }
                    case Std.FracSecond9:
                    {
                        if (value.Length < 2 || value[0] is not ('.' or ',') || value[1] is < '0' or > '9') break;
                        var i = 0;
                        while (i + 1 < value.Length && value[i + 1] is >= '0' and <= '9') i++;
                        nsec = ParseNanoseconds(value, 1 + i, ref rangeError);
                        value = value[(1 + i)..];
                        break;
                    }
                }
            }
            catch (BadElement)
            {
                if (rangeError.Length > 0) throw Error(alayout, avalue, chunk.StdText, value, ": " + rangeError + " out of range");
                throw Error(alayout, avalue, chunk.StdText, hold, "");
            }
            if (rangeError.Length > 0) throw Error(alayout, avalue, chunk.StdText, value, ": " + rangeError + " out of range");
        }

        if (pmSet && hour < 12) hour += 12;
        else if (amSet && hour == 12) hour = 0;

        if (yday >= 0)
        {
            int d = 0, m = 0;
            if (GoTime.IsLeap(year))
            {
                if (yday == 31 + 29)
                {
                    m = 2;
                    d = 29;
                }
                else if (yday > 31 + 29)
                {
                    yday--;
                }
            }
            if (yday is < 1 or > 365) throw Error(alayout, avalue, "", value, ": day-of-year out of range");
            if (m == 0)
            {
                int[] daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
                m = (yday - 1) / 31 + 1;
                if (daysBefore[m] < yday) m++;
                d = yday - daysBefore[m - 1];
            }
            if (month >= 0 && month != m) throw Error(alayout, avalue, "", value, ": day-of-year does not match month");
            month = m;
            if (day >= 0 && day != d) throw Error(alayout, avalue, "", value, ": day-of-year does not match day");
            day = d;
        }
        else
        {
            if (month < 0) month = 1;
            if (day < 0) day = 1;
        }
        if (day < 1 || day > GoTime.DaysIn(month, year)) throw Error(alayout, avalue, "", value, ": day out of range");

        var (seconds, nanos) = GoTime.Date(year, month, day, hour, min, sec, nsec, GoLocation.Utc);
        if (utcZone) return (seconds, nanos);
        if (zoneOffset != -1) return (seconds - zoneOffset, nanos);
        if (zoneName.Length > 3 && zoneName.StartsWith("GMT", StringComparison.Ordinal))
        {
            // Go gives "GMT+h" zones their offset; other unknown abbreviations get offset zero.
            var offset = int.Parse(zoneName.AsSpan(3), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) * 3600;
            return (seconds - offset, nanos);
        }
        return (seconds, nanos);
    }

    private static BuiltinException Error(string layout, string value, string layoutElem, string valueElem, string message)
    {
        if (message.Length > 0) return BuiltinException.Error("parsing time " + GoDuration.GoQuote(value) + message);
        return BuiltinException.Error("parsing time " + GoDuration.GoQuote(value) + " as " + GoDuration.GoQuote(layout) + ": cannot parse " +
                                      GoDuration.GoQuote(valueElem) + " as " + GoDuration.GoQuote(layoutElem));
    }

    private static bool Skip(ref string value, string prefix)
    {
        while (prefix.Length > 0)
        {
            if (prefix[0] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ') return false;
                prefix = prefix.TrimStart(' ');
                value = value.TrimStart(' ');
                continue;
            }
            if (value.Length == 0 || value[0] != prefix[0]) return false;
            prefix = prefix[1..];
            value = value[1..];
        }
        return true;
    }

    private static long Atoi(string s)
    {
        var neg = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0) throw new BadElement();
        long x = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') throw new BadElement();
            if (x > long.MaxValue / 10) throw new BadElement();
            x = x * 10 + (c - '0');
        }
        return neg ? -x : x;
    }

    private static int GetNum(ref string s, bool fixedWidth)
    {
        if (!IsDigitAt(s, 0)) throw new BadElement();
        if (!IsDigitAt(s, 1))
        {
            if (fixedWidth) throw new BadElement();
            var one = s[0] - '0';
            s = s[1..];
            return one;
        }
        var two = (s[0] - '0') * 10 + (s[1] - '0');
        s = s[2..];
        return two;
    }

    private static int GetNum3(ref string s, bool fixedWidth)
    {
        var n = 0;
        var i = 0;
        for (; i < 3 && IsDigitAt(s, i); i++) n = n * 10 + (s[i] - '0');
        if (i == 0 || (fixedWidth && i != 3)) throw new BadElement();
        s = s[i..];
        return n;
    }

    private static int Lookup(string[] names, int length, ref string value)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var name = length > 0 ? names[i][..length] : names[i];
            if (value.Length >= name.Length && string.Compare(value, 0, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                value = value[name.Length..];
                return i;
            }
        }
        throw new BadElement();
    }

    private static int ParseNanoseconds(string value, int nbytes, ref string rangeError)
    {
        if (value[0] is not ('.' or ',')) throw new BadElement();
        if (nbytes > 10)
        {
            value = value[..10];
            nbytes = 10;
        }
        var ns = Atoi(value[1..nbytes]);
        if (ns < 0)
        {
            rangeError = "fractional second";
            return 0;
        }
        for (var i = 0; i < 10 - nbytes; i++) ns *= 10;
        return (int)ns;
    }

    /// <summary>Length of a time zone abbreviation at the start of the value (Go's parseTimeZone), or 0.</summary>
    private static int ParseTimeZone(string value)
    {
        if (value.Length < 3) return 0;
        if (value.Length >= 4 && (value[..4] == "ChST" || value[..4] == "MeST")) return 4;
        if (value[..3] == "GMT") return ParseGmt(value);
        if (value[0] is '+' or '-') return ParseSignedOffset(value);
        var nUpper = 0;
        while (nUpper < 6 && nUpper < value.Length && value[nUpper] is >= 'A' and <= 'Z') nUpper++;
        return nUpper switch
        {
            5 when value[4] == 'T' => 5,
            4 when value[3] == 'T' || value[..4] == "WITA" => 4,
            3 => 3,
            _ => 0,
        };
    }

    private static int ParseGmt(string value)
    {
        var rest = value[3..];
        if (rest.Length == 0) return 3;
        var n = ParseSignedOffset(rest);
        return n == 0 ? 3 : 3 + n;
    }

    private static int ParseSignedOffset(string value)
    {
        if (value.Length == 0 || value[0] is not ('+' or '-')) return 0;
        var i = 1;
        long x = 0;
        while (i < value.Length && value[i] is >= '0' and <= '9')
        {
            x = x * 10 + (value[i] - '0');
            if (x > 1_000_000) return 0;
            i++;
        }
        if (i == 1) return 0;
        if (x > 23) return 0;
        return i;
    }
}
