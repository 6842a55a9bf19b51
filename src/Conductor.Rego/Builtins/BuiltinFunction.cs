using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins;

/// <summary>
/// A builtin's implementation: takes evaluated operands, returns the result, or null for "undefined".
/// Errors are reported by throwing <see cref="BuiltinException"/>; the evaluator turns them into an undefined
/// result, or an <c>eval_builtin_error</c>/<c>eval_type_error</c> with strict builtin errors.
/// </summary>
public delegate Value? BuiltinFunction(BuiltinContext context, ReadOnlySpan<Value> args);

/// <summary>A builtin that yields several results (a relation, like <c>walk</c>).</summary>
public delegate IEnumerable<Value> BuiltinRelation(BuiltinContext context, Value[] args);
