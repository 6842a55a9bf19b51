using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins;

/// <summary>An error raised by a builtin; <see cref="Code"/> is <c>eval_type_error</c> or <c>eval_builtin_error</c>.
/// The message does not include the builtin's name: the evaluator prefixes it ("concat: operand 1 must be …").</summary>
public sealed class BuiltinException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>A plain builtin error (<c>eval_builtin_error</c>).</summary>
    public static BuiltinException Error(string message) => new(RegoErrorCodes.BuiltinError, message);

    /// <summary>OPA's operand type error: "operand 2 must be string but got number" (<c>eval_type_error</c>).</summary>
    public static BuiltinException OperandType(int position, string expected, Value actual) =>
        new(RegoErrorCodes.EvalTypeError, $"operand {position} must be {expected} but got {actual.TypeName}");

    /// <summary>OPA's operand type error for several accepted types: "operand 1 must be one of {array, set} but got string".</summary>
    public static BuiltinException OperandTypes(int position, IEnumerable<string> expected, Value actual) =>
        new(RegoErrorCodes.EvalTypeError, $"operand {position} must be one of {{{string.Join(", ", expected)}}} but got {actual.TypeName}");
}
