using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Conductor.Rego.Builtins.Time;

/// <summary>
/// A time zone as Go's time.Location: UTC, the machine's local zone, or an IANA zone from /usr/share/zoneinfo.
/// Offsets come from <see cref="TimeZoneInfo"/>; abbreviations (for the MST layout element) from the zone's TZif file.
/// </summary>
internal sealed class GoLocation
{
    private const string ZoneInfoRoot = "/usr/share/zoneinfo";
    private static readonly ConcurrentDictionary<string, GoLocation> Cache = new(StringComparer.Ordinal);

    public static readonly GoLocation Utc = new("UTC", null, null);

    private readonly TimeZoneInfo? _zone;
    private readonly TzifAbbreviations? _abbreviations;

    private GoLocation(string name, TimeZoneInfo? zone, TzifAbbreviations? abbreviations)
    {
        Name = name;
        _zone = zone;
        _abbreviations = abbreviations;
    }

    public string Name { get; }

    /// <summary>Go's LoadLocation: "" and "UTC" are UTC, "Local" is the machine's zone, others are IANA names.</summary>
    public static GoLocation Load(string name)
    {
        if (name is "" or "UTC") return Utc;
        return Cache.GetOrAdd(name, static n => n == "Local" ? LoadLocal() : LoadNamed(n));
    }

