using System.Text;
using Conductor.Rego;
using Conductor.Rego.Values;

namespace Conductor.Cli.Commands;

/// <summary>Renders query results and errors in the formats of <c>opa eval</c>: json (default), pretty and raw.</summary>
internal static class EvalOutputFormatter
{
    /// <summary>
    /// OPA's result set: <c>{"result":[{"expressions":[{"value","text","location"}],"bindings":{...}}]}</c>,
    /// <c>bindings</c> left out when empty and the whole document <c>{}</c> when the query is undefined.
    /// </summary>
    public static string Json(PreparedQuery query, QueryResult result)
    {
        var sb = new StringBuilder();
        var w = new GoStyleJsonWriter(sb, "  ");
        w.StartObject();
        if (!result.IsUndefined)
        {
            w.Name("result");
            w.StartArray();
            foreach (var row in result.Rows)
            {
                w.StartObject();
                w.Name("expressions");
                w.StartArray();
                for (var i = 0; i < row.Expressions.Count; i++)
                {
                    w.StartObject();
                    w.Name("value");
                    w.WriteValue(row.Expressions[i]);
                    var expr = i < query.Query.Exprs.Count ? query.Query.Exprs[i] : null;
                    w.Name("text");
                    w.String(expr?.Text ?? "");
                    w.Name("location");
                    w.StartObject();
                    w.Name("row");
                    w.Number(expr?.Location.Row ?? 1);
                    w.Name("col");
                    w.Number(expr?.Location.Col ?? 1);
                    w.EndObject();
                    w.EndObject();
                }
                w.EndArray();
                if (row.Bindings.Count > 0)
                {
                    w.Name("bindings");
                    w.StartObject();
                    foreach (var name in SortedNames(row.Bindings))
                    {
                        w.Name(name);
                        w.WriteValue(row.Bindings[name]);
                    }
                    w.EndObject();
                }
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// OPA's readable form: "undefined"; a lone value as indented JSON; otherwise a table with a column per
    /// binding and per expression whose value is not simply true.
    /// </summary>
    public static string Pretty(PreparedQuery query, QueryResult result)
    {
        if (result.IsUndefined) return "undefined\n";
        var first = result.Rows[0];
        if (result.Rows.Count == 1 && first.Bindings.Count == 0 &&
            (first.Expressions.Count == 1 || first.Expressions.All(e => e is BooleanValue)))
        {
            return GoStyleJsonWriter.Indented(first.Expressions[0]) + "\n";
        }

        var names = SortedNames(first.Bindings);
        var exprColumns = new List<int>();
        for (var i = 0; i < first.Expressions.Count; i++)
        {
            if (first.Expressions[i] is not BooleanValue { Value: true }) exprColumns.Add(i);
        }
        var header = new List<string>(names);
        foreach (var i in exprColumns) header.Add(i < query.Query.Exprs.Count ? query.Query.Exprs[i].Text : $"expression {i + 1}");
        if (header.Count == 0) return "true\n";

        var rows = new List<string[]>();
        foreach (var row in result.Rows)
        {
            var cells = new string[header.Count];
            var c = 0;
            foreach (var n in names) cells[c++] = row.Bindings.TryGetValue(n, out var v) ? GoStyleJsonWriter.Compact(v) : "";
            foreach (var i in exprColumns) cells[c++] = i < row.Expressions.Count ? GoStyleJsonWriter.Compact(row.Expressions[i]) : "";
            rows.Add(cells);
        }
        return Table(header, rows);
    }

    /// <summary>Each solution on one line, its expression values separated by spaces; strings unquoted, other values as compact JSON.</summary>
    public static string Raw(QueryResult result)
    {
        var sb = new StringBuilder();
        foreach (var row in result.Rows)
        {
            for (var i = 0; i < row.Expressions.Count; i++)
            {
                if (i > 0) sb.Append(' ');
                var v = row.Expressions[i];
                sb.Append(v is StringValue s ? s.Value : GoStyleJsonWriter.Compact(v));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>OPA's error document: <c>{"errors":[{"message","code","location":{"file","row","col"}}]}</c>.</summary>
    public static string JsonErrors(IReadOnlyList<RegoError> errors)
    {
        var sb = new StringBuilder();
        var w = new GoStyleJsonWriter(sb, "  ");
        w.StartObject();
        w.Name("errors");
        w.StartArray();
        foreach (var e in errors)
        {
            w.StartObject();
            w.Name("message");
            w.String(e.Message);
            w.Name("code");
            w.String(e.Code);
            if (e.Location is { } loc)
            {
                w.Name("location");
                w.StartObject();
                w.Name("file");
                w.String(loc.File);
                w.Name("row");
                w.Number(loc.Row);
                w.Name("col");
                w.Number(loc.Col);
                w.EndObject();
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>OPA's one-line error text: "1 error occurred: file:row: code: message" (or "N errors occurred:" and one per line).</summary>
    public static string ErrorText(IReadOnlyList<RegoError> errors)
    {
        var lines = errors.Select(OneError).ToList();
        return errors.Count == 1 ? "1 error occurred: " + lines[0] : $"{errors.Count} errors occurred:\n" + string.Join("\n", lines);
    }

    /// <summary>One error as OPA's Go error string: the location is "file:row", or "row:col" when there is no file name.</summary>
    public static string OneError(RegoError e)
    {
        var text = $"{e.Code}: {e.Message}";
        if (e.Location is not { } loc) return text;
        var prefix = loc.File.Length > 0 ? $"{loc.File}:{loc.Row}" : $"{loc.Row}:{loc.Col}";
        return prefix + ": " + text;
    }

    private static List<string> SortedNames(IReadOnlyDictionary<string, Value> bindings)
    {
        var names = bindings.Keys.ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static string Table(List<string> header, List<string[]> rows)
    {
        var widths = new int[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            widths[i] = header[i].Length;
            foreach (var r in rows) widths[i] = Math.Max(widths[i], r[i].Length);
        }
        var sb = new StringBuilder();
        void Border()
        {
            sb.Append('+');
            foreach (var w in widths) sb.Append('-', w + 2).Append('+');
            sb.Append('\n');
        }
        void Line(IReadOnlyList<string> cells, bool center)
        {
            sb.Append('|');
            for (var i = 0; i < cells.Count; i++)
            {
                var gap = widths[i] - cells[i].Length;
                var left = center ? gap / 2 : 0;
                sb.Append(' ').Append(' ', left).Append(cells[i]).Append(' ', gap - left).Append(" |");
            }
            sb.Append('\n');
        }
        Border();
        Line(header, center: true);
        Border();
        foreach (var r in rows) Line(r, center: false);
        Border();
        return sb.ToString();
    }
}
