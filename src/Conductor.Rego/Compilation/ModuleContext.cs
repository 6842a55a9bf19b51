using Conductor.Rego.Syntax;

namespace Conductor.Rego.Compilation;

/// <summary>What name resolution needs to know about the module a rule is in: its package, imports and the package's rule names.</summary>
internal sealed record ModuleContext(Module Module, HashSet<string> RuleNames);
