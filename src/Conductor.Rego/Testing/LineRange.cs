namespace Conductor.Rego.Testing;

/// <summary>Consecutive source rows, both ends included (OPA's coverage <c>{"start":{"row":…},"end":{"row":…}}</c>).</summary>
public sealed record LineRange(int Start, int End);
