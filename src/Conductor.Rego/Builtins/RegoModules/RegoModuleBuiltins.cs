using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.RegoModules;

/// <summary><c>rego.parse_module(filename, text)</c>: parses Rego (v1 syntax) and returns its AST as OPA's JSON shape (<see cref="ModuleAstValue"/>).</summary>
public sealed class RegoModuleBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("rego.parse_module", BuiltinSignature.Of(RegoType.ObjectOf(RegoType.String, RegoType.Any), RegoType.String, RegoType.String), (_, a) =>
        {
            var file = BuiltinArgs.String(a, 0);
            var text = BuiltinArgs.String(a, 1);
            try
            {
                return ModuleAstValue.Of(RegoParser.ParseModule(file, text));
            }
            catch (RegoException e)
            {
                throw BuiltinException.Error(e.Errors.Count == 1
                    ? "1 error occurred: " + e.Errors[0]
                    : $"{e.Errors.Count} errors occurred:\n" + string.Join("\n", e.Errors));
            }
        });
    }
}
