using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>semver.is_valid and semver.compare (OPA's lenient parsing: optional "v" prefix, leading zeros accepted).</summary>
public sealed class SemverBuiltins : IBuiltinFamily
{
    /// <inheritdoc />
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("semver.is_valid", BuiltinSignature.Of(RegoType.Boolean, RegoType.Any),
            (context, a) => BooleanValue.Of(a[0] is StringValue s && SemanticVersion.TryParse(s.Value, out _)));
        registry.Register("semver.compare", BuiltinSignature.Of(RegoType.Number, RegoType.String, RegoType.String), Compare);
    }

    private static Value Compare(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var a = BuiltinArgs.String(args, 0);
        var b = BuiltinArgs.String(args, 1);
        if (!SemanticVersion.TryParse(a, out var va)) throw BuiltinException.Error($"operand 1: string {GoFormatter.Quote(a)} is not a valid SemVer");
        if (!SemanticVersion.TryParse(b, out var vb)) throw BuiltinException.Error($"operand 2: string {GoFormatter.Quote(b)} is not a valid SemVer");
        return NumberValue.Of(Math.Sign(va.CompareTo(vb)));
    }
}
