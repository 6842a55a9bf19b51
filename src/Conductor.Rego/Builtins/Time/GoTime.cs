namespace Conductor.Rego.Builtins.Time;

/// <summary>
/// An instant (Unix seconds and nanoseconds) seen in a location, with the civil fields Go's time.Time gives:
/// proleptic Gregorian calendar, exact nanoseconds, no DateTime range or tick rounding.
/// </summary>
internal readonly struct GoTime
{
    public static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public GoTime(long unixSeconds, int nanosecond, GoLocation location)
    {
        UnixSeconds = unixSeconds;
        Nanosecond = nanosecond;
        Location = location;
        (Offset, ZoneName) = location.Lookup(unixSeconds);
        var local = unixSeconds + Offset;
        var days = FloorDiv(local, 86400);
        var secondOfDay = (int)(local - days * 86400);
        (Year, Month, Day) = CivilFromDays(days);
        Hour = secondOfDay / 3600;
        Minute = secondOfDay / 60 % 60;
        Second = secondOfDay % 60;
        Weekday = (int)FloorMod(days + 4, 7); // 1970-01-01 was a Thursday
        YearDay = (int)(days - DaysFromCivil(Year, 1, 1)) + 1;
    }

    public static GoTime FromUnixNanoseconds(long ns, GoLocation location) =>
        new(FloorDiv(ns, 1_000_000_000), (int)FloorMod(ns, 1_000_000_000), location);

    public long UnixSeconds { get; }
    public int Nanosecond { get; }
    public GoLocation Location { get; }
    public int Offset { get; }
    public string ZoneName { get; }
    public long Year { get; }
    public int Month { get; }
    public int Day { get; }
    public int Hour { get; }
    public int Minute { get; }
    public int Second { get; }
    public int Weekday { get; }
    public int YearDay { get; }

    /// <summary>Nanoseconds since the epoch (may exceed 64 bits; callers check OPA's range).</summary>
    public Int128 UnixNanoseconds => (Int128)UnixSeconds * 1_000_000_000 + Nanosecond;

    public static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31).</summary>
    public static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - era * 400;
        var mp = (m + 9) % 12;
        var doy = (153 * mp + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var y = yoe + era * 400;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var d = (int)(doy - (153 * mp + 2) / 5 + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    public static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysIn(int month, long year) => month == 2 ? (IsLeap(year) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    /// <summary>
    /// Go's time.Date: normalises out-of-range months, days, hours, ... and resolves the wall clock in the location
    /// (Go's two-step offset lookup for times near a zone transition). Returns Unix seconds and nanoseconds.
    /// </summary>
    public static (long Seconds, int Nanos) Date(long year, long month, long day, long hour, long minute, long second, long nanos, GoLocation location)
    {
        var m0 = month - 1;
        year += FloorDiv(m0, 12);
        m0 = FloorMod(m0, 12);
        if (Math.Abs(year) > 1_000_000_000) throw BuiltinException.Error("time outside of valid range");
        second += FloorDiv(nanos, 1_000_000_000);
        nanos = FloorMod(nanos, 1_000_000_000);
        var days = DaysFromCivil(year, (int)m0 + 1, 1) + (day - 1);
        var local = checked(days * 86400 + hour * 3600 + minute * 60 + second);
        var (offset, _) = location.Lookup(local);
        var unix = local - offset;
        var (offset2, _) = location.Lookup(unix);
        if (offset2 != offset) unix = local - offset2;
        return (unix, (int)nanos);
    }
}
