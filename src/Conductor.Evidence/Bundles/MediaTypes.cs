namespace Conductor.Evidence.Bundles;

/// <summary>Media types for common release artifacts, by file extension; anything else is octet-stream.</summary>
internal static class MediaTypes
{
    // Longest suffix first, so "x.spdx.json" is SPDX rather than plain JSON.
    private static readonly (string Suffix, string Type)[] Known = new (string Suffix, string Type)[]
    {
        (".tar.gz", "application/gzip"),
        (".tgz", "application/gzip"),
        (".gz", "application/gzip"),
        (".zip", "application/zip"),
        (".tar", "application/x-tar"),
        (".json", "application/json"),
        (".intoto.jsonl", "application/vnd.in-toto+json"),
        (".sigstore.json", "application/vnd.dev.sigstore.bundle+json"),
        (".spdx.json", "application/spdx+json"),
        (".cdx.json", "application/vnd.cyclonedx+json"),
        (".txt", "text/plain"),
        (".md", "text/markdown"),
        (".yaml", "application/yaml"),
        (".yml", "application/yaml"),
        (".rego", "text/plain"),
        (".pem", "application/x-pem-file"),
        (".sig", "application/octet-stream"),
        (".wasm", "application/wasm"),
    }.OrderByDescending(k => k.Suffix.Length).ToArray();

    public static string ForName(string name)
    {
        foreach (var (suffix, type) in Known)
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return type;
        return "application/octet-stream";
    }
}
