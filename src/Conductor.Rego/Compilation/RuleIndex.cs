using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

/// <summary>
/// An index over a node's complete rules by one equality constraint <c>input.path == constant</c> that many of
/// them share, so that evaluating the node only runs the rules whose constant matches (plus the rules
/// without that constraint). 1,000 rules keyed on <c>input.action</c> then cost one lookup, not 1,000 bodies.
/// </summary>
internal sealed class RuleIndex(CRef key, Dictionary<Value, CRule[]> byValue, CRule[] unconstrained)
{
    /// <summary>The ref whose value selects the rules.</summary>
    public CRef Key { get; } = key;
    public Dictionary<Value, CRule[]> ByValue { get; } = byValue;
    public CRule[] Unconstrained { get; } = unconstrained;
}
