using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Yaml;

/// <summary>OPA's <c>yaml.*</c> builtins: marshal (go-yaml v2 layout), unmarshal (YAML seen as JSON) and is_valid.</summary>
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
                YamlValueReader.Parse(s.Value);
                return BooleanValue.True;
            }
            catch (RegoException)
            {
                return BooleanValue.False;
            }
        });
    }

    private static Value Unmarshal(string text)
    {
        try
        {
            return YamlValueReader.Parse(text);
        }
        catch (RegoException e)
        {
            // go-yaml style: "yaml: line 3: <problem>".
            var error = e.Errors[0];
            var message = error.Message.StartsWith("yaml: ", StringComparison.Ordinal) ? error.Message[6..] : error.Message;
            throw BuiltinException.Error(error.Location is { } l ? $"yaml: line {l.Row}: {message}" : "yaml: " + message);
        }
    }
}
