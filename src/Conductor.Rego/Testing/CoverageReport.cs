using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conductor.Rego.Syntax;

namespace Conductor.Rego.Testing;

/// <summary>
/// Line coverage of a set of modules, in the shape of OPA's <c>opa test --coverage</c> report: a line is coverable
/// when an expression or a rule head starts on it, covered when the evaluator ran such an expression or the rule
/// head produced a value.
/// </summary>
public sealed class CoverageReport
{
    private CoverageReport(SortedDictionary<string, FileCoverage> files)
    {
        Files = files;
        CoveredLines = files.Values.Sum(f => f.CoveredLines);
        NotCoveredLines = files.Values.Sum(f => f.NotCoveredLines);
    }

    /// <summary>Per file (by the module's file name, in ordinal order).</summary>
    public IReadOnlyDictionary<string, FileCoverage> Files { get; }

    /// <summary>Covered rows over all files.</summary>
    public int CoveredLines { get; }

    /// <summary>Coverable rows that never ran, over all files.</summary>
    public int NotCoveredLines { get; }

    /// <summary>Covered lines over coverable lines of all files, in percent, rounded to two decimals.</summary>
    public double Percentage => Percent(CoveredLines, NotCoveredLines);

    /// <summary>Builds the report from the modules and the locations the evaluator's coverage hook reported.</summary>
    public static CoverageReport Build(IEnumerable<Module> modules, IEnumerable<SourceLocation> hits)
    {
        var hitRows = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var h in hits)
        {
            if (!hitRows.TryGetValue(h.File, out var rows)) hitRows[h.File] = rows = [];
            rows.Add(h.Row);
        }
        var coverable = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (!coverable.TryGetValue(module.File, out var rows)) coverable[module.File] = rows = [];
            CoverableLines.Collect(module, rows);
        }
        var files = new SortedDictionary<string, FileCoverage>(StringComparer.Ordinal);
        foreach (var (file, rows) in coverable)
        {
            var ran = hitRows.GetValueOrDefault(file) ?? [];
            var covered = rows.Where(ran.Contains).ToList();
            var notCovered = rows.Where(r => !ran.Contains(r)).ToList();
            files[file] = new FileCoverage(Ranges(covered), Ranges(notCovered));
        }
        return new CoverageReport(files);
    }

    /// <summary>OPA's percentage: 100 × covered ÷ (covered + not covered), rounded to two decimals; 0 without lines.</summary>
    public static double Percent(int covered, int notCovered)
    {
        var total = covered + notCovered;
        return total == 0 ? 0 : Math.Round(100.0 * covered / total, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The report as <c>opa test --coverage</c> prints it: <c>files</c> (each with <c>covered</c>,
    /// <c>not_covered</c>, <c>covered_lines</c>, <c>not_covered_lines</c>, <c>coverage</c>, empty ones left out as
    /// Go's <c>omitempty</c> does), then the totals, indented by two spaces.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("files");
            foreach (var (name, file) in Files)
            {
                w.WriteStartObject(name);
                WriteRanges(w, "covered", file.Covered);
                WriteRanges(w, "not_covered", file.NotCovered);
                if (file.CoveredLines != 0) w.WriteNumber("covered_lines", file.CoveredLines);
                if (file.NotCoveredLines != 0) w.WriteNumber("not_covered_lines", file.NotCoveredLines);
                if (file.Percentage != 0) w.WriteNumber("coverage", file.Percentage);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("covered_lines", CoveredLines);
            w.WriteNumber("not_covered_lines", NotCoveredLines);
            w.WriteNumber("coverage", Percentage);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteRanges(Utf8JsonWriter w, string name, IReadOnlyList<LineRange> ranges)
    {
        if (ranges.Count == 0) return;
        w.WriteStartArray(name);
        foreach (var r in ranges)
        {
            w.WriteStartObject();
            w.WriteStartObject("start");
            w.WriteNumber("row", r.Start);
            w.WriteEndObject();
            w.WriteStartObject("end");
            w.WriteNumber("row", r.End);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static List<LineRange> Ranges(List<int> sortedRows)
    {
        var result = new List<LineRange>();
        var i = 0;
        while (i < sortedRows.Count)
        {
            var start = sortedRows[i];
            var end = start;
            while (i + 1 < sortedRows.Count && sortedRows[i + 1] == end + 1) end = sortedRows[++i];
            result.Add(new LineRange(start, end));
            i++;
        }
        return result;
    }
}
