namespace Conductor.Ledger.Keys;

/// <summary>
/// Key files on disk. Private keys are written with mode 0600 and refused on read when the group or others
/// can access them, as ssh does: a key others could read may already be someone else's.
/// </summary>
public static class KeyFiles
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="key"/> as PKCS#8 PEM, created with mode 0600; refuses to overwrite an existing file.</summary>
    public static void WritePrivateKey(string path, SigningKey key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = OpenNew(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(key.ExportPrivateKeyPem());
    }

    /// <summary>Writes <paramref name="key"/> as an SPKI PEM; refuses to overwrite an existing file.</summary>
    public static void WritePublicKey(string path, VerificationKey key)
    {
        using var stream = OpenNew(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write });
        using var writer = new StreamWriter(stream);
        writer.Write(key.ExportPem());
    }

    /// <summary>Reads a private key, refusing a file that the group or others may access.</summary>
    public static SigningKey ReadSigningKey(string path)
    {
        if (!File.Exists(path)) throw KeyEncoding.Invalid($"{path}: private key file not found");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
                throw KeyEncoding.Invalid($"{path}: private key file is accessible by others (mode {ModeString(mode)}); run 'chmod 600 {path}'");
        }
        return SigningKey.FromPem(ReadText(path), path);
    }

    /// <summary>Reads a public key (PEM "PUBLIC KEY").</summary>
    public static VerificationKey ReadVerificationKey(string path)
    {
        if (!File.Exists(path)) throw KeyEncoding.Invalid($"{path}: public key file not found");
        var text = ReadText(path);
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            throw KeyEncoding.Invalid($"{path}: expected a public key, but the file holds a private key");
        return VerificationKey.FromPem(text, path);
    }

    private static string ReadText(string path)
    {
        var info = new FileInfo(path);
        // Key files are small; a huge file is a mistake (wrong path), not a key.
        if (info.Length > 64 * 1024) throw KeyEncoding.Invalid($"{path}: file is too large to be a key ({info.Length} bytes)");
        return File.ReadAllText(path);
    }

    private static FileStream OpenNew(string path, FileStreamOptions options)
    {
        try
        {
            return new FileStream(path, options);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new LedgerException(LedgerErrorCodes.KeyInvalid, $"{path}: file already exists; not overwriting a key", e);
        }
    }

    private static string ModeString(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
