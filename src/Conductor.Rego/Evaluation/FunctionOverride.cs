using Conductor.Rego.Compilation;
using Conductor.Rego.Values;

namespace Conductor.Rego.Evaluation;

/// <summary>What <c>with f as …</c> puts in place of a function or builtin: a constant result or another function.</summary>
internal sealed record FunctionOverride(Value? Value, CallTarget? Target);
