using Conductor.Rego.Loading;
using Conductor.Rego.Syntax;

namespace Conductor.Cli.Commands;

/// <summary>
/// Loads the paths given to <c>conductor test</c> and <c>conductor check</c>: v1 syntax (v0 with
/// <c>--v0-compatible</c>), except where a directory's bundle <c>.manifest</c> declares <c>rego_version</c> or
/// <c>file_rego_versions</c>, which win, as for an OPA bundle.
/// </summary>
internal static class PolicyPathLoader
{
    public static LoadedPolicies Load(IReadOnlyList<string> paths, bool v0Compatible)
    {
        var manifests = BundleManifestRegoVersions.Read(paths);
        var parseOptions = RegoParseOptions.Default with { Version = v0Compatible ? RegoVersion.V0 : RegoVersion.V1 };
        return PolicyLoader.Load(paths, new PolicyLoadOptions
        {
            ParseOptions = parseOptions,
            FileRegoVersion = manifests.IsEmpty ? null : manifests.VersionOf,
        });
    }
}
