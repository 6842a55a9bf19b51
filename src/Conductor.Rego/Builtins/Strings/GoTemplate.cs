using System.Globalization;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// The part of Go's text/template that strings.render_template policies use: text, {{.field}} chains, variables,
/// {{if}}/{{else if}}/{{else}}, {{range}} (with $i, $v :=), {{with}}, comments, trim markers, and the functions
/// len, index, not, and, or, eq, ne, lt, le, gt, ge, print. Missing map keys print as &lt;undefined&gt;, as OPA's conformance cases expect;
/// printed values follow fmt's %v of the JSON-decoded data (map[k:v], [a b]).
/// </summary>
internal sealed class GoTemplate
{
    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record ActionNode(Pipeline Pipe) : Node;
    private sealed record IfNode(Pipeline Cond, List<Node> Then, List<Node>? Else, bool IsWith) : Node;
    private sealed record RangeNode(Pipeline Source, string? KeyVar, string? ValueVar, List<Node> Body, List<Node>? Else) : Node;

    private sealed record Pipeline(List<Command> Commands, string? Declare, int Position, string Text);
    private sealed record Command(List<Operand> Args);
    private abstract record Operand;
    private sealed record FieldOperand(string? Variable, string[] Fields) : Operand;
    private sealed record LiteralOperand(object? Value) : Operand;
    private sealed record IdentOperand(string Name) : Operand;
    private sealed record PipeOperand(Pipeline Pipe) : Operand;

    private readonly List<Node> _root;
    private readonly string _source;

    private GoTemplate(List<Node> root, string source)
    {
        _root = root;
        _source = source;
    }

    private sealed class TemplateError(string message) : Exception(message);

    /// <summary>Parses a template; syntax errors raise a builtin error worded as Go's.</summary>
    public static GoTemplate Parse(string source)
    {
        try
        {
            var tokens = Lex(source);
            var pos = 0;
            var root = ParseList(tokens, ref pos, source, out var end);
            if (end is not null) throw new TemplateError($"template: template:{LineOf(source, end.Value.Position)}: unexpected {{{{{end.Value.Text}}}}}");
            return new GoTemplate(root, source);
        }
        catch (TemplateError e)
        {
            throw BuiltinException.Error(e.Message);
        }
    }

    // Lexing: split into text and action tokens, applying trim markers.
    private readonly record struct Token(bool IsAction, string Text, int Position);

