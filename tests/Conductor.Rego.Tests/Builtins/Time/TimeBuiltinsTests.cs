using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Encodings.BuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Time;

public class TimeBuiltinsTests
{
    private const long Ns = 1670006453141828752; // 2022-12-02T18:40:53.141828752Z, a Friday

    private static Value N(long n) => NumberValue.Of(n);

    private static Value Arr(params Value[] items) => new ArrayValue(items);

    private static string Format(Value arg) => ((StringValue)Invoke("time.format", arg)!).Value;

    [Fact]
    public void NowIsFixedPerContext()
    {
        var provider = new FixedTime(DateTimeOffset.Parse("2024-03-01T12:00:00.1234567Z", System.Globalization.CultureInfo.InvariantCulture));
        var context = new BuiltinContext(new EvaluationOptions { TimeProvider = provider });
        Assert.True(BuiltinRegistry.Default.TryGet("time.now_ns", out var def));
        Assert.True(def.Nondeterministic);
        Assert.Equal(NumberValue.Of(1709294400123456700), def.Function!(context, []));
        provider.Now = provider.Now.AddSeconds(5);
        Assert.Equal(NumberValue.Of(1709294400123456700), def.Function!(context, []));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void SleepStopsWhenTheQueryIsCancelled()
    {
        Assert.Equal(NullValue.Instance, Invoke("test.sleep", S("0s")));
        Assert.True(BuiltinRegistry.Default.TryGet("test.sleep", out var def));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var context = new BuiltinContext(new EvaluationOptions { Cancellation = cancelled.Token });
        var e = Assert.Throws<BuiltinException>(() => def.Function!(context, [S("1h")]));
        Assert.Equal(RegoErrorCodes.CancelError, e.Code);
        Assert.Equal("time: invalid duration \"soon\"", BuiltinError("test.sleep", S("soon")));
    }

    [Fact]
    public void FormatDefaultsToRfc3339NanoInUtc()
    {
        Assert.Equal("2022-12-02T18:40:53.141828752Z", Format(N(Ns)));
        Assert.Equal("2022-12-03T00:10:53.141828752+05:30", Format(Arr(N(Ns), S("Asia/Kolkata"))));
        Assert.Equal("Sat Dec 03 00:10:53 +0530 2022", Format(Arr(N(Ns), S("Asia/Kolkata"), S("Mon Jan 02 15:04:05 -0700 2006"))));
        Assert.Equal("Sat, 03 Dec 2022 00:10:53 +0530", Format(Arr(N(Ns), S("Asia/Kolkata"), S("RFC1123Z"))));
        Assert.Equal("Sat, 03 Dec 2022 00:10:53 IST", Format(Arr(N(Ns), S("Asia/Kolkata"), S("RFC1123"))));
        Assert.Equal("Fri Dec  2 13:40:53 EST 2022", Format(Arr(N(Ns), S("America/New_York"), S("UnixDate"))));
        Assert.Equal("Friday, 02-Dec-22 18:40:53 UTC", Format(Arr(N(Ns), S("UTC"), S("RFC850"))));
        Assert.Equal("1:40:53.141 PM pm", Format(Arr(N(Ns), S("America/New_York"), S("3:04:05.000 PM pm"))));
        Assert.Equal("18:40:53.141828", Format(Arr(N(Ns), S(""), S("15:04:05.999999"))));
        Assert.Equal("18:40:53,14", Format(Arr(N(Ns), S(""), S("15:04:05,00"))));
        Assert.Equal("2022-12-02T18:40:00Z", Format(Arr(N(1670006400000000000), S(""), S("2006-01-02T15:04:05.999Z07:00"))));
        Assert.Equal("336 December 2 _2022 -05:00:00", Format(Arr(N(Ns), S("America/New_York"), S("002 January 2 _2006 -07:00:00"))));
        Assert.Equal("1969-12-31T23:59:59.999999999Z", Format(N(-1)));
    }

    [Fact]
    public void FormatErrors()
    {
        Assert.Equal("timestamp too big", BuiltinError("time.format", J("1.5e22")));
        Assert.Equal("timestamp too big", BuiltinError("time.format", J("1.5")));
        Assert.Equal("unknown time zone Mars/Olympus", BuiltinError("time.format", Arr(N(0), S("Mars/Olympus"))));
        Assert.Equal("operand 1 must be either number (ns) or [number (ns), string (tz)] but got string", TypeError("time.format", S("x")));
        Assert.Equal("operand 1 must be number but got string", TypeError("time.format", Arr(S("x"))));
    }

    [Fact]
    public void DateClockWeekday()
    {
        Assert.Equal("[2022,12,2]", Invoke("time.date", N(Ns))!.ToJson());
        Assert.Equal("[2022,12,3]", Invoke("time.date", Arr(N(Ns), S("Asia/Kolkata")))!.ToJson());
        Assert.Equal("[7,0,0]", Invoke("time.clock", Arr(N(1517832000L * 1_000_000_000), S("America/New_York")))!.ToJson());
        Assert.Equal("Tuesday", ((StringValue)Invoke("time.weekday", N(1517918400000000000))!).Value);
        Assert.Equal("[1677,9,21]", Invoke("time.date", N(long.MinValue))!.ToJson());
    }

    [Theory]
    [InlineData("2006-01-02T15:04:05Z07:00", "2017-06-02T19:00:00-07:00", 1496455200000000000)]
    [InlineData("RFC3339", "2017-06-02T19:00:00.5+02:00", 1496422800500000000)]
    [InlineData("2006-01-02", "2022-12-02", 1669939200000000000)]
    [InlineData("Jan _2 2006 3:04PM", "Dec  2 2022 6:40PM", 1670006400000000000)]
    [InlineData("02 Jan 06 15:04 MST", "02 Dec 22 18:40 UTC", 1670006400000000000)]
    [InlineData("02 Jan 06 15:04 MST", "02 Dec 22 18:40 GMT+1", 1670002800000000000)]
    [InlineData("Monday, January 2, 2006", "friday, december 2, 2022", 1669939200000000000)]
    [InlineData("2006-002", "2024-060", 1709164800000000000)]
    [InlineData("15:04:05", "18:40:53.25", null)]
    public void ParseNsUsesGoLayouts(string layout, string value, long? expected)
    {
        if (expected is null)
        {
            Assert.Equal("time outside of valid range", BuiltinError("time.parse_ns", S(layout), S(value)));
            return;
        }
        Assert.Equal(NumberValue.Of((long)expected), Invoke("time.parse_ns", S(layout), S(value)));
    }

    [Fact]
    public void ParseErrorsAreGos()
    {
        Assert.Equal("parsing time \"2022-13-02\": month out of range", BuiltinError("time.parse_ns", S("2006-01-02"), S("2022-13-02")));
        Assert.Equal("parsing time \"2022-02-30\": day out of range", BuiltinError("time.parse_ns", S("2006-01-02"), S("2022-02-30")));
        Assert.Equal("parsing time \"x2022\" as \"2006\": cannot parse \"x2022\" as \"2006\"", BuiltinError("time.parse_ns", S("2006"), S("x2022")));
        Assert.Equal("parsing time \"2022-12-02 \": extra text: \" \"", BuiltinError("time.parse_ns", S("2006-01-02"), S("2022-12-02 ")));
        Assert.Equal("parsing time \"2022-12-02\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"",
            BuiltinError("time.parse_rfc3339_ns", S("2022-12-02")));
        Assert.Equal(NumberValue.Of(1670006453141828752), Invoke("time.parse_rfc3339_ns", S("2022-12-02T18:40:53.141828752Z")));
        Assert.Equal("time outside of valid range", BuiltinError("time.parse_rfc3339_ns", S("2300-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("1h30m", 5400000000000)]
    [InlineData("-5s", -5000000000)]
    [InlineData(".5s", 500000000)]
    [InlineData("5.s", 5000000000)]
    [InlineData("007s", 7000000000)]
    [InlineData("1h2m3.5s", 3723500000000)]
    [InlineData("300ms", 300000000)]
    [InlineData("1µs", 1000)]
    [InlineData("1us", 1000)]
    [InlineData("1.000000001s", 1000000001)]
    [InlineData("1d2h30m", 95400000000000)]
    [InlineData("2w", 1209600000000000)]
    [InlineData("1y", 31536000000000000)]
    [InlineData("-9223372036854775808ns", long.MinValue)]
    public void ParseDuration(string text, long expected)
    {
        Assert.Equal(NumberValue.Of(expected), Invoke("time.parse_duration_ns", S(text)));
    }

    [Theory]
    [InlineData("xx1s", "time: invalid duration \"xx1s\"")]
    [InlineData("1", "time: missing unit in duration \"1\"")]
    [InlineData("1d2x", "time: unknown unit \"x\" in duration \"1d2x\"")]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("10000000000000000000h", "time: invalid duration \"10000000000000000000h\"")]
    [InlineData("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"")]
    [InlineData("1é", "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"")]
    public void ParseDurationErrors(string text, string message)
    {
        Assert.Equal(message, BuiltinError("time.parse_duration_ns", S(text)));
    }

    [Fact]
    public void AddDateNormalisesLikeGo()
    {
        // 2024-01-31 + 1 month = 2024-02-31 -> 2024-03-02
        var jan31 = 1706659200000000000L;
        Assert.Equal(NumberValue.Of(1709337600000000000), Invoke("time.add_date", N(jan31), N(0), N(1), N(0)));
        Assert.Equal(NumberValue.Of(1738281600000000000), Invoke("time.add_date", N(jan31), N(1), N(0), N(0)));
        Assert.Equal(NumberValue.Of(jan31 - 86400000000000), Invoke("time.add_date", N(jan31), N(0), N(0), N(-1)));
        Assert.Equal("time outside of valid range", BuiltinError("time.add_date", N(jan31), N(300), N(0), N(0)));
        Assert.Equal("operand 2 must be integer number but got floating-point number", TypeError("time.add_date", N(0), J("1.5"), N(0), N(0)));
    }

    [Fact]
    public void DiffFollowsOpa()
    {
        var a = 1704067200000000000L; // 2024-01-01T00:00:00Z
        var b = 1709294400123456789L; // 2024-03-01T12:00:00.123456789Z
        Assert.Equal("[0,2,0,12,0,0]", Invoke("time.diff", N(b), N(a))!.ToJson());
        Assert.Equal("[0,2,0,12,0,0]", Invoke("time.diff", N(a), N(b))!.ToJson());
        // 2024-01-31 to 2024-03-01: day borrows the days of January.
        Assert.Equal("[0,1,1,0,0,0]", Invoke("time.diff", N(1706659200000000000), N(1709251200000000000))!.ToJson());
        Assert.Equal("[0,0,0,0,0,0]", Invoke("time.diff", Arr(N(a), S("Asia/Kolkata")), N(a))!.ToJson());
    }
}
