using System.Runtime.CompilerServices;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Cli.Commands;

/// <summary>
/// Writes JSON exactly as OPA's CLI does (Go's encoding/json): with an indent it matches
/// <c>json.Encoder.SetIndent("", "  ")</c> (one value per line, <c>"key": value</c>, empty containers as
/// <c>{}</c> and <c>[]</c>); without one it matches <c>json.Marshal</c>. Object keys are sorted by their text,
/// as Go sorts map keys; sets become sorted arrays and non-string object keys their compact JSON text, as OPA
/// converts values to JSON.
/// </summary>
internal sealed class GoStyleJsonWriter(StringBuilder sb, string? indent)
{
    // Per open container: whether something has been written in it yet.
    private readonly Stack<bool> _open = new();
    private bool _afterName;

    public static string Compact(Value value)
    {
        var sb = new StringBuilder();
        new GoStyleJsonWriter(sb, null).WriteValue(value);
        return sb.ToString();
    }

    public static string Indented(Value value)
    {
        var sb = new StringBuilder();
        new GoStyleJsonWriter(sb, "  ").WriteValue(value);
        return sb.ToString();
    }

    public void StartObject() => Start('{');

    public void EndObject() => End('}');

    public void StartArray() => Start('[');

    public void EndArray() => End(']');

    public void Name(string name)
    {
        BeforeItem();
        JsonText.WriteString(sb, name);
        sb.Append(indent is null ? ":" : ": ");
        _afterName = true;
    }

    public void String(string s)
    {
        BeforeItem();
        JsonText.WriteString(sb, s);
    }

    public void Number(long n)
    {
        BeforeItem();
        sb.Append(n);
    }

    public void WriteValue(Value value)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case ObjectValue o:
                WriteObject(o);
                break;
            case SetValue s:
                StartArray();
                foreach (var item in s.Sorted) WriteValue(item);
                EndArray();
                break;
            case ArrayValue a:
                StartArray();
                foreach (var item in a.Items) WriteValue(item);
                EndArray();
                break;
            default:
                BeforeItem();
                value.WriteJson(sb);
                break;
        }
    }

    private void WriteObject(ObjectValue o)
    {
        var entries = new List<KeyValuePair<string, Value>>(o.Count);
        foreach (var kv in o.Entries) entries.Add(new(kv.Key is StringValue s ? s.Value : kv.Key.ToJson(), kv.Value));
        entries.Sort((x, y) => StringValue.CompareCodePoints(x.Key, y.Key));
        StartObject();
        foreach (var kv in entries)
        {
            Name(kv.Key);
            WriteValue(kv.Value);
        }
        EndObject();
    }

    private void Start(char c)
    {
        BeforeItem();
        sb.Append(c);
        _open.Push(false);
    }

    private void End(char c)
    {
        var any = _open.Pop();
        if (any && indent is not null) NewLine();
        sb.Append(c);
    }

    private void BeforeItem()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_open.Count == 0) return;
        var any = _open.Pop();
        if (any) sb.Append(',');
        _open.Push(true);
        if (indent is not null) NewLine();
    }

    private void NewLine()
    {
        sb.Append('\n');
        for (var i = 0; i < _open.Count; i++) sb.Append(indent);
    }
}
