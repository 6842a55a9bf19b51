namespace Conductor.Rego.Compilation;

/// <summary>A compiled query body with its frame size and the variables it reports.</summary>
internal sealed class CompiledQuery(CBody body, int frameSize, CVar[] vars, int exprCount)
{
    public CBody Body { get; } = body;
    public int FrameSize { get; } = frameSize;
    public CVar[] Vars { get; } = vars;
    public int ExprCount { get; } = exprCount;
}
