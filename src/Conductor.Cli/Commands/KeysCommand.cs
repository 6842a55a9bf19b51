using System.CommandLine;
using System.Text.Json;
using Conductor.Ledger.Keys;

namespace Conductor.Cli.Commands;

/// <summary>`conductor keys generate`: new signing key pairs as PEM files (private key mode 0600).</summary>
internal static class KeysCommand
{
    public const string PrivateKeyFile = "private.pem";
    public const string PublicKeyFile = "public.pem";

    public static Command Build(CliConsole console)
    {
        var keys = new Command("keys", "Manage signing keys for checkpoints and evidence.");
        var generate = new Command("generate", $"Write a new key pair to DIR/{PrivateKeyFile} (mode 0600) and DIR/{PublicKeyFile}.");
        var outDir = new Option<string>("--out") { Description = "Directory to write the keys to (created if missing)", Required = true };
        var type = new Option<string>("--type") { Description = "Key type: ecdsa-p256 (default) or ed25519", DefaultValueFactory = _ => "ecdsa-p256" };
        type.AcceptOnlyFromAmong("ecdsa-p256", "ed25519");
        generate.Options.Add(outDir);
        generate.Options.Add(type);
        generate.SetAction(parse => LedgerCliSupport.Guard(() =>
        {
            var dir = parse.GetValue(outDir)!;
            var keyType = KeyTypeNames.Parse(parse.GetValue(type)!);
            Directory.CreateDirectory(dir);
            var privatePath = Path.Combine(dir, PrivateKeyFile);
            var publicPath = Path.Combine(dir, PublicKeyFile);
            if (File.Exists(privatePath) || File.Exists(publicPath))
                throw new CliFailureException($"{dir} already holds {PrivateKeyFile} or {PublicKeyFile}; not overwriting keys");
            using var key = SigningKey.Generate(keyType);
            KeyFiles.WritePrivateKey(privatePath, key);
            KeyFiles.WritePublicKey(publicPath, key.PublicKey);
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["type"] = KeyTypeNames.Name(keyType),
                ["privateKey"] = privatePath,
                ["publicKey"] = publicPath,
            }));
            return 0;
        }));
        keys.Subcommands.Add(generate);
        return keys;
    }
}
