namespace Conductor.Rego.Builtins.GraphQL;

/// <summary>A GraphQL parse or validation failure, with OPA's message text.</summary>
internal sealed class GqlException(string message) : Exception(message);
