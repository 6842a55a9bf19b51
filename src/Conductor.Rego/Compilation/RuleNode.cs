using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>
/// A node of the rule tree: one per ground path below <c>data</c> that has rules at or below it (packages
/// and the static prefixes of rule refs). Rules hang on the node of their static prefix.
/// </summary>
internal sealed class RuleNode(string[] path, RuleNode? parent)
{
    public string[] Path { get; } = path;
    public RuleNode? Parent { get; } = parent;
    public Dictionary<string, RuleNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Complete rules with no ref suffix: the node's value.</summary>
    public List<CRule> CompleteRules { get; } = [];

    /// <summary>Partial set rules: the node is a set.</summary>
    public List<CRule> SetRules { get; } = [];

    /// <summary>Rules with a ref suffix (<c>p[x] := v</c>, <c>p.q[x].r := v</c>): each adds a key path to the node's object.</summary>
    public List<CRule> ObjectRules { get; } = [];

    public List<CRule> Functions { get; } = [];

    public CRule? Default { get; set; }

    /// <summary>Arity of the functions defined here (known before their bodies are compiled), or null.</summary>
    public int? FunctionArity { get; set; }

    public RuleIndex? Index { get; set; }

    /// <summary>True when this node or a descendant has rules (not functions alone).</summary>
    public bool HasDocumentRules { get; set; }

    public bool HasValueRules => CompleteRules.Count > 0 || SetRules.Count > 0 || ObjectRules.Count > 0 || Default is { Args: null };

    /// <summary>True when functions are defined here (a function node is not a document).</summary>
    public bool IsFunction => FunctionArity is not null;

    /// <summary>True when value rules are (or will be) defined here: used while bodies are still being compiled.</summary>
    public bool HasDeclaredValueRules { get; set; }

    public string DottedPath => "data" + string.Concat(Path.Select(p => IsIdentifier(p) ? "." + p : "[" + new StringValue(p).ToJson() + "]"));

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>A key as a data path segment: strings as they are, numbers as their text (OPA's storage paths); null otherwise.</summary>
    public static string? SegmentName(Value key) => key switch
    {
        StringValue s => s.Value,
        NumberValue n => n.ToText(),
        _ => null,
    };

    public RuleNode GetOrAdd(string key)
    {
        if (!Children.TryGetValue(key, out var child))
        {
            child = new RuleNode([.. Path, key], this);
            Children[key] = child;
        }
        return child;
    }

    public override string ToString() => DottedPath;
}
