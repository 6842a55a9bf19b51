using System.Text;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Annotations;

/// <summary>
/// The METADATA annotations of a set of modules, as OPA reads them: a comment block whose first line is
/// <c># METADATA</c> holds YAML (one leading space stripped from each line) and annotates the rule or package that
/// follows it. The scope is <c>rule</c> before a rule and <c>package</c> before the package unless the YAML sets
/// <c>scope</c> (<c>document</c> covers every rule of the same path, <c>subpackages</c> a package and those under
/// it). Gives the values of <c>rego.metadata.rule()</c> and <c>rego.metadata.chain()</c> for any rule.
/// </summary>
public sealed class AnnotationIndex
{
    private readonly Dictionary<Rule, ObjectValue> _rules = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ObjectValue> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectValue> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectValue> _subpackages = new(StringComparer.Ordinal);
    private readonly Dictionary<Rule, Module> _owners = new(ReferenceEqualityComparer.Instance);

    /// <summary>Reads the annotations of every module; a block that is not a YAML object raises a located <c>rego_parse_error</c>.</summary>
    public static AnnotationIndex Build(IEnumerable<Module> modules)
    {
        var index = new AnnotationIndex();
        var errors = new List<RegoError>();
        foreach (var module in modules)
        {
            foreach (var rule in module.Rules) index._owners[rule] = module;
            foreach (var (location, yaml, endRow) in Blocks(module))
            {
                Value parsed;
                try
                {
                    parsed = YamlValueReader.Parse(yaml, module.File);
                }
                catch (RegoException e)
                {
                    errors.Add(new RegoError(RegoErrorCodes.ParseError, $"invalid METADATA block: {e.Errors[0].Message}", location));
                    continue;
                }
                if (parsed is not ObjectValue annotations)
                {
                    errors.Add(new RegoError(RegoErrorCodes.ParseError, "invalid METADATA block: expected a YAML object", location));
                    continue;
                }
                index.Attach(module, annotations, endRow, location, errors);
            }
        }
        if (errors.Count > 0) throw new RegoException(errors);
        return index;
    }

    /// <summary>The value of <c>rego.metadata.rule()</c> inside <paramref name="rule"/>: its rule-scope annotations, or <c>{}</c>.</summary>
    public Value RuleMetadata(Rule rule) => _rules.TryGetValue(rule, out var a) ? a : ObjectValue.Empty;

    /// <summary>
    /// The value of <c>rego.metadata.chain()</c> inside <paramref name="rule"/>: entries <c>{"path": [...],
    /// "annotations": {...}}</c> from the rule outwards (rule, document, package, enclosing subpackages); the rule's
    /// own entry is always there, the others only when annotated.
    /// </summary>
    public Value Chain(Rule rule)
    {
        var module = _owners[rule];
        var packagePath = module.Package.Path;
        var rulePath = packagePath.Append(rule.Head.Name).ToList();
        var entries = new List<Value>
        {
            Entry(rulePath, _rules.GetValueOrDefault(rule) ?? _documents.GetValueOrDefault(Key(rulePath))),
        };
        if (_rules.ContainsKey(rule) && _documents.TryGetValue(Key(rulePath), out var document)) entries.Add(Entry(rulePath, document));
        if (_packages.TryGetValue(Key(packagePath), out var package)) entries.Add(Entry(packagePath, package));
        for (var n = packagePath.Count; n >= 1; n--)
        {
            var prefix = packagePath.Take(n).ToList();
            if (_subpackages.TryGetValue(Key(prefix), out var sub)) entries.Add(Entry(prefix, sub));
        }
        return new ArrayValue(entries);
    }

    private static Value Entry(IReadOnlyList<string> path, ObjectValue? annotations)
    {
        var pairs = new List<KeyValuePair<string, Value>>();
        if (annotations is not null) pairs.Add(new("annotations", annotations));
        pairs.Add(new("path", new ArrayValue(path.Select(p => (Value)new StringValue(p)))));
        return ObjectValue.FromPairs(pairs);
    }

    private static string Key(IEnumerable<string> path) => string.Join('\u0000', path);

    private void Attach(Module module, ObjectValue annotations, int endRow, SourceLocation location, List<RegoError> errors)
    {
        // The block annotates the first statement after it: the package clause or a rule.
        var rule = module.Rules.Where(r => r.Location.Row > endRow).MinBy(r => r.Location.Row);
        var beforePackage = module.Package.Location.Row > endRow && (rule is null || module.Package.Location.Row < rule.Location.Row);
        var scope = annotations.TryGetValue(new StringValue("scope"), out var s) && s is StringValue sv ? sv.Value : beforePackage ? "package" : "rule";
        var withScope = ObjectValue.FromPairs(annotations.Entries.Where(p => p.Key is not StringValue { Value: "scope" })
            .Append(new KeyValuePair<Value, Value>(new StringValue("scope"), new StringValue(scope))));
        switch (scope)
        {
            case "package" or "subpackages" when beforePackage:
                (scope == "package" ? _packages : _subpackages)[Key(module.Package.Path)] = withScope;
                break;
            case "rule" or "document" when rule is not null && !beforePackage:
                if (scope == "rule") _rules[rule] = withScope;
                else _documents[Key(module.Package.Path.Append(rule.Head.Name))] = withScope;
                break;
            default:
                errors.Add(new RegoError(RegoErrorCodes.ParseError, $"invalid METADATA block: scope {scope} cannot annotate the statement that follows", location));
                break;
        }
    }

    // Consecutive comment lines starting with "# METADATA": the YAML text and where the block ends.
    private static IEnumerable<(SourceLocation Location, string Yaml, int EndRow)> Blocks(Module module)
    {
        var comments = module.Comments;
        for (var i = 0; i < comments.Count; i++)
        {
            if (comments[i].Text.Trim() != "METADATA") continue;
            var yaml = new StringBuilder();
            var end = comments[i].Location.Row;
            var j = i + 1;
            while (j < comments.Count && comments[j].Location.Row == end + 1)
            {
                var text = comments[j].Text;
                yaml.Append(text.StartsWith(' ') ? text[1..] : text).Append('\n');
                end = comments[j].Location.Row;
                j++;
            }
            yield return (comments[i].Location, yaml.ToString(), end);
            i = j - 1;
        }
    }
}
