using System.CommandLine;
using Conductor.Evidence.Sigstore;
using Conductor.Evidence.Verification;
using PublicKey = Conductor.Evidence.Keys.PublicKey;

namespace Conductor.Cli.Commands;

/// <summary>
/// <c>conductor sigstore verify-bundle</c>, following the sigstore-conformance CLI protocol:
/// <c>verify-bundle --bundle FILE (--certificate-identity ID --certificate-oidc-issuer URL | --key KEY)
/// [--trusted-root FILE] FILE_OR_DIGEST</c>, where the artifact may be given as <c>sha256:&lt;hex&gt;</c>.
/// Exits 0 when the bundle verifies and 1 with the reason on stderr when it does not; wrong usage exits 2.
/// </summary>
public static class SigstoreCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("sigstore", "Verify Sigstore bundles offline.");
        command.Subcommands.Add(BuildVerifyBundle(console));
        return command;
    }

    private static Command BuildVerifyBundle(CliConsole console)
    {
        var bundle = new Option<string>("--bundle") { Description = "The Sigstore bundle (.sigstore.json).", Required = true };
        var identity = new Option<string?>("--certificate-identity") { Description = "The expected signing identity (certificate SAN)." };
        var issuer = new Option<string?>("--certificate-oidc-issuer") { Description = "The expected OIDC issuer of the signing identity." };
        var key = new Option<string?>("--key") { Description = "A PEM public key, for bundles signed with a managed key." };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "A trusted_root.json; the Sigstore public-good root is used by default." };
        var artifact = new Argument<string>("FILE_OR_DIGEST") { Description = "The signed artifact, or its digest as sha256:<hex>." };
        var command = new Command("verify-bundle", "Verify a Sigstore bundle for an artifact, offline.")
        {
            bundle, identity, issuer, key, trustedRoot, artifact,
        };
        command.SetAction(parse =>
        {
            var identityValue = parse.GetValue(identity);
            var issuerValue = parse.GetValue(issuer);
            var keyValue = parse.GetValue(key);
            if (keyValue is not null && (identityValue is not null || issuerValue is not null))
                throw new CliUsageException("give either --key or --certificate-identity with --certificate-oidc-issuer, not both");
            if (keyValue is null && (identityValue is null || issuerValue is null))
                throw new CliUsageException("give --certificate-identity and --certificate-oidc-issuer, or --key");

            var result = VerificationResult.Run(checks =>
            {
                var policy = keyValue is not null
                    ? SigstoreVerificationPolicy.ForKey(PublicKey.FromPem(ReadText(keyValue, "key")))
                    : SigstoreVerificationPolicy.ForIdentity(identityValue!, issuerValue!);
                var root = parse.GetValue(trustedRoot) is { } rootPath ? TrustedRoot.Parse(ReadBytes(rootPath, "trusted root")) : TrustedRoot.PublicGood;
                var artifactValue = parse.GetValue(artifact)!;
                var reference = ArtifactReference.TryParseDigest(artifactValue, out var digest) ? digest! : ReadArtifact(artifactValue);
                var parsed = SigstoreBundle.Parse(ReadBytes(parse.GetValue(bundle)!, "bundle"));
                new SigstoreBundleVerifier(root, policy).Verify(parsed, reference, checks);
            });
            if (!result.Verified) throw new CliFailureException($"{result.Code}: {result.Message}");
            console.Out.WriteLine("OK: the bundle verifies");
            return 0;
        });
        return command;
    }

    private static ArtifactReference ReadArtifact(string path)
    {
        try
        {
            return ArtifactReference.FromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, $"cannot read the artifact {path}: {e.Message}");
        }
    }

    private static byte[] ReadBytes(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceVerificationException(VerificationErrorCodes.MissingInput, $"cannot read the {what} {path}: {e.Message}");
        }
    }

    private static string ReadText(string path, string what) => System.Text.Encoding.UTF8.GetString(ReadBytes(path, what));
}
