using Npgsql;

namespace Conductor.Evidence.Tests.Bundles;

/// <summary>
/// `evidence build --store` against the PostgreSQL server test.sh starts (CONDUCTOR_TEST_POSTGRES); each test
/// gets a fresh schema. Without a server the test fails and says how to get one, as the ledger's store tests do.
/// </summary>
public sealed class PostgresEvidenceTests
{
    private static string NewSchema()
    {
        var admin = Environment.GetEnvironmentVariable("CONDUCTOR_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException("CONDUCTOR_TEST_POSTGRES is not set: run ./test.sh (it starts a PostgreSQL server) or export it.");
        var schema = "evidence_" + Guid.NewGuid().ToString("N")[..16];
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", conn);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ToString();
    }

    [Fact]
    public void ABundleRecordedInPostgresVerifies()
    {
        var store = NewSchema();
        using var fixture = new EvidenceFixture();
        foreach (var (release, output) in new[] { ("0.9.0", "out-0"), ("1.0.0", "out") })
            EvidenceFixture.Run("evidence", "build", "--release", release, "--key", fixture.PrivateKey, "--ledger-key", fixture.LedgerPrivateKey,
                "--store", store, "--out", fixture.Dir.File(output), "--timestamp", "2026-11-01T12:00:00Z", fixture.Artifacts, fixture.Dir.File("CHANGELOG.txt"));
        fixture.CollectArtifacts();
        var (code, stdout, stderr) = fixture.Verify(fixture.Dir.File("out"));
        Assert.True(code == 0, stderr);
        Assert.Contains("ok: inclusion proof: entry 1 is in the ledger tree of size 2", stdout);
        // The same inputs give the same manifest whatever the store, apart from the chain link.
        var sqlite = fixture.Build("0.9.0", "out-sqlite", data: "data-sqlite");
        Assert.Equal(File.ReadAllBytes(Path.Combine(sqlite, "manifest.json")), File.ReadAllBytes(fixture.Dir.File("out-0/manifest.json")));
    }
}
