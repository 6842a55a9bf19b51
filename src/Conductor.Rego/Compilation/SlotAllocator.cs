using Conductor.Rego.Syntax;

namespace Conductor.Rego.Compilation;

/// <summary>Hands out frame slots for one rule or query; every variable of a rule (nested scopes included) has its own slot.</summary>
internal sealed class SlotAllocator
{
    private int _next;
    private int _generated;

    public int Count => _next;

    public CVar New(string name, SourceLocation location, bool generated = false) => new(_next++, name, generated, location);

    public CVar NewGenerated(SourceLocation location) => New("$" + _generated++, location, generated: true);
}
