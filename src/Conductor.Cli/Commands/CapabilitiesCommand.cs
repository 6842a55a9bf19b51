using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conductor.Rego.Builtins;

namespace Conductor.Cli.Commands;

/// <summary>
/// <c>conductor capabilities</c>: prints what this engine supports in OPA's capabilities JSON format — every builtin
/// with its declaration, the future keywords and the language features — so tools that read
/// <c>opa capabilities --current</c> can read it.
/// </summary>
public static class CapabilitiesCommand
{
    // Internal builtins that OPA itself lists in its capabilities; other "internal." names are engine details.
    private static readonly HashSet<string> ListedInternals = new(StringComparer.Ordinal) { "internal.member_2", "internal.member_3", "internal.print", "internal.template_string", "internal.test_case" };

    /// <summary>Builds the <c>capabilities</c> command; it writes only to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var command = new Command("capabilities", "Print the supported builtins, keywords and features as OPA capabilities JSON");
        command.SetAction(_ =>
        {
            console.Out.Write(Render(BuiltinRegistry.Default));
            return 0;
        });
        return command;
    }

    /// <summary>The capabilities document for a registry.</summary>
    internal static string Render(BuiltinRegistry registry)
    {
        var entries = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal);
        foreach (var b in registry.All)
        {
            if (b.Name.StartsWith("internal.", StringComparison.Ordinal) && !ListedInternals.Contains(b.Name)) continue;
            entries[b.Name] = w => WriteBuiltin(w, b);
        }
        // Operators and print are compiled specially rather than registered, but OPA declares them as builtins.
        var any = new[] { RegoType.Any, RegoType.Any };
        entries.TryAdd("eq", w => WriteSynthetic(w, "eq", any, RegoType.Boolean, "="));
        entries.TryAdd("assign", w => WriteSynthetic(w, "assign", any, RegoType.Boolean, ":="));
        entries.TryAdd("internal.print", w => WriteSynthetic(w, "internal.print", [RegoType.ArrayOf(RegoType.SetOf(RegoType.Any))], null, null));
        // OPA declares internal.test_case without a result (a statement); Conductor's implementation returns true.
        entries["internal.test_case"] = w => WriteSynthetic(w, "internal.test_case", [RegoType.AnyArray], null, null);
        entries.TryAdd("print", w =>
        {
            w.WriteStartObject();
            w.WriteString("name", "print");
            w.WriteStartObject("decl");
            w.WriteString("type", "function");
            w.WritePropertyName("variadic");
            WriteType(w, RegoType.Any);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("builtins");
            foreach (var write in entries.Values) write(w);
            w.WriteEndArray();
            w.WriteStartArray("future_keywords");
            foreach (var k in new[] { "contains", "every", "if", "in", "not" }) w.WriteStringValue(k);
            w.WriteEndArray();
            w.WriteStartArray("features");
            foreach (var f in new[] { "keywords_in_refs", "rego_v1", "rule_head_ref_string_prefixes", "rule_head_refs" }) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteBuiltin(Utf8JsonWriter w, BuiltinDefinition b)
    {
        w.WriteStartObject();
        w.WriteString("name", b.Name);
        WriteDecl(w, b.Signature.Parameters, b.Signature.Result);
        if (b.Infix is { } infix) w.WriteString("infix", infix);
        if (b.Relation is not null) w.WriteBoolean("relation", true);
        if (b.Deprecated) w.WriteBoolean("deprecated", true);
        if (b.Nondeterministic) w.WriteBoolean("nondeterministic", true);
        w.WriteEndObject();
    }

    private static void WriteSynthetic(Utf8JsonWriter w, string name, IReadOnlyList<RegoType> args, RegoType? result, string? infix)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        WriteDecl(w, args, result);
        if (infix is not null) w.WriteString("infix", infix);
        w.WriteEndObject();
    }

    // Keys in Go's sorted map order: args, result, type.
    private static void WriteDecl(Utf8JsonWriter w, IReadOnlyList<RegoType> args, RegoType? result)
    {
        w.WriteStartObject("decl");
        if (args.Count > 0)
        {
            w.WriteStartArray("args");
            foreach (var a in args) WriteType(w, a);
            w.WriteEndArray();
        }
        if (result is not null)
        {
            w.WritePropertyName("result");
            WriteType(w, result);
        }
        w.WriteString("type", "function");
        w.WriteEndObject();
    }

    /// <summary>OPA's JSON for a type: <c>{"type":"number"}</c>, <c>{"dynamic":{…},"type":"array"}</c>, <c>{"of":[…],"type":"any"}</c>…</summary>
    private static void WriteType(Utf8JsonWriter w, RegoType t)
    {
        w.WriteStartObject();
        switch (t.Name)
        {
            case "array" when t.StaticItems is { } items:
                w.WriteStartArray("static");
                foreach (var i in items) WriteType(w, i);
                w.WriteEndArray();
                break;
            case "array":
                w.WritePropertyName("dynamic");
                WriteType(w, t.Element ?? RegoType.Any);
                break;
            case "set":
                w.WritePropertyName("of");
                WriteType(w, t.Element ?? RegoType.Any);
                break;
            case "object":
                // Go's field order: dynamic, static, type; an object of known keys only has no dynamic part.
                if (t.Key is not null && t.Element is not null)
                {
                    w.WriteStartObject("dynamic");
                    w.WritePropertyName("key");
                    WriteType(w, t.Key);
                    w.WritePropertyName("value");
                    WriteType(w, t.Element);
                    w.WriteEndObject();
                }
                if (t.StaticProperties is { Length: > 0 } properties)
                {
                    w.WriteStartArray("static");
                    foreach (var p in properties)
                    {
                        w.WriteStartObject();
                        w.WriteString("key", p.Key);
                        w.WritePropertyName("value");
                        WriteType(w, p.Value);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                break;
            case "any" when t.AnyOf is { Length: > 0 } of:
                w.WriteStartArray("of");
                foreach (var o in of) WriteType(w, o);
                w.WriteEndArray();
                break;
        }
        w.WriteString("type", t.Name);
        w.WriteEndObject();
    }
}
