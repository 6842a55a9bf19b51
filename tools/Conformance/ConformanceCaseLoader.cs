using Conductor.Rego;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Conformance;

/// <summary>
/// Reads conformance cases from YAML files (a file, or every <c>.yaml</c>/<c>.yml</c> file under a directory, in
/// ordinal path order). YAML is read as OPA reads it (converted to JSON values), so expectations compare as OPA's
/// runner compares them. A file that cannot be read becomes one failing pseudo-case rather than stopping the run.
/// </summary>
public static class ConformanceCaseLoader
{
    public static IReadOnlyList<ConformanceCase> Load(IEnumerable<string> paths, string baseDirectory)
    {
        var cases = new List<ConformanceCase>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal);
                foreach (var f in files) cases.AddRange(LoadFile(f, baseDirectory));
            }
            else if (File.Exists(path))
            {
                cases.AddRange(LoadFile(path, baseDirectory));
            }
            else
            {
                throw new FileNotFoundException($"no such file or directory: {path}", path);
            }
        }
        return cases;
    }

    public static IReadOnlyList<ConformanceCase> LoadFile(string path, string baseDirectory)
    {
        var rel = Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
        try
        {
            var doc = YamlValueReader.Parse(File.ReadAllText(path), rel);
            if (doc is not ObjectValue top || top.Get("cases") is not ArrayValue list)
                throw new FormatException("expected a mapping with a 'cases' list");
            var result = new List<ConformanceCase>(list.Count);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not ObjectValue c) throw new FormatException($"case {i + 1} is not a mapping");
                var parsed = ParseCase(c, rel, i);
                var n = seen[parsed.Note] = seen.GetValueOrDefault(parsed.Note) + 1;
                result.Add(n == 1 ? parsed : parsed with { Note = $"{parsed.Note} #{n}" });
            }
            return result;
        }
        catch (Exception e) when (e is RegoException or FormatException or IOException)
        {
            return [new ConformanceCase { File = rel, Note = "(file)", Query = "", LoadError = "cannot read cases: " + e.Message }];
        }
    }

    private static ConformanceCase ParseCase(ObjectValue c, string file, int index)
    {
        var note = Text(c, "note") ?? $"case {index + 1}";
        try
        {
            var modules = new List<string>();
            switch (c.Get("modules"))
            {
                case null or NullValue:
                    break;
                case ArrayValue a:
                    foreach (var m in a.Items) modules.Add(m is StringValue s ? s.Value : throw new FormatException("modules must be strings"));
                    break;
                default:
                    throw new FormatException("modules must be a list of strings");
            }
            List<ObjectValue>? want = null;
            switch (c.Get("want_result"))
            {
                case null or NullValue:
                    break;
                case ArrayValue a:
                    want = [];
                    foreach (var r in a.Items) want.Add(r as ObjectValue ?? throw new FormatException("want_result entries must be mappings"));
                    break;
                default:
                    throw new FormatException("want_result must be a list");
            }
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            if (c.Get("env") is ObjectValue envObj)
            {
                foreach (var kv in envObj.Entries) env[((StringValue)kv.Key).Value] = kv.Value is StringValue sv ? sv.Value : kv.Value.ToJson();
            }
            var v0 = c.Get("rego_version") is NumberValue rv && rv.TryGetInt32(out var ver) && ver == 0
                || c.Get("v0_compatible") is BooleanValue { Value: true };
            return new ConformanceCase
            {
                File = file,
                Note = note,
                Query = Text(c, "query") ?? throw new FormatException("query is missing"),
                Modules = modules,
                Data = c.Get("data") switch
                {
                    null or NullValue => null,
                    ObjectValue o => o,
                    _ => throw new FormatException("data must be a mapping"),
                },
                Input = c.Get("input") is { } input and not NullValue ? input : null,
                InputTerm = Text(c, "input_term"),
                WantResult = want,
                WantDefined = c.Get("want_defined") is BooleanValue wd ? wd.Value : null,
                WantError = Text(c, "want_error"),
                WantErrorCode = Text(c, "want_error_code"),
                SortBindings = Flag(c, "sort_bindings"),
                StrictError = Flag(c, "strict_error"),
                IgnoreGeneratedVars = Flag(c, "ignore_generated_vars"),
                Env = env,
                WantOutput = Text(c, "want_output"),
                Version = v0 ? RegoVersion.V0 : RegoVersion.V1,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            return new ConformanceCase { File = file, Note = note, Query = "", LoadError = "cannot read case: " + e.Message };
        }
    }

    private static string? Text(ObjectValue c, string key) => c.Get(key) switch
    {
        null or NullValue => null,
        StringValue s => s.Value,
        var v => v.ToJson(),
    };

    private static bool Flag(ObjectValue c, string key) => c.Get(key) is BooleanValue { Value: true };
}
