namespace Conductor.Rego;

/// <summary>The error codes OPA uses, plus Conductor's own for input and limits.</summary>
public static class RegoErrorCodes
{
    public const string ParseError = "rego_parse_error";
    public const string CompileError = "rego_compile_error";
    public const string TypeError = "rego_type_error";
    public const string UnsafeVarError = "rego_unsafe_var_error";
    public const string RecursionError = "rego_recursion_error";
    public const string ConflictError = "eval_conflict_error";
    public const string BuiltinError = "eval_builtin_error";
    public const string EvalTypeError = "eval_type_error";
    public const string CancelError = "eval_cancel_error";
    public const string InternalError = "eval_internal_error";
    /// <summary>Evaluation went deeper than the caller's depth limit.</summary>
    public const string DepthLimitError = "eval_depth_limit_error";
    /// <summary>Input or data that is not valid JSON/YAML, or nested too deeply.</summary>
    public const string InvalidInput = "invalid_input_error";
}
