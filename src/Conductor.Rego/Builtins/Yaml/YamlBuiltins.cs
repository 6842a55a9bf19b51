using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Yaml;

/// <summary>OPA's <c>yaml.*</c> builtins: marshal (go-yaml v2 layout), unmarshal (go-yaml v2 resolution, seen as JSON) and is_valid.</summary>
public sealed class YamlBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("yaml.marshal", BuiltinSignature.Of(RegoType.String, RegoType.Any), (_, a) => new StringValue(GoYamlWriter.Marshal(a[0])));
        registry.Register("yaml.unmarshal", BuiltinSignature.Of(RegoType.Any, RegoType.String), (_, a) => Unmarshal(BuiltinArgs.String(a, 0)));
        registry.Register("yaml.is_valid", BuiltinSignature.Of(RegoType.Boolean, RegoType.String), (_, a) =>
        {
            if (a[0] is not StringValue s) return BooleanValue.False;
            try
            {
                GoYamlReader.Parse(s.Value, forJson: false);
                return BooleanValue.True;
            }
            catch (BuiltinException)
            {
                return BooleanValue.False;
            }
        });
    }

    private static Value Unmarshal(string text) => GoYamlReader.Parse(text);
}
