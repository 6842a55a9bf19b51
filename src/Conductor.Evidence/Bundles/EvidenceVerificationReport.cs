namespace Conductor.Evidence.Bundles;

/// <summary>What verifying an evidence bundle found: each failure names the part that failed.</summary>
public sealed record EvidenceVerificationReport(IReadOnlyList<string> Failures, IReadOnlyList<string> Checks, IReadOnlyList<string> Warnings)
{
    /// <summary>True when nothing failed.</summary>
    public bool Verified => Failures.Count == 0;
}
