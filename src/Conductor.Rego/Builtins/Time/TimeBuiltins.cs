using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Time;

/// <summary>
/// OPA's <c>time.*</c> builtins with Go's semantics: nanosecond timestamps (int64 range), Go layouts and durations,
/// IANA zones from the machine's zoneinfo, Go's date normalisation for add_date, and OPA's diff.
/// </summary>
public sealed class TimeBuiltins : IBuiltinFamily
{
    private static readonly long MinSeconds = GoTime.FloorDiv(long.MinValue, 1_000_000_000);

    public void Register(BuiltinRegistry registry)
    {
        var timeArg = RegoType.OneOf(RegoType.Number, RegoType.ArrayOf(RegoType.Number, RegoType.String));
        var three = RegoType.ArrayOf(RegoType.Number, RegoType.Number, RegoType.Number);

        registry.Register(new BuiltinDefinition("time.now_ns", BuiltinSignature.Of(RegoType.Number), (c, _) => NumberValue.Of(c.NowNanoseconds))
        {
            Nondeterministic = true,
        });
        // test.sleep takes a Go duration; it waits on the query's cancellation token so a cancelled query stops sleeping.
        registry.Register(new BuiltinDefinition("test.sleep", BuiltinSignature.Of(RegoType.Null, RegoType.String), (c, a) =>
        {
            var ns = GoDuration.Parse(BuiltinArgs.String(a, 0));
            if (ns > 0 && c.Cancellation.WaitHandle.WaitOne(TimeSpan.FromTicks(ns / 100)))
                throw new BuiltinException(RegoErrorCodes.CancelError, "caller cancelled query execution");
            return NullValue.Instance;
        })
        {
            Nondeterministic = true,
        });
        registry.Register("time.parse_ns", BuiltinSignature.Of(RegoType.Number, RegoType.String, RegoType.String), (_, a) =>
        {
            var layout = BuiltinArgs.String(a, 0);
            var value = BuiltinArgs.String(a, 1);
            var (s, ns) = GoTimeLayout.Parse(GoTimeLayout.Named(layout), value);
            return SafeUnixNano(s, ns);
        });
        registry.Register("time.parse_rfc3339_ns", BuiltinSignature.Of(RegoType.Number, RegoType.String), (_, a) =>
        {
            var (s, ns) = GoTimeLayout.Parse(GoTimeLayout.Rfc3339, BuiltinArgs.String(a, 0));
            return SafeUnixNano(s, ns);
        });
        registry.Register("time.parse_duration_ns", BuiltinSignature.Of(RegoType.Number, RegoType.String), (_, a) =>
            NumberValue.Of(GoDuration.Parse(BuiltinArgs.String(a, 0))));
        registry.Register("time.format",
            BuiltinSignature.Of(RegoType.String, RegoType.OneOf(RegoType.Number, RegoType.ArrayOf(RegoType.Number, RegoType.String),
                RegoType.ArrayOf(RegoType.Number, RegoType.String, RegoType.String))),
            (_, a) =>
            {
                var (t, layout) = TzTime(a[0]);
                layout = layout.Length == 0 ? GoTimeLayout.Rfc3339Nano : GoTimeLayout.Named(layout);
                return new StringValue(GoTimeLayout.Format(t, layout));
            });
        registry.Register("time.date", BuiltinSignature.Of(three, timeArg), (_, a) =>
        {
            var t = TzTime(a[0]).Time;
            return new ArrayValue([NumberValue.Of(t.Year), NumberValue.Of(t.Month), NumberValue.Of(t.Day)]);
        });
        registry.Register("time.clock", BuiltinSignature.Of(three, timeArg), (_, a) =>
        {
            var t = TzTime(a[0]).Time;
            return new ArrayValue([NumberValue.Of(t.Hour), NumberValue.Of(t.Minute), NumberValue.Of(t.Second)]);
        });
        registry.Register("time.weekday", BuiltinSignature.Of(RegoType.String, timeArg), (_, a) =>
            new StringValue(GoTime.DayNames[TzTime(a[0]).Time.Weekday]));
        registry.Register("time.add_date",
            BuiltinSignature.Of(RegoType.Number, RegoType.Number, RegoType.Number, RegoType.Number, RegoType.Number), (_, a) =>
            {
                var t = TzTime(a[0]).Time;
                var years = BuiltinArgs.Integer(a, 1);
                var months = BuiltinArgs.Integer(a, 2);
                var days = BuiltinArgs.Integer(a, 3);
                if (Math.Abs(years) > 1_000_000_000 || Math.Abs(months) > 12_000_000_000 || Math.Abs(days) > 400_000_000_000)
                    throw BuiltinException.Error("time outside of valid range");
                var (s, ns) = GoTime.Date(t.Year + years, t.Month + months, t.Day + days, t.Hour, t.Minute, t.Second, t.Nanosecond, t.Location);
                return SafeUnixNano(s, ns);
            });
        registry.Register("time.diff",
            BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Number, RegoType.Number, RegoType.Number, RegoType.Number, RegoType.Number, RegoType.Number),
                timeArg, timeArg),
            (_, a) => Diff(TzTime(a[0]).Time, TzTime(a[1]).Time));
    }

    private static NumberValue SafeUnixNano(long seconds, int nanos)
    {
        // OPA refuses instants whose nanoseconds do not fit in an int64.
        var total = (Int128)seconds * 1_000_000_000 + nanos;
        if (total < long.MinValue || total > long.MaxValue || seconds < MinSeconds) throw BuiltinException.Error("time outside of valid range");
        return NumberValue.Of((long)total);
    }

    private static (GoTime Time, string Layout) TzTime(Value operand)
    {
        Value number;
        var location = GoLocation.Utc;
        var layout = "";
        switch (operand)
        {
            case ArrayValue arr:
                if (arr.Count == 0)
                    throw new BuiltinException(RegoErrorCodes.EvalTypeError, "operand 1 must be either number (ns) or [number (ns), string (tz)] but got array");
                number = arr[0] as NumberValue ?? throw BuiltinException.OperandType(1, "number", arr[0]);
                if (arr.Count > 1)
                {
                    var tz = arr[1] as StringValue ?? throw BuiltinException.OperandType(1, "string", arr[1]);
                    location = GoLocation.Load(tz.Value);
                }
                if (arr.Count > 2)
                {
                    layout = (arr[2] as StringValue ?? throw BuiltinException.OperandType(1, "string", arr[2])).Value;
                }
                break;
            case NumberValue:
                number = operand;
                break;
            default:
                throw new BuiltinException(RegoErrorCodes.EvalTypeError,
                    $"operand 1 must be either number (ns) or [number (ns), string (tz)] but got {operand.TypeName}");
        }
        var n = (NumberValue)number;
        // OPA converts through a float and needs an exact int64: fractions and huge values are "too big".
        if (!n.IsInteger || !n.TryGetInt64(out var ns)) throw BuiltinException.Error("timestamp too big");
        return (GoTime.FromUnixNanoseconds(ns, location), layout);
    }

    private static ArrayValue Diff(GoTime t1, GoTime t2)
    {
        // Both in the first time's location, earlier first (OPA's icza/gox algorithm).
        if (t1.Location != t2.Location) t2 = new GoTime(t2.UnixSeconds, t2.Nanosecond, t1.Location);
        if (t1.UnixSeconds > t2.UnixSeconds || (t1.UnixSeconds == t2.UnixSeconds && t1.Nanosecond > t2.Nanosecond)) (t1, t2) = (t2, t1);
        var year = t2.Year - t1.Year;
        long month = t2.Month - t1.Month;
        long day = t2.Day - t1.Day;
        long hour = t2.Hour - t1.Hour;
        long min = t2.Minute - t1.Minute;
        long sec = t2.Second - t1.Second;
        if (sec < 0)
        {
            sec += 60;
            min--;
        }
        if (min < 0)
        {
            min += 60;
            hour--;
        }
        if (hour < 0)
        {
            hour += 24;
            day--;
        }
        if (day < 0)
        {
            // Days in t1's month: the day-of-month of "day 32" tells how far past its end that is.
            var daysInMonth = GoTime.DaysIn(t1.Month, t1.Year);
            day += daysInMonth;
            month--;
        }
        if (month < 0)
        {
            month += 12;
            year--;
        }
        return new ArrayValue([NumberValue.Of(year), NumberValue.Of(month), NumberValue.Of(day), NumberValue.Of(hour), NumberValue.Of(min), NumberValue.Of(sec)]);
    }
}
