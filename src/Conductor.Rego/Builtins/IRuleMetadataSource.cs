using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins;

/// <summary>What the evaluator knows about the rule being evaluated, for rego.metadata.rule() and rego.metadata.chain().</summary>
internal interface IRuleMetadataSource
{
    Value RuleMetadata();

    Value MetadataChain();
}