    private static List<Token> Lex(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        var trimNext = false;
        while (i < s.Length)
        {
            var open = s.IndexOf("{{", i, StringComparison.Ordinal);
            var text = open < 0 ? s[i..] : s[i..open];
            if (trimNext) text = text.TrimStart(' ', '\t', '\r', '\n');
            trimNext = false;
            if (open < 0)
            {
                if (text.Length > 0) tokens.Add(new Token(false, text, i));
                break;
            }
            var inner = open + 2;
            if (inner + 1 < s.Length && s[inner] == '-' && s[inner + 1] is ' ' or '\t' or '\r' or '\n')
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
                inner += 2;
            }
            if (text.Length > 0) tokens.Add(new Token(false, text, i));
            var close = FindClose(s, inner);
            if (close < 0) throw new TemplateError($"template: template:{LineOf(s, open)}: unclosed action");
            var body = s[inner..close];
            if (body.Length >= 2 && body[^1] == '-' && body[^2] is ' ' or '\t' or '\r' or '\n')
            {
                body = body[..^2];
                trimNext = true;
            }
            var trimmed = body.Trim();
            if (!(trimmed.StartsWith("/*", StringComparison.Ordinal) && trimmed.EndsWith("*/", StringComparison.Ordinal)))
                tokens.Add(new Token(true, trimmed, open));
            i = close + 2;
        }
        return tokens;
    }

    private static int FindClose(string s, int from)
    {
        var inString = '\0';
        for (var i = from; i < s.Length - 1; i++)
        {
            var c = s[i];
            if (inString != '\0')
            {
                if (c == '\\' && inString == '"') i++;
                else if (c == inString) inString = '\0';
                continue;
            }
            if (c is '"' or '`' or '\'') inString = c;
            else if (c == '}' && s[i + 1] == '}') return i;
        }
        return -1;
    }

    private static string LineOf(string s, int pos)
    {
        var line = 1;
        var col = 0;
        for (var i = 0; i < pos && i < s.Length; i++)
        {
            if (s[i] == '\n') { line++; col = 0; }
            else col++;
        }
        return line.ToString(CultureInfo.InvariantCulture) + ":" + col.ToString(CultureInfo.InvariantCulture);
    }

    // Nesting beyond this is refused rather than risking the stack on hostile templates.
    private const int MaxNesting = 1000;

    private static List<Node> ParseList(List<Token> tokens, ref int pos, string source, out Token? terminator, int depth = 0)
    {
        if (depth > MaxNesting) throw new TemplateError("template: template: nested too deeply");
        var nodes = new List<Node>();
        terminator = null;
        while (pos < tokens.Count)
        {
            var t = tokens[pos++];
            if (!t.IsAction)
            {
                nodes.Add(new TextNode(t.Text));
                continue;
            }
            var keyword = FirstWord(t.Text);
            switch (keyword)
            {
                case "end":
                case "else":
                    terminator = t;
                    return nodes;
                case "if":
                case "with":
                    nodes.Add(ParseIf(t.Text[keyword.Length..], keyword == "with", t.Position, tokens, ref pos, source, depth + 1));
                    break;
                case "range":
                    nodes.Add(ParseRange(t.Text[5..], t.Position, tokens, ref pos, source, depth + 1));
                    break;
                case "define" or "template" or "block" or "break" or "continue":
                    throw new TemplateError($"template: template:{LineOf(source, t.Position)}: {{{{{keyword}}}}} is not supported");
                default:
                    nodes.Add(new ActionNode(ParsePipeline(t.Text, t.Position, source)));
                    break;
            }
        }
        return nodes;
    }

    private static string FirstWord(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
        return s[..i];
    }

    private static IfNode ParseIf(string condition, bool isWith, int position, List<Token> tokens, ref int pos, string source, int depth)
    {
        if (depth > MaxNesting) throw new TemplateError("template: template: nested too deeply");
        var cond = ParsePipeline(condition.Trim(), position, source);
        var then = ParseList(tokens, ref pos, source, out var term, depth);
        if (term is null) throw new TemplateError($"template: template:{LineOf(source, position)}: unexpected EOF");
        List<Node>? elseNodes = null;
        if (term.Value.Text.StartsWith("else", StringComparison.Ordinal))
        {
            var rest = term.Value.Text[4..].Trim();
            if (rest.StartsWith("if ", StringComparison.Ordinal) || rest.StartsWith("with ", StringComparison.Ordinal))
            {
                // {{else if x}} nests a conditional that shares this one's {{end}}.
                var nestedWith = rest.StartsWith("with", StringComparison.Ordinal);
                elseNodes = [ParseIf(rest[(nestedWith ? 4 : 2)..], nestedWith, term.Value.Position, tokens, ref pos, source, depth + 1)];
                return new IfNode(cond, then, elseNodes, isWith);
            }
            elseNodes = ParseList(tokens, ref pos, source, out term, depth);
            if (term is null || term.Value.Text != "end") throw new TemplateError($"template: template:{LineOf(source, position)}: expected end");
        }
        return new IfNode(cond, then, elseNodes, isWith);
    }

    private static RangeNode ParseRange(string header, int position, List<Token> tokens, ref int pos, string source, int depth)
    {
        header = header.Trim();
        string? keyVar = null, valueVar = null;
        var assign = header.IndexOf(":=", StringComparison.Ordinal);
        if (assign > 0 && header[0] == '$')
        {
            var vars = header[..assign].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (vars.Length == 1) valueVar = vars[0];
            else if (vars.Length == 2) (keyVar, valueVar) = (vars[0], vars[1]);
            else throw new TemplateError($"template: template:{LineOf(source, position)}: too many declarations in range");
            header = header[(assign + 2)..].Trim();
        }
        var src = ParsePipeline(header, position, source);
        var body = ParseList(tokens, ref pos, source, out var term, depth);
        if (term is null) throw new TemplateError($"template: template:{LineOf(source, position)}: unexpected EOF");
        List<Node>? elseNodes = null;
        if (term.Value.Text == "else")
        {
            elseNodes = ParseList(tokens, ref pos, source, out term, depth);
            if (term is null || term.Value.Text != "end") throw new TemplateError($"template: template:{LineOf(source, position)}: expected end");
        }
        return new RangeNode(src, keyVar, valueVar, body, elseNodes);
    }

    private static Pipeline ParsePipeline(string text, int position, string source)
    {
        string? declare = null;
        var assign = text.IndexOf(":=", StringComparison.Ordinal);
        if (assign > 0 && text[0] == '$' && text[..assign].Trim().All(c => c == '$' || char.IsLetterOrDigit(c) || c == '_'))
        {
            declare = text[..assign].Trim();
            text = text[(assign + 2)..].Trim();
        }
        var i = 0;
        var pipe = ParsePipe(text, ref i, position, source, closing: '\0', depth: 0);
        return pipe with { Declare = declare };
    }

    private static Pipeline ParsePipe(string text, ref int i, int position, string source, char closing, int depth)
    {
        if (depth > MaxNesting) throw new TemplateError("template: template: nested too deeply");
        var commands = new List<Command>();
        var args = new List<Operand>();
        var start = i;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] == closing)
            {
                if (closing != '\0' && i >= text.Length) throw new TemplateError($"template: template:{LineOf(source, position)}: unclosed left paren");
                break;
            }
            var c = text[i];
            if (c == '|')
            {
                if (args.Count == 0) throw new TemplateError($"template: template:{LineOf(source, position)}: missing command");
                commands.Add(new Command(args));
                args = [];
                i++;
                continue;
            }
            args.Add(ParseOperand(text, ref i, position, source, depth));
        }
        if (args.Count > 0) commands.Add(new Command(args));
        if (commands.Count == 0) throw new TemplateError($"template: template:{LineOf(source, position)}: missing value for command");
        return new Pipeline(commands, null, position, text[start..i].Trim());
    }

    private static Operand ParseOperand(string text, ref int i, int position, string source, int depth)
    {
        var c = text[i];
        if (c == '(')
        {
            i++;
            var inner = ParsePipe(text, ref i, position, source, ')', depth + 1);
            i++;
            return FieldsAfter(new PipeOperand(inner), text, ref i);
        }
        if (c is '"' or '`')
        {
            var end = i + 1;
            var sb = new StringBuilder();
            while (end < text.Length && text[end] != c)
            {
                if (c == '"' && text[end] == '\\' && end + 1 < text.Length)
                {
                    end++;
                    sb.Append(text[end] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var o => o });
                }
                else sb.Append(text[end]);
                end++;
            }
            if (end >= text.Length) throw new TemplateError($"template: template:{LineOf(source, position)}: unterminated quoted string");
            i = end + 1;
            return new LiteralOperand(sb.ToString());
        }
        var startTok = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('|' or '(' or ')')) i++;
        var word = text[startTok..i];
        if (word.StartsWith('.') || word.StartsWith('$'))
        {
            var parts = word.Split('.');
            string? variable = word.StartsWith('$') ? parts[0] : null;
            var fields = parts.Skip(1).Where(p => p.Length > 0).ToArray();
            return new FieldOperand(variable, fields);
        }
        if (word is "true" or "false") return new LiteralOperand(word == "true");
        if (word == "nil") return new LiteralOperand(null);
        if (word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] is '-' or '+'))
        {
            if (decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return new LiteralOperand(new GoNumber(word));
            throw new TemplateError($"template: template:{LineOf(source, position)}: bad number syntax: \"{word}\"");
        }
        if (word.Length == 0) throw new TemplateError($"template: template:{LineOf(source, position)}: unexpected \"{text[i]}\" in command");
        return new IdentOperand(word);
    }

    private static Operand FieldsAfter(Operand operand, string text, ref int i)
    {
        if (i < text.Length && text[i] == '.')
        {
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('|' or ')')) i++;
            var fields = text[start..i].Split('.', StringSplitOptions.RemoveEmptyEntries);
            return new PipeOperand(new Pipeline([new Command([operand, new FieldOperand("\0chain", fields)])], null, 0, ""));
        }
        return operand;
    }

    // Execution --------------------------------------------------------------------------------------

    private sealed class Scope
    {
        public readonly List<(string Name, object? Value)> Vars = [];

        public object? Lookup(string name)
        {
            for (var k = Vars.Count - 1; k >= 0; k--)
            {
                if (Vars[k].Name == name) return Vars[k].Value;
            }
            throw new TemplateError($"undefined variable: {name}");
        }
    }

    /// <summary>Renders the template; missing keys and nulls print as "&lt;undefined&gt;" (Go's "&lt;no value&gt;", renamed by OPA).</summary>
    public string Execute(ObjectValue vars)
    {
        var data = ToGo(vars);
        var sb = new StringBuilder();
        var scope = new Scope();
        scope.Vars.Add(("$", data));
        try
        {
            Run(_root, data, scope, sb);
        }
        catch (TemplateError e)
        {
            throw BuiltinException.Error(e.Message);
        }
        return sb.ToString().Replace("<no value>", "<undefined>", StringComparison.Ordinal);
    }

    /// <summary>The value as Go sees it after OPA's JSON round trip: maps, lists, json.Number text, strings, bools, nil.</summary>
    private static object? ToGo(Value v) => v switch
    {
        NullValue => null,
        BooleanValue b => b.Value,
        NumberValue n => new GoNumber(n.ToText()),
        StringValue s => s.Value,
        ArrayValue a => a.Items.ToArray().Select(ToGo).ToList(),
        SetValue s => s.Sorted.ToArray().Select(ToGo).ToList(),
        ObjectValue o => o.Entries.ToDictionary(e => e.Key is StringValue ks ? ks.Value : e.Key.ToJson(), e => ToGo(e.Value), StringComparer.Ordinal),
        _ => null,
    };

    private sealed record GoNumber(string Text)
    {
        public override string ToString() => Text;
    }

    private void Run(List<Node> nodes, object? dot, Scope scope, StringBuilder sb)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    sb.Append(t.Text);
                    break;
                case ActionNode a:
                    var value = Eval(a.Pipe, dot, scope);
                    if (a.Pipe.Declare is null) Print(sb, value);
                    break;
                case IfNode n:
                    var cond = Eval(n.Cond, dot, scope);
                    var mark = scope.Vars.Count;
                    if (IsTrue(cond)) Run(n.Then, n.IsWith ? cond : dot, scope, sb);
                    else if (n.Else is not null) Run(n.Else, dot, scope, sb);
                    scope.Vars.RemoveRange(mark, scope.Vars.Count - mark);
                    break;
                case RangeNode r:
                    RunRange(r, dot, scope, sb);
                    break;
            }
        }
    }

    private void RunRange(RangeNode r, object? dot, Scope scope, StringBuilder sb)
    {
        var src = Eval(r.Source, dot, scope);
        var items = new List<(object? Key, object? Value)>();
        switch (src)
        {
            case List<object?> list:
                for (var k = 0; k < list.Count; k++) items.Add((new GoNumber(k.ToString(CultureInfo.InvariantCulture)), list[k]));
                break;
            case Dictionary<string, object?> map:
                foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal)) items.Add((key, map[key]));
                break;
            case null:
                break;
            default:
                throw new TemplateError($"template: template:{LineOf(_source, r.Source.Position)}: range can't iterate over {Format(src)}");
        }
        if (items.Count == 0)
        {
            if (r.Else is not null) Run(r.Else, dot, scope, sb);
            return;
        }
        foreach (var (key, value) in items)
        {
            var mark = scope.Vars.Count;
            if (r.KeyVar is not null) scope.Vars.Add((r.KeyVar, key));
            if (r.ValueVar is not null) scope.Vars.Add((r.ValueVar, value));
            Run(r.Body, value, scope, sb);
            scope.Vars.RemoveRange(mark, scope.Vars.Count - mark);
        }
    }

    private object? Eval(Pipeline pipe, object? dot, Scope scope)
    {
        object? result = null;
        var hasPrevious = false;
        foreach (var cmd in pipe.Commands)
        {
            result = EvalCommand(cmd, dot, scope, pipe, hasPrevious ? result : null, hasPrevious);
            hasPrevious = true;
        }
        if (pipe.Declare is not null) scope.Vars.Add((pipe.Declare, result));
        return result;
    }

    private object? EvalCommand(Command cmd, object? dot, Scope scope, Pipeline pipe, object? previous, bool hasPrevious)
    {
        var first = cmd.Args[0];
        if (first is IdentOperand f)
        {
            var args = cmd.Args.Skip(1).Select(a => EvalOperand(a, dot, scope, pipe, null)).ToList();
            if (hasPrevious) args.Add(previous);
            return CallFunction(f.Name, args, pipe);
        }
        if (cmd.Args.Count > 1 && !(cmd.Args.Count == 2 && cmd.Args[1] is FieldOperand { Variable: "\0chain" }))
            throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: executing \"template\" at <{pipe.Text}>: can't give argument to non-function {Describe(first)}");
        if (cmd.Args.Count == 2)
        {
            var baseValue = EvalOperand(first, dot, scope, pipe, null);
            return EvalOperand(cmd.Args[1], dot, scope, pipe, baseValue);
        }
        return EvalOperand(first, dot, scope, pipe, null);
    }

    private static string Describe(Operand o) => o switch
    {
        FieldOperand fo => (fo.Variable ?? "") + (fo.Fields.Length == 0 && fo.Variable is null ? "." : "") + string.Concat(fo.Fields.Select(x => "." + x)),
        LiteralOperand l => l.Value?.ToString() ?? "nil",
        _ => "value",
    };

    private object? EvalOperand(Operand operand, object? dot, Scope scope, Pipeline pipe, object? chainBase)
    {
        switch (operand)
        {
            case LiteralOperand l:
                return l.Value;
            case PipeOperand p:
                return Eval(p.Pipe, dot, scope);
            case FieldOperand fo:
                object? current = fo.Variable switch
                {
                    null => dot,
                    "\0chain" => chainBase,
                    var name => scope.Lookup(name),
                };
                foreach (var field in fo.Fields)
                {
                    switch (current)
                    {
                        case Dictionary<string, object?> map:
                            // A missing key is a nil value (printed "<no value>", which OPA shows as "<undefined>").
                            current = map.TryGetValue(field, out var found) ? found : null;
                            break;
                        case null:
                            throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: executing \"template\" at <{Describe(fo)}>: nil pointer evaluating interface {{}}.{field}");
                        default:
                            throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: executing \"template\" at <{Describe(fo)}>: can't evaluate field {field} in type {GoTypeName(current)}");
                    }
                }
                return current;
            default:
                return null;
        }
    }

    private static string GoTypeName(object? v) => v switch
    {
        string => "string",
        bool => "bool",
        GoNumber => "json.Number",
        List<object?> => "[]interface {}",
        Dictionary<string, object?> => "map[string]interface {}",
        _ => "interface {}",
    };

    private object? CallFunction(string name, List<object?> args, Pipeline pipe)
    {
        switch (name)
        {
            case "len" when args.Count == 1:
                return args[0] switch
                {
                    string s => new GoNumber(Encoding.UTF8.GetByteCount(s).ToString(CultureInfo.InvariantCulture)),
                    List<object?> l => new GoNumber(l.Count.ToString(CultureInfo.InvariantCulture)),
                    Dictionary<string, object?> m => new GoNumber(m.Count.ToString(CultureInfo.InvariantCulture)),
                    _ => throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: executing \"template\" at <len>: error calling len: len of type {GoTypeName(args[0])}"),
                };
            case "index" when args.Count >= 1:
                var current = args[0];
                foreach (var key in args.Skip(1))
                {
                    current = current switch
                    {
                        List<object?> l when key is GoNumber n && int.TryParse(n.Text, out var k) && k >= 0 && k < l.Count => l[k],
                        Dictionary<string, object?> m when key is string ks => m.TryGetValue(ks, out var v) ? v : null,
                        _ => throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: executing \"template\" at <index>: error calling index: cannot index {GoTypeName(current)}"),
                    };
                }
                return current;
            case "not" when args.Count == 1:
                return !IsTrue(args[0]);
            case "and" when args.Count >= 1:
                foreach (var a in args) if (!IsTrue(a)) return a;
                return args[^1];
            case "or" when args.Count >= 1:
                foreach (var a in args) if (IsTrue(a)) return a;
                return args[^1];
            case "eq" when args.Count >= 2:
                return args.Skip(1).Any(a => Same(args[0], a));
            case "ne" when args.Count == 2:
                return !Same(args[0], args[1]);
            case "lt" or "le" or "gt" or "ge" when args.Count == 2:
                var c = CompareScalars(args[0], args[1], pipe);
                return name switch { "lt" => c < 0, "le" => c <= 0, "gt" => c > 0, _ => c >= 0 };
            case "print":
                var sb = new StringBuilder();
                for (var k = 0; k < args.Count; k++)
                {
                    // fmt.Sprint adds spaces between operands when neither is a string.
                    if (k > 0 && args[k] is not string && args[k - 1] is not string) sb.Append(' ');
                    Print(sb, args[k]);
                }
                return sb.ToString();
            default:
                throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: function \"{name}\" not defined");
        }
    }

    private static bool Same(object? a, object? b) => a switch
    {
        null => b is null,
        GoNumber x => b is GoNumber y && decimal.TryParse(x.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
            && decimal.TryParse(y.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy) ? dx == dy : Equals(a, b),
        _ => Equals(a, b),
    };

    private int CompareScalars(object? a, object? b, Pipeline pipe)
    {
        if (a is GoNumber x && b is GoNumber y
            && decimal.TryParse(x.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
            && decimal.TryParse(y.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy)) return dx.CompareTo(dy);
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        throw new TemplateError($"template: template:{LineOf(_source, pipe.Position)}: executing \"template\" at <{pipe.Text}>: error calling compare: incompatible types for comparison");
    }

    private static bool IsTrue(object? v) => v switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        GoNumber n => !(decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == 0),
        List<object?> l => l.Count > 0,
        Dictionary<string, object?> m => m.Count > 0,
        _ => true,
    };

    private static void Print(StringBuilder sb, object? v) => sb.Append(Format(v));

    /// <summary>fmt's %v of a JSON-decoded Go value.</summary>
    private static string Format(object? v) => v switch
    {
        null => "<no value>",
        bool b => b ? "true" : "false",
        string s => s,
        GoNumber n => n.Text,
        List<object?> l => "[" + string.Join(" ", l.Select(x => x is null ? "<nil>" : Format(x))) + "]",
        Dictionary<string, object?> m => "map[" + string.Join(" ", m.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => k + ":" + (m[k] is null ? "<nil>" : Format(m[k])))) + "]",
        _ => v.ToString() ?? "",
    };
}
