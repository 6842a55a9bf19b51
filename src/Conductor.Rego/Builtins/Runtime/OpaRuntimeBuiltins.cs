using System.Reflection;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Runtime;

/// <summary>opa.runtime(): the host's runtime description (<see cref="EvaluationOptions.Runtime"/>), or an object with
/// an empty env and Conductor's version when the host gives none. Environment variables are never read here.</summary>
public sealed class OpaRuntimeBuiltins : IBuiltinFamily
{
    private static readonly Lazy<ObjectValue> DefaultRuntime = new(() =>
    {
        var assembly = typeof(OpaRuntimeBuiltins).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0) version = version[..plus];
        return ObjectValue.FromPairs(
        [
            new KeyValuePair<string, Value>("env", ObjectValue.Empty),
            new KeyValuePair<string, Value>("version", new StringValue(version)),
        ]);
    });

    public void Register(BuiltinRegistry registry)
    {
        registry.Register(new BuiltinDefinition("opa.runtime",
            BuiltinSignature.Of(RegoType.ObjectOf(RegoType.String, RegoType.Any)), (c, _) => c.Options.Runtime ?? DefaultRuntime.Value)
        {
            Nondeterministic = true,
        });
    }
}
