using System.Text;

namespace Conductor.Rego.Values;

/// <summary>A Rego boolean; use <see cref="True"/> and <see cref="False"/>.</summary>
public sealed class BooleanValue : Value
{
    public static readonly BooleanValue True = new(true);
    public static readonly BooleanValue False = new(false);

    private BooleanValue(bool value) : base(ValueKind.Boolean) => Value = value;

    public bool Value { get; }

    public static BooleanValue Of(bool value) => value ? True : False;

    protected override int ComputeHash() => Value ? 1231 : 1237;
    protected override int CompareSameKind(Value other) => Value.CompareTo(((BooleanValue)other).Value);
    protected override bool EqualsSameKind(Value other) => Value == ((BooleanValue)other).Value;
    public override void WriteJson(StringBuilder sb) => sb.Append(Value ? "true" : "false");
    public override void WriteRego(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}
