using System.CommandLine;
using System.Text.RegularExpressions;
using Conductor.Evidence.Bundles;
using Conductor.Ledger.Keys;

namespace Conductor.Cli.Commands;

/// <summary>
/// `conductor evidence redact DIR --rules FILE --key PRIV --out EB-ID.json`: a public bundle with the listed
/// artifacts and fields replaced by salted commitments, plus EB-ID.salts.json (keep private) and verify.sh.
/// </summary>
internal static partial class EvidenceRedactCommand
{
    [GeneratedRegex("^EB-([A-Za-z0-9._-]+)\\.json$", RegexOptions.NonBacktracking)]
    private static partial Regex PublicName();

    public static Command Build(CliConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "Evidence bundle directory" };
        var rules = new Option<string>("--rules") { Description = "Redaction rules (JSON: {\"artifacts\": [...], \"fields\": [...]})", Required = true };
        var key = new Option<string>("--key") { Description = "The release's ECDSA P-256 private key PEM, which signs the public document", Required = true };
        var output = new Option<string>("--out") { Description = "Output file, named EB-<id>.json", Required = true };
        var command = new Command("redact", "Write a public evidence bundle with artifacts or fields replaced by salted commitments.") { dir, rules, key, output };
        command.SetAction(parse => EvidenceCommand.Guard(() =>
        {
            var outPath = parse.GetValue(output)!;
            var match = PublicName().Match(Path.GetFileName(outPath));
            if (!match.Success) throw new CliUsageException($"--out must name a file EB-<id>.json, not '{Path.GetFileName(outPath)}'");
            var id = match.Groups[1].Value;
            var parsedRules = RedactionRules.Parse(LedgerCliSupport.ReadFile(parse.GetValue(rules)!, "rules"));
            using var signingKey = KeyFiles.ReadSigningKey(parse.GetValue(key)!);
            var (publicBundle, salts) = new PublicBundleRedactor().Redact(parse.GetValue(dir)!, parsedRules, signingKey, id);
            var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            Directory.CreateDirectory(outDir);
            File.WriteAllBytes(outPath, publicBundle);
            var saltsPath = Path.Combine(outDir, $"EB-{id}.salts.json");
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(saltsPath, options)) stream.Write(salts);
            var script = Path.Combine(outDir, "verify.sh");
            File.WriteAllText(script, PublicBundleRedactor.VerifyScript());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            console.Out.WriteLine($"wrote {outPath} (public), {saltsPath} (private: discloses redacted values) and {script}");
            return 0;
        }));
        return command;
    }
}
