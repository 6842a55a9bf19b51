using System.Security.Cryptography;
using Conductor.Evidence.Verification;

namespace Conductor.Evidence.Bundles;

/// <summary>
/// Resolves artifact arguments to named files and hashes them with SHA-256, streaming each file through a
/// fixed buffer. Files are hashed in parallel, but results are placed by name so the output never depends on
/// scheduling.
/// </summary>
public static class ArtifactHasher
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// A file argument is named by its file name; a directory argument contributes every file below it, named by
    /// its path relative to that directory with '/' separators. Names are sorted ordinally; duplicates are an error.
    /// </summary>
    public static IReadOnlyList<ArtifactInput> Resolve(IEnumerable<string> arguments)
    {
        var byName = new SortedDictionary<string, ArtifactInput>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var root = Path.GetFullPath(argument);
                foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }))
                    Add(byName, Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'), file);
            }
            else if (File.Exists(argument))
            {
                Add(byName, Path.GetFileName(argument), Path.GetFullPath(argument));
            }
            else
            {
                throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, $"artifact '{argument}' is neither a file nor a directory");
            }
        }
        if (byName.Count == 0) throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, "no artifact files were found");
        return byName.Values.ToList();
    }

    /// <summary>Hashes the inputs (in their given order) and reports progress now and then.</summary>
    public static IReadOnlyList<ManifestArtifact> Hash(IReadOnlyList<ArtifactInput> inputs, IProgress<HashingProgress>? progress = null, int? parallelism = null)
    {
        var results = new ManifestArtifact[inputs.Count];
        long totalBytes = 0;
        // Sizes up front only to show a total; without a progress display the extra stat per file is skipped.
        if (progress is not null)
            foreach (var input in inputs) totalBytes += new FileInfo(input.Path).Length;
        long bytesDone = 0;
        var filesDone = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount };
        Parallel.For(0, inputs.Count, options, () => new byte[BufferSize], (i, _, buffer) =>
        {
            var input = inputs[i];
            var (digest, size) = HashFile(input.Path, buffer);
            results[i] = new ManifestArtifact(input.Name, Convert.ToHexStringLower(digest), size, MediaTypes.ForName(input.Name));
            var done = Interlocked.Increment(ref filesDone);
            var bytes = Interlocked.Add(ref bytesDone, size);
            progress?.Report(new HashingProgress(done, inputs.Count, bytes, totalBytes));
            return buffer;
        }, _ => { });
        return results;
    }

    /// <summary>SHA-256 and length of a file, read sequentially through <paramref name="buffer"/>.</summary>
    public static (byte[] Digest, long Size) HashFile(string path, byte[] buffer)
    {
        try
        {
            // A raw handle and positional reads: no FileStream buffering, and a file that fits the buffer is
            // hashed in one shot, which matters when releases hold thousands of small files.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long size = 0;
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(filled), size)) > 0)
            {
                filled += read;
                size += read;
            }
            if (filled < buffer.Length) return (SHA256.HashData(buffer.AsSpan(0, filled)), size);

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(buffer, 0, filled);
            while ((read = RandomAccess.Read(handle, buffer, size)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }
            return (hash.GetHashAndReset(), size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, $"cannot read artifact {path}: {e.Message}");
        }
    }

    private static void Add(SortedDictionary<string, ArtifactInput> byName, string name, string path)
    {
        if (!byName.TryAdd(name, new ArtifactInput(name, path)))
            throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, $"two artifacts are named '{name}' ({byName[name].Path} and {path})");
    }
}
