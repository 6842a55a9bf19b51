namespace Conductor.Rego.Testing;

/// <summary>Coverage of one file: which lines with expressions or rule heads ran, which did not.</summary>
public sealed class FileCoverage(IReadOnlyList<LineRange> covered, IReadOnlyList<LineRange> notCovered)
{
    /// <summary>Runs of coverable rows that ran, in row order.</summary>
    public IReadOnlyList<LineRange> Covered { get; } = covered;

    /// <summary>Runs of coverable rows that never ran, in row order.</summary>
    public IReadOnlyList<LineRange> NotCovered { get; } = notCovered;

    /// <summary>How many coverable rows ran.</summary>
    public int CoveredLines { get; } = covered.Sum(r => r.End - r.Start + 1);

    /// <summary>How many coverable rows never ran.</summary>
    public int NotCoveredLines { get; } = notCovered.Sum(r => r.End - r.Start + 1);

    /// <summary>Percentage of coverable lines that ran, rounded to two decimals as OPA rounds it (0 when none).</summary>
    public double Percentage => CoverageReport.Percent(CoveredLines, NotCoveredLines);
}
