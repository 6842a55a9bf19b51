using System.Reflection;

namespace Conductor.Rego.Builtins;

/// <summary>
/// The builtins available to policies, by name. <see cref="Default"/> holds OPA's catalogue; a host can
/// <see cref="Clone"/> it and register its own or replace one.
/// </summary>
public sealed class BuiltinRegistry
{
    private static readonly Lazy<BuiltinRegistry> DefaultRegistry = new(CreateDefault);
    private readonly Dictionary<string, BuiltinDefinition> _builtins = new(StringComparer.Ordinal);

    /// <summary>Every builtin family in this assembly.</summary>
    public static BuiltinRegistry Default => DefaultRegistry.Value;

    private static BuiltinRegistry CreateDefault()
    {
        var registry = new BuiltinRegistry();
        var families = typeof(BuiltinRegistry).Assembly.GetTypes()
            .Where(t => typeof(IBuiltinFamily).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in families)
        {
            var family = (IBuiltinFamily)Activator.CreateInstance(type)!;
            family.Register(registry);
        }
        return registry;
    }

    /// <summary>Adds or replaces a builtin.</summary>
    public void Register(BuiltinDefinition definition) => _builtins[definition.Name] = definition;

    /// <summary>Registers a function builtin.</summary>
    public void Register(string name, BuiltinSignature signature, BuiltinFunction function) =>
        Register(new BuiltinDefinition(name, signature, function));

    public bool TryGet(string name, out BuiltinDefinition definition) => _builtins.TryGetValue(name, out definition!);

    public bool Contains(string name) => _builtins.ContainsKey(name);

    /// <summary>All builtins, sorted by name.</summary>
    public IEnumerable<BuiltinDefinition> All => _builtins.Values.OrderBy(b => b.Name, StringComparer.Ordinal);

    /// <summary>A copy a host can change without affecting others.</summary>
    public BuiltinRegistry Clone()
    {
        var copy = new BuiltinRegistry();
        foreach (var (k, v) in _builtins) copy._builtins[k] = v;
        return copy;
    }
}
