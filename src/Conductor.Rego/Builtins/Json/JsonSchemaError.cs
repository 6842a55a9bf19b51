namespace Conductor.Rego.Builtins.Json;

/// <summary>One validation failure, shaped as gojsonschema reports it (type, field context, description).</summary>
internal sealed record JsonSchemaError(string Type, string Context, string Description)
{
    /// <summary>The field without the "(root)." prefix, or "(root)" for the document itself.</summary>
    public string Field => Context.StartsWith("(root).", StringComparison.Ordinal) ? Context["(root).".Length..] : Context;

    public override string ToString() => $"{Field}: {Description}";
}
