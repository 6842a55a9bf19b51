using System.Diagnostics;
using System.Text;
using Conductor.Rego;
using Conductor.Rego.Builtins;
using Conductor.Rego.Values;

namespace Conductor.Benchmarks;

/// <summary>
/// Calls per second of the encoding, JSON, YAML, GraphQL and time builtins on one thread, called directly through
/// <see cref="BuiltinRegistry.Default"/> (no evaluator): <c>dotnet run -c Release --project bench/Conductor.Benchmarks -- builtins-encoding [seconds]</c>.
/// </summary>
public sealed class EncodingBuiltinBenchmarks : IBenchmarkHarness
{
    public string Name => "builtins-encoding";

    public void Run(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1.0;
        var doc = JsonValueReader.Parse(BuildDocument());
        var docJson = doc.ToJson();
        var yaml = ((StringValue)Call("yaml.marshal", doc)).Value;
        const string schema = """{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","required":["id","name"],"properties":{"id":{"type":"integer"},"name":{"type":"string","minLength":1},"tags":{"type":"array","items":{"type":"string"}}}}}}}""";
        const string gqlSchema = "type Employee { id: String! salary: Int! } type Query { employeeByID(id: String!): Employee }";
        const string gqlQuery = """{ employeeByID(id: "alice") { id salary } }""";

        Console.WriteLine($"document: {docJson.Length} bytes of JSON, {yaml.Length} bytes of YAML");
        Console.WriteLine($"{"case",-44} {"calls/s",12} {"µs/call",10}");
        Measure("base64.encode (1 KiB)", seconds, "base64.encode", new StringValue(new string('x', 1024)));
        Measure("hex.decode (1 KiB out)", seconds, "hex.decode", new StringValue(string.Concat(Enumerable.Repeat("61", 1024))));
        Measure("urlquery.encode_object (10 keys)", seconds, "urlquery.encode_object",
            JsonValueReader.Parse("{" + string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"k{i}\":\"v {i}&\"")) + "}"));
        Measure("json.marshal (document)", seconds, "json.marshal", doc);
        Measure("json.unmarshal (document)", seconds, "json.unmarshal", new StringValue(docJson));
        Measure("json.patch (3 ops)", seconds, "json.patch", doc,
            JsonValueReader.Parse("""[{"op":"add","path":"/items/0/tags/-","value":"x"},{"op":"replace","path":"/count","value":1},{"op":"remove","path":"/items/1"}]"""));
        Measure("json.match_schema (document)", seconds, "json.match_schema", doc, new StringValue(schema));
        Measure("yaml.marshal (document)", seconds, "yaml.marshal", doc);
        Measure("yaml.unmarshal (document)", seconds, "yaml.unmarshal", new StringValue(yaml));
        Measure("graphql.parse (query + schema)", seconds, "graphql.parse", new StringValue(gqlQuery), new StringValue(gqlSchema));
        Measure("time.parse_rfc3339_ns", seconds, "time.parse_rfc3339_ns", new StringValue("2022-12-02T18:40:53.141828752+05:30"));
        Measure("time.format (Asia/Kolkata, RFC1123)", seconds, "time.format",
            new ArrayValue([NumberValue.Of(1670006453141828752), new StringValue("Asia/Kolkata"), new StringValue("RFC1123")]));
        Measure("time.parse_duration_ns (1h2m3.5s)", seconds, "time.parse_duration_ns", new StringValue("1h2m3.5s"));
        Measure("time.add_date (America/New_York)", seconds, "time.add_date",
            new ArrayValue([NumberValue.Of(1670006453141828752), new StringValue("America/New_York")]), NumberValue.Of(1), NumberValue.Of(2), NumberValue.Of(3));
    }

    private static string BuildDocument()
    {
        var sb = new StringBuilder("{\"count\":100,\"items\":[");
        for (var i = 0; i < 100; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append($"{{\"id\":{i},\"name\":\"item {i} <&>\",\"price\":{i}.25,\"tags\":[\"a\",\"b\",\"c\"],\"nested\":{{\"ok\":true,\"none\":null}}}}");
        }
        return sb.Append("]}").ToString();
    }

    private static Value Call(string name, params Value[] args)
    {
        if (!BuiltinRegistry.Default.TryGet(name, out var def)) throw new InvalidOperationException($"{name} is not registered");
        return def.Function!(new BuiltinContext(new EvaluationOptions()), args) ?? NullValue.Instance;
    }

    private static void Measure(string label, double seconds, string name, params Value[] args)
    {
        BuiltinRegistry.Default.TryGet(name, out var def);
        var context = new BuiltinContext(new EvaluationOptions());
        for (var i = 0; i < 50; i++) def.Function!(context, args);
        var sw = Stopwatch.StartNew();
        long calls = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 20; i++) def.Function!(context, args);
            calls += 20;
        }
        var perSecond = calls / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{label,-44} {perSecond,12:N0} {1e6 / perSecond,10:N2}");
    }
}
