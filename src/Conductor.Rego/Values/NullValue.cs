using System.Text;

namespace Conductor.Rego.Values;

/// <summary>The Rego/JSON null.</summary>
public sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();

    private NullValue()
        : base(ValueKind.Null)
    {
    }

    protected override int ComputeHash() => 0x6e756c6c;
    protected override int CompareSameKind(Value other) => 0;
    protected override bool EqualsSameKind(Value other) => true;
    public override void WriteJson(StringBuilder sb) => sb.Append("null");
    public override void WriteRego(StringBuilder sb) => sb.Append("null");
}
