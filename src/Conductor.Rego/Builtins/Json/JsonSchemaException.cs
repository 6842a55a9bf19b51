namespace Conductor.Rego.Builtins.Json;

/// <summary>A schema that is not a valid JSON Schema (or a reference that cannot be resolved locally).</summary>
internal sealed class JsonSchemaException(string message) : Exception(message);
