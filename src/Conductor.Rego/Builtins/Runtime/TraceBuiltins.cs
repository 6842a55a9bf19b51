using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Runtime;

/// <summary>
/// trace(note): always true; hands the note, with the call's location, to <see cref="EvaluationOptions.Trace"/>
/// (what <c>opa eval --explain notes</c> and <c>opa test -v</c> show as <c>Note "…"</c> events). Without a trace
/// receiver the note is dropped and the call costs only the operand check.
/// </summary>
public sealed class TraceBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("trace", BuiltinSignature.Of(RegoType.Boolean, RegoType.String), Trace);
    }

    private static Value Trace(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var note = BuiltinArgs.String(args, 0);
        context.Options.Trace?.Invoke(context.Location, note);
        return BooleanValue.True;
    }
}
