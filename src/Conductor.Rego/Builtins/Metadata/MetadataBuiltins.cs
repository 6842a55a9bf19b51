using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Metadata;

/// <summary>
/// <c>rego.metadata.rule()</c> and <c>rego.metadata.chain()</c>: the METADATA annotations of the rule being
/// evaluated. The values come from <see cref="BuiltinContext.RuleMetadata"/> and <see cref="BuiltinContext.MetadataChain"/>,
/// which the evaluator sets from an <see cref="Annotations.AnnotationIndex"/>; without them the call is an
/// <c>eval_builtin_error</c> rather than a silently empty answer.
/// </summary>
public sealed class MetadataBuiltins : IBuiltinFamily
{
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("rego.metadata.rule", BuiltinSignature.Of(RegoType.Any),
            (c, _) => c.RuleMetadata?.Invoke() ?? throw Unavailable());
        registry.Register("rego.metadata.chain", BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Any)),
            (c, _) => c.MetadataChain?.Invoke() ?? throw Unavailable());
    }

    private static BuiltinException Unavailable() =>
        BuiltinException.Error("rule annotations are not available to this evaluation");
}
