using System.CommandLine;
using System.Globalization;
using Conductor.Evidence.Bundles;
using Conductor.Evidence.Verification;
using Conductor.Ledger;
using Conductor.Ledger.Checkpoints;
using Conductor.Ledger.Keys;

namespace Conductor.Cli.Commands;

/// <summary>
/// `conductor evidence build|verify|redact`: signed release evidence recorded in the ledger, verified offline,
/// and public redacted bundles.
/// </summary>
internal static class EvidenceCommand
{
    public static Command Build(CliConsole console)
    {
        var evidence = new Command("evidence", "Build, verify and redact signed release evidence bundles.");
        evidence.Subcommands.Add(BuildBuild(console));
        evidence.Subcommands.Add(BuildVerify(console));
        evidence.Subcommands.Add(EvidenceRedactCommand.Build(console));
        return evidence;
    }

    private static Command BuildBuild(CliConsole console)
    {
        var release = new Option<string>("--release") { Description = "Release version", Required = true };
        var key = new Option<string>("--key") { Description = "Private key PEM that signs manifest.json (ECDSA P-256 or Ed25519, mode 0600)", Required = true };
        var ledgerKey = new Option<string?>("--ledger-key") { Description = "Private key PEM that signs the ledger checkpoint (default: --key)" };
        var keyName = new Option<string?>("--key-name") { Description = "Key name on the checkpoint signature (default: the ledger's origin)" };
        var outDir = new Option<string>("--out") { Description = "Output directory for manifest.json, manifest.json.sig and bundle.json", Required = true };
        var timestamp = new Option<string?>("--timestamp") { Description = "Manifest time, RFC 3339 or Unix seconds (default: SOURCE_DATE_EPOCH, else now)" };
        var data = LedgerCliSupport.DataOption();
        var store = LedgerCliSupport.StoreOption();
        var artifacts = new Argument<string[]>("ARTIFACT") { Description = "Artifact files or directories", Arity = ArgumentArity.OneOrMore };
        var command = new Command("build", "Hash artifacts, write and sign a canonical manifest, and record it in the ledger.")
        {
            release, key, ledgerKey, keyName, outDir, timestamp, artifacts,
        };
        LedgerCliSupport.AddStoreOptions(command, data, store);
        command.SetAction(parse => Guard(() =>
        {
            var createdAt = CreatedAt(parse.GetValue(timestamp));
            var inputs = ArtifactHasher.Resolve(parse.GetValue(artifacts)!);
            using var manifestKey = KeyFiles.ReadSigningKey(parse.GetValue(key)!);
            using var checkpointKey = parse.GetValue(ledgerKey) is { } ledgerKeyPath ? KeyFiles.ReadSigningKey(ledgerKeyPath) : null;
            using var ledger = LedgerCliSupport.OpenLedger(parse, data, store, create: true);
            var signer = new NoteSigner(parse.GetValue(keyName) ?? ledger.Origin, checkpointKey ?? manifestKey);
            using var progress = TerminalProgress.Create(console);
            var result = new EvidenceBundleBuilder(ledger).Build(
                new EvidenceBuildRequest(parse.GetValue(release)!, inputs, createdAt, manifestKey, signer, parse.GetValue(outDir)!),
                progress);
            progress?.Finish();
            console.Out.WriteLine($"manifest {result.ManifestDigest}: {result.Manifest.Artifacts.Count} artifacts, ledger entry {result.EntryIndex} of {result.TreeSize}");
            return 0;
        }));
        return command;
    }

    private static Command BuildVerify(CliConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "Bundle directory (manifest.json, manifest.json.sig, bundle.json)" };
        var key = new Option<string?>("--key") { Description = "Public key PEM of the manifest signer (default: the key recorded in bundle.json, with a warning)" };
        var ledgerKey = new Option<string?>("--ledger-key") { Description = "Public key PEM of the ledger checkpoint signer (default: recorded in bundle.json, with a warning)" };
        var artifacts = new Option<string?>("--artifacts") { Description = "Directory holding the artifacts, to recompute every hash" };
        var command = new Command("verify", "Verify an evidence bundle offline.") { dir, key, ledgerKey, artifacts };
        command.SetAction(parse => Guard(() =>
        {
            var report = EvidenceBundleVerifier.Verify(
                parse.GetValue(dir)!,
                parse.GetValue(key) is { } k ? LedgerCliSupport.ReadTextFile(k, "public key") : null,
                parse.GetValue(ledgerKey) is { } lk ? LedgerCliSupport.ReadTextFile(lk, "ledger public key") : null,
                parse.GetValue(artifacts));
            foreach (var warning in report.Warnings) console.Error.WriteLine($"warning: {warning}");
            if (!report.Verified)
            {
                // One "error:" line per failure, in the order the checks ran.
                throw new CliFailureException(string.Join(Environment.NewLine + "error: ", report.Failures));
            }
            foreach (var check in report.Checks) console.Out.WriteLine($"ok: {check}");
            console.Out.WriteLine("OK: the evidence bundle verifies");
            return 0;
        }));
        return command;
    }

    /// <summary>--timestamp, else SOURCE_DATE_EPOCH (the reproducible-builds convention), else now.</summary>
    private static DateTimeOffset CreatedAt(string? timestamp)
    {
        var text = timestamp ?? Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(text)) return DateTimeOffset.UtcNow;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
        throw new CliUsageException($"timestamp '{text}' is neither RFC 3339 nor Unix seconds");
    }

    internal static int Guard(Func<int> body) => LedgerCliSupport.Guard(() =>
    {
        try
        {
            return body();
        }
        catch (EvidenceVerificationException e)
        {
            throw new CliFailureException($"{e.Code}: {e.Message}");
        }
    });
}
