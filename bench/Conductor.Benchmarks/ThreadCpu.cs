using System.Runtime.InteropServices;

namespace Conductor.Benchmarks;

/// <summary>CPU time consumed by the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)).</summary>
public static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    private const int ClockThreadCpuTime = 3;

    public static TimeSpan Now()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var t) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
    }
}
