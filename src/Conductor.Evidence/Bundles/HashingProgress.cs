namespace Conductor.Evidence.Bundles;

/// <summary>How far artifact hashing has got, for progress display.</summary>
public readonly record struct HashingProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal);
