using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Loading;

/// <summary>
/// Loads policies and data from files and directories as <c>opa eval -d PATH</c> does:
/// <list type="bullet">
/// <item><c>.rego</c> files are parsed as modules named by their path;</item>
/// <item><c>.json</c>, <c>.yaml</c> and <c>.yml</c> files are data, merged into one document under the path of
/// their directory relative to the path given (so <c>ROOT/a/b/x.json</c> lands at <c>data.a.b</c>, whatever the
/// file's own name); a data file given directly, or sitting in the given directory itself, is merged at the root
/// and must then hold an object;</item>
/// <item>a path may carry a prefix, <c>a.b:PATH</c>, which puts everything it loads under <c>data.a.b</c>;</item>
/// <item>inside directories, files of other types are skipped; a file given directly with another extension is
/// tried as Rego, then JSON, then YAML.</item>
/// </list>
/// Every problem (unreadable path, parse error, bad data, conflicting merge) is collected; if there is any, a
/// <see cref="RegoException"/> lists them all, each with the file it came from.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Loads every path in order (later data merges into earlier); raises one <see cref="RegoException"/> listing all problems.</summary>
    public static LoadedPolicies Load(IEnumerable<string> paths, PolicyLoadOptions? options = null)
    {
        options ??= PolicyLoadOptions.Default;
        var state = new LoadState(options);
        foreach (var raw in paths)
        {
            var (prefix, path) = SplitPrefix(raw);
            LoadPath(state, path, prefix, depth: 0);
        }
        if (state.Errors.Count > 0) throw new RegoException(state.Errors);
        return new LoadedPolicies(state.Modules, state.Data.Build());
    }

    /// <summary>Splits OPA's <c>a.b:path</c> form; URLs (<c>file://...</c>) and plain paths have no prefix.</summary>
    public static (IReadOnlyList<string> Prefix, string Path) SplitPrefix(string path)
    {
        var colon = path.IndexOf(':');
        if (colon <= 0 || path.IndexOf("://", StringComparison.Ordinal) == colon) return ([], path);
        // A Windows drive letter ("C:\x") is a path, not a prefix.
        if (OperatingSystem.IsWindows() && colon == 1 && path.Length > 2 && (path[2] == '\\' || path[2] == '/')) return ([], path);
        return (path[..colon].Split('.'), path[(colon + 1)..]);
    }

    private static RegoParseOptions ParseOptionsFor(LoadState state, string path) =>
        state.Options.FileRegoVersion?.Invoke(path) is { } version && version != state.Options.ParseOptions.Version
            ? state.Options.ParseOptions with { Version = version }
            : state.Options.ParseOptions;

    private sealed class LoadState(PolicyLoadOptions options)
    {
        public PolicyLoadOptions Options { get; } = options;
        public List<Module> Modules { get; } = [];
        public HashSet<string> ModuleFiles { get; } = new(StringComparer.Ordinal);
        public DataDocumentBuilder Data { get; } = new();
        public List<RegoError> Errors { get; } = [];
    }

    private static void LoadPath(LoadState state, string path, IReadOnlyList<string> docPath, int depth)
    {
        if (path.StartsWith("file://", StringComparison.Ordinal)) path = path["file://".Length..];
        if (Directory.Exists(path))
        {
            if (depth > state.Options.MaxDirectoryDepth)
            {
                state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput,
                    $"{path}: directories nested deeper than {state.Options.MaxDirectoryDepth} (a symbolic-link cycle?)"));
                return;
            }
            // The given directory is the root; each directory below it adds its name to the data path.
            var childPath = depth > 0 ? [.. docPath, Path.GetFileName(Path.TrimEndingDirectorySeparator(path))] : docPath;
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput, $"{path}: {e.Message}"));
                return;
            }
            Array.Sort(entries, StringComparer.Ordinal);
            foreach (var entry in entries) LoadPath(state, entry, childPath, depth + 1);
            return;
        }
        if (!File.Exists(path))
        {
            state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput, $"{path}: no such file or directory"));
            return;
        }
        LoadFile(state, path, docPath, depth);
    }

    private static void LoadFile(LoadState state, string path, IReadOnlyList<string> docPath, int depth)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".rego" or ".json" or ".yaml" or ".yml") && depth > 0) return;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput, $"{path}: {e.Message}"));
            return;
        }
        try
        {
            switch (ext)
            {
                case ".rego":
                    AddModule(state, path, RegoParser.ParseModule(path, DecodeText(bytes), ParseOptionsFor(state, path)));
                    return;
                case ".json":
                    MergeData(state, path, docPath, JsonValueReader.Parse(bytes, path, state.Options.MaxDataDepth));
                    return;
                case ".yaml" or ".yml":
                    MergeData(state, path, docPath, YamlValueReader.Parse(DecodeText(bytes), path, state.Options.MaxDataDepth));
                    return;
            }
        }
        catch (RegoException e)
        {
            state.Errors.AddRange(e.Errors);
            return;
        }
        LoadUnknownType(state, path, bytes, docPath);
    }

    private static void LoadUnknownType(LoadState state, string path, byte[] bytes, IReadOnlyList<string> docPath)
    {
        var text = DecodeText(bytes);
        try
        {
            AddModule(state, path, RegoParser.ParseModule(path, text, ParseOptionsFor(state, path)));
            return;
        }
        catch (RegoException)
        {
        }
        Value? doc = null;
        try
        {
            doc = JsonValueReader.Parse(bytes, path, state.Options.MaxDataDepth);
        }
        catch (RegoException)
        {
            try
            {
                doc = YamlValueReader.Parse(text, path, state.Options.MaxDataDepth);
            }
            catch (RegoException)
            {
            }
        }
        if (doc is null)
        {
            state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput, $"{path}: can't recognize file type (expected Rego, JSON or YAML)"));
            return;
        }
        MergeData(state, path, docPath, doc);
    }

    private static string DecodeText(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span[3..];
        return System.Text.Encoding.UTF8.GetString(span);
    }

    private static void AddModule(LoadState state, string path, Module module)
    {
        // The same file named twice is loaded once, as OPA keys modules by path.
        if (state.ModuleFiles.Add(path)) state.Modules.Add(module);
    }

    private static void MergeData(LoadState state, string path, IReadOnlyList<string> docPath, Value doc)
    {
        if (docPath.Count == 0 && doc is not ObjectValue)
        {
            state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput,
                $"{path}: bad document type: a data file at the root of data must hold an object, not {doc.TypeName}",
                new SourceLocation(path, 1, 1)));
            return;
        }
        if (!state.Data.TryMerge(docPath, doc))
        {
            var at = docPath.Count == 0 ? "data" : "data." + string.Join('.', docPath);
            state.Errors.Add(new RegoError(RegoErrorCodes.InvalidInput,
                $"{path}: merge error: its content under {at} conflicts with data loaded before it", new SourceLocation(path, 1, 1)));
        }
    }
}
