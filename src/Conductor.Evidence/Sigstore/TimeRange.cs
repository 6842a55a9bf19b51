namespace Conductor.Evidence.Sigstore;

/// <summary>A closed validity interval from a trusted root; <see cref="End"/> null means still valid.</summary>
public sealed record TimeRange(DateTimeOffset Start, DateTimeOffset? End)
{
    /// <summary>An interval with no bounds, for trust material that carries none.</summary>
    public static TimeRange Unbounded { get; } = new(DateTimeOffset.MinValue, null);

    /// <summary>True when <paramref name="time"/> lies in the interval, both ends included.</summary>
    public bool Contains(DateTimeOffset time) => time >= Start && (End is null || time <= End.Value);

    /// <inheritdoc />
    public override string ToString() => $"[{Start.UtcDateTime:O}, {(End is null ? "open" : End.Value.UtcDateTime.ToString("O"))}]";
}
