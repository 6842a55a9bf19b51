namespace Conductor.Evidence.Bundles;

/// <summary>A file to hash and the name it gets in the manifest.</summary>
public sealed record ArtifactInput(string Name, string Path);
