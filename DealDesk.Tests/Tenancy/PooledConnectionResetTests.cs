using DealDesk.Data.Database;
using DealDesk.Tests.Infrastructure;
using Npgsql;

namespace DealDesk.Tests.Tenancy;

/// <summary>
/// The tenant is a session setting on every connection a request opens, and the app prepares hot
/// statements automatically (DatabaseSettings.Apply). A pooled connection must still come back with
/// no tenant and no advisory lock, whatever the previous user of that physical connection did:
/// otherwise a sign-in lookup (no tenant) would run with someone else's dealership.
/// </summary>
public sealed class PooledConnectionResetTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string VisibleVehicles = "SELECT count(*) FROM vehicles WHERE $1 OR true";

    [Fact]
    public async Task A_reused_pooled_connection_with_prepared_statements_carries_no_tenant_and_no_lock()
    {
        var demo = await fixture.Db.DemoAsync();
        var settings = new DatabaseSettings { PoolMin = 0, PoolMax = 1 };
        var connectionString = new NpgsqlConnectionStringBuilder(settings.Apply(fixture.Db.AppConnectionString))
        {
            ApplicationName = "reset-probe-" + Guid.NewGuid().ToString("N"), // a pool of its own
        }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        int firstPid;
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            firstPid = c.ProcessID;
            for (var i = 0; i < 5; i++) // past AutoPrepareMinUsages: the statement is now prepared on this connection
                Assert.Equal(0L, await Sql.ScalarAsync<long>(c, VisibleVehicles, false));
            await Sql.SetTenantAsync(c, demo.North.DealershipId);
            Assert.Equal(40L, await Sql.ScalarAsync<long>(c, VisibleVehicles, false));
            await Sql.ScalarAsync<object?>(c, "SELECT pg_advisory_lock(1, 2)");
        }

        await using (var c = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(firstPid, c.ProcessID); // the same physical connection, from the pool
            Assert.True(string.IsNullOrEmpty(await Sql.ScalarAsync<string?>(c, "SELECT current_setting('app.dealership_id', true)")));
            Assert.Equal(0L, await Sql.ScalarAsync<long>(c, VisibleVehicles, false));
            Assert.Equal(0L, await Sql.ScalarAsync<long>(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"));
        }
    }
}
