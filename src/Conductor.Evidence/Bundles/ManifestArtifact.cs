namespace Conductor.Evidence.Bundles;

/// <summary>One artifact of a release manifest.</summary>
/// <param name="Name">Its file name, or its path relative to the directory argument it was found in ('/' separated).</param>
/// <param name="Sha256">SHA-256 of its bytes, lower-case hex.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="MediaType">Its media type, guessed from the file extension.</param>
public sealed record ManifestArtifact(string Name, string Sha256, long Size, string MediaType);
