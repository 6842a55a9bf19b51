namespace Conductor.Rego.Syntax;

/// <summary>Rego syntax versions: v1 (OPA 1.x default: <c>if</c> and <c>contains</c> required, keywords always on) and v0.</summary>
public enum RegoVersion
{
    V1,
    V0,
}
