using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Runtime;

/// <summary>
/// internal.test_case(path): marks the case of a parameterized test as entered. The test runner injects the call
/// (see <see cref="Testing.TestModuleRewriter"/>) and collects the paths through
/// <see cref="EvaluationOptions.TestCaseEntered"/>; a case that was entered but is missing from the test's result
/// failed. Outside a test run the call is true and does nothing.
/// </summary>
public sealed class TestCaseBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register(Testing.TestModuleRewriter.TestCaseBuiltin, BuiltinSignature.Of(RegoType.Boolean, RegoType.AnyArray), Enter);
    }

    private static Value Enter(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        if (args[0] is not ArrayValue path) throw BuiltinException.OperandType(1, "array", args[0]);
        context.Options.TestCaseEntered?.Invoke(path);
        return BooleanValue.True;
    }
}