    private static GoLocation LoadLocal()
    {
        TzifAbbreviations? abbreviations = null;
        try
        {
            if (File.Exists("/etc/localtime")) abbreviations = TzifAbbreviations.Read(File.ReadAllBytes("/etc/localtime"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            abbreviations = null;
        }
        return new GoLocation("Local", TimeZoneInfo.Local, abbreviations);
    }

    private static GoLocation LoadNamed(string name)
    {
        // Go refuses names that could escape the zoneinfo directory.
        if (name.Contains("..") || name.StartsWith('/') || name.Contains('\\') || name.Contains('\0'))
            throw BuiltinException.Error("time: invalid location name");
        var path = Path.Combine(ZoneInfoRoot, name);
        try
        {
            if (!File.Exists(path)) throw BuiltinException.Error("unknown time zone " + name);
            var abbreviations = TzifAbbreviations.Read(File.ReadAllBytes(path));
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return new GoLocation(name, zone, abbreviations);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw BuiltinException.Error("unknown time zone " + name);
        }
    }

    /// <summary>The offset east of UTC in seconds, and the zone abbreviation, in effect at a Unix second.</summary>
    public (int Offset, string Abbreviation) Lookup(long unixSeconds)
    {
        if (_zone is null) return (0, "UTC");
        var clamped = Math.Clamp(unixSeconds, -62135596800L, 253402300799L);
        var instant = DateTimeOffset.FromUnixTimeSeconds(clamped);
        var offset = (int)_zone.GetUtcOffset(instant).TotalSeconds;
        var isDst = _zone.IsDaylightSavingTime(instant);
        var abbreviation = _abbreviations?.Find(unixSeconds, offset, isDst) ?? FormatOffsetName(offset);
        return (offset, abbreviation);
    }

    private static string FormatOffsetName(int offset)
    {
        var sign = offset < 0 ? '-' : '+';
        var abs = Math.Abs(offset) / 60;
        return abs % 60 == 0 ? $"{sign}{abs / 60:00}" : $"{sign}{abs / 60:00}{abs % 60:00}";
    }
}

/// <summary>The zone abbreviations of a TZif file (RFC 8536): per transition, and the footer's for later times.</summary>
internal sealed class TzifAbbreviations
{
    private long[] _transitions = [];
    private byte[] _indexes = [];
    private (int Offset, bool IsDst, string Name)[] _types = [];
    private string? _footerStd;
    private string? _footerDst;

    public static TzifAbbreviations Read(byte[] data)
    {
        if (data.Length < 44 || data[0] != 'T' || data[1] != 'Z' || data[2] != 'i' || data[3] != 'f') throw new FormatException("not a TZif file");
        var version = data[4];
        var pos = 0;
        var result = new TzifAbbreviations();
        result.ReadBlock(data, ref pos, wide: false);
        if (version >= '2')
        {
            result.ReadBlock(data, ref pos, wide: true);
            // Footer: "\n<POSIX TZ>\n".
            if (pos < data.Length && data[pos] == '\n')
            {
                var end = Array.IndexOf(data, (byte)'\n', pos + 1);
                if (end > pos) result.ParseFooter(System.Text.Encoding.ASCII.GetString(data, pos + 1, end - pos - 1));
            }
        }
        return result;
    }

    private void ReadBlock(byte[] d, ref int pos, bool wide)
    {
        var header = pos;
        int Count(int i) => BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(header + 20 + i * 4));
        var isutcnt = Count(0);
        var isstdcnt = Count(1);
        var leapcnt = Count(2);
        var timecnt = Count(3);
        var typecnt = Count(4);
        var charcnt = Count(5);
        pos += 44;
        var size = wide ? 8 : 4;
        var transitions = new long[timecnt];
        for (var i = 0; i < timecnt; i++)
        {
            transitions[i] = wide ? BinaryPrimitives.ReadInt64BigEndian(d.AsSpan(pos + i * 8)) : BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(pos + i * 4));
        }
        pos += timecnt * size;
        var indexes = d.AsSpan(pos, timecnt).ToArray();
        pos += timecnt;
        var rawTypes = new (int Offset, bool IsDst, int AbbrIndex)[typecnt];
        for (var i = 0; i < typecnt; i++)
        {
            rawTypes[i] = (BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(pos)), d[pos + 4] != 0, d[pos + 5]);
            pos += 6;
        }
        var chars = d.AsSpan(pos, charcnt);
        pos += charcnt;
        pos += leapcnt * (size + 4) + isstdcnt + isutcnt;
        if (!wide && d[4] >= '2') return; // the 64-bit block follows; keep its data instead
        _transitions = transitions;
        _indexes = indexes;
        _types = new (int, bool, string)[typecnt];
        for (var i = 0; i < typecnt; i++)
        {
            var start = rawTypes[i].AbbrIndex;
            var end = start;
            while (end < chars.Length && chars[end] != 0) end++;
            _types[i] = (rawTypes[i].Offset, rawTypes[i].IsDst, System.Text.Encoding.ASCII.GetString(chars[start..end]));
        }
    }

    private void ParseFooter(string tz)
    {
        var i = 0;
        _footerStd = ReadName(tz, ref i);
        if (_footerStd is null) return;
        // Skip the standard offset, then an optional DST name.
        while (i < tz.Length && (char.IsAsciiDigit(tz[i]) || tz[i] is '+' or '-' or ':')) i++;
        _footerDst = ReadName(tz, ref i);
    }

    private static string? ReadName(string tz, ref int i)
    {
        if (i >= tz.Length) return null;
        if (tz[i] == '<')
        {
            var end = tz.IndexOf('>', i);
            if (end < 0) return null;
            var name = tz[(i + 1)..end];
            i = end + 1;
            return name;
        }
        var start = i;
        while (i < tz.Length && char.IsAsciiLetter(tz[i])) i++;
        return i > start ? tz[start..i] : null;
    }

    public string? Find(long unixSeconds, int offset, bool isDst)
    {
        if (_types.Length == 0) return null;
        if (_transitions.Length == 0 || unixSeconds < _transitions[0])
        {
            // Before the first transition Go uses the first standard-time type.
            foreach (var t in _types)
            {
                if (!t.IsDst && t.Offset == offset) return t.Name;
            }
            return _types[0].Offset == offset ? _types[0].Name : null;
        }
        if (unixSeconds >= _transitions[^1] && _footerStd is not null)
        {
            return isDst && _footerDst is not null ? _footerDst : _footerStd;
        }
        var lo = 0;
        var hi = _transitions.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_transitions[mid] <= unixSeconds) lo = mid;
            else hi = mid - 1;
        }
        var type = _types[_indexes[lo]];
        return type.Offset == offset ? type.Name : null;
    }
}
