using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DealDesk.Tests.Web;

/// <summary>
/// The harness itself: Program reads its connection strings before the host is built
/// (DatabaseStartup), so the factory's settings must be in builder.Configuration by then —
/// otherwise the app would silently start its embedded PostgreSQL instead of the test database.
/// </summary>
public sealed class AppFactoryConfigurationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void App_uses_the_test_database_as_the_app_role_and_migrates_as_the_owner()
    {
        var target = fixture.App.Services.GetRequiredService<DatabaseTarget>();

        Assert.Equal(fixture.Db.AppConnectionString, target.AppConnectionString);
        Assert.Equal(fixture.Db.OwnerConnectionString, target.MigrationConnectionString);
        Assert.Null(fixture.App.Services.GetService<EmbeddedPostgres>());
        Assert.Equal("dealdesk_app", new NpgsqlConnectionStringBuilder(target.AppConnectionString).Username);
    }

    [Fact]
    public void App_runs_in_the_Testing_environment()
    {
        Assert.Equal(DealDeskAppFactory.EnvironmentName, fixture.App.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
    }

    [Fact]
    public async Task App_pool_connects_to_the_test_database()
    {
        var dataSource = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();
        await using var cmd = dataSource.CreateCommand("SELECT current_database() || ' as ' || current_user");

        Assert.Equal($"{fixture.Db.Name} as dealdesk_app", (string?)await cmd.ExecuteScalarAsync());
    }
}
