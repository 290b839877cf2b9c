using System.Net;
using System.Text.Json;
using DealDesk.Data.Monitoring;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Monitoring;

/// <summary>The load balancer's probes: no sign-in, states only.</summary>
public sealed class HealthEndpointTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Live_answers_without_sign_in_and_without_details()
    {
        using var client = fixture.App.CreateBrowserClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_checks_the_database_the_migrations_and_the_pool()
    {
        using var client = fixture.App.CreateBrowserClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("reachable", checks.GetProperty("database").GetString());
        Assert.Equal("applied", checks.GetProperty("migrations").GetString());
        Assert.Equal("ok", checks.GetProperty("pool").GetString());
    }

    [Fact]
    public async Task Readiness_fails_when_the_database_misses_a_migration_the_app_knows()
    {
        // A new instance's view (its own cache) of a database whose history lost the last migration, e.g. restored from an older backup.
        var readiness = ActivatorUtilities.CreateInstance<Readiness>(fixture.App.Services);
        await using var c = await fixture.Db.OpenSuperuserAsync();
        var last = await Sql.ScalarAsync<string>(c, "SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\"");
        var version = await Sql.ScalarAsync<string>(c, "SELECT \"ProductVersion\" FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = $1", last);
        await Sql.ExecuteAsync(c, "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = $1", last);
        try
        {
            var report = await readiness.CheckAsync(CancellationToken.None);

            Assert.False(report.Ready);
            Assert.False(report.MigrationsApplied);
            Assert.True(report.DatabaseReachable);
        }
        finally
        {
            await Sql.ExecuteAsync(c, "INSERT INTO \"__EFMigrationsHistory\" VALUES ($1, $2)", last, version);
        }
        Assert.True((await readiness.CheckAsync(CancellationToken.None)).Ready);
    }
}
