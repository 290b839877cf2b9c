using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace DealDesk.Tests.Database;

/// <summary>
/// Databases made before `dotnet ef` took over have only the two SQL migrations applied. The next start
/// must bring them up to date in place (the Baseline migration adds no SQL) and keep every row.
/// </summary>
public sealed class MigrationUpgradeTests : IAsyncLifetime
{
    const string SqlFoundation = "20261121000001_Foundation";
    const string SqlDeals = "20261121000002_Deals";

    EmbeddedPostgres _cluster = null!;
    readonly string _name = "upgrade_" + Guid.NewGuid().ToString("N")[..16];

    string OwnerConnectionString => _cluster.ConnectionStringFor(_name, _cluster.OwnerRole);
    string AppConnectionString => _cluster.ConnectionStringFor(_name, _cluster.AppRole);

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.GetAsync();
        // Empty (not a clone of the migrated template): this database starts where an old build left one.
        await TestDatabase.ExecAsync(_cluster, "postgres",
            $"CREATE DATABASE {TestDatabase.Ident(_name)} OWNER {TestDatabase.Ident(_cluster.OwnerRole)}",
            $"GRANT CONNECT ON DATABASE {TestDatabase.Ident(_name)} TO {TestDatabase.Ident(_cluster.AppRole)}");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(OwnerConnectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(AppConnectionString));
        await TestDatabase.ExecAsync(_cluster, "postgres", $"DROP DATABASE IF EXISTS {TestDatabase.Ident(_name)} WITH (FORCE)");
    }

    [Fact]
    public void The_sql_migrations_come_first_and_every_later_one_after_them()
    {
        using var context = DatabaseMigrator.CreateContext(OwnerConnectionString);

        var all = context.Database.GetMigrations().ToList();

        Assert.Equal([SqlFoundation, SqlDeals], all.Take(2));
        Assert.True(all.Count > 2, "No migration after the SQL ones: where is the Baseline?");
    }

    [Fact]
    public async Task A_database_from_the_sql_migrations_upgrades_in_place_and_keeps_its_data()
    {
        await using (var old = DatabaseMigrator.CreateContext(OwnerConnectionString))
        {
            await old.GetService<IMigrator>().MigrateAsync(SqlDeals);
            Assert.Equal([SqlFoundation, SqlDeals], await old.Database.GetAppliedMigrationsAsync());
            Assert.NotEmpty(await old.Database.GetPendingMigrationsAsync());
        }
        var ids = await InsertAsOwnerAsync();

        await DatabaseMigrator.MigrateAsync(OwnerConnectionString); // what start-up runs

        await using (var upgraded = DatabaseMigrator.CreateContext(OwnerConnectionString))
        {
            Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
            Assert.Equal(upgraded.Database.GetMigrations(), await upgraded.Database.GetAppliedMigrationsAsync());
        }
        await using var c = await TestDatabase.OpenAsync(OwnerConnectionString);
        Assert.Equal("Upgrade Motors", await Sql.ScalarAsync<string>(c, "SELECT name FROM dealerships WHERE id = $1", ids.Dealership));
        Assert.Equal("Ada", await Sql.ScalarAsync<string>(c, "SELECT first_name FROM customers WHERE id = $1", ids.Customer));
        Assert.Equal("UP-20261121-0001|DRAFT", await Sql.ScalarAsync<string>(c,
            "SELECT deal_number || '|' || state FROM deals WHERE id = $1 AND customer_id = $2 AND vehicle_id = $3 AND active_scenario_id = $4",
            ids.Deal, ids.Customer, ids.Vehicle, ids.Scenario));
        Assert.Equal(412.34m, await Sql.ScalarAsync<decimal>(c, "SELECT monthly_payment FROM pricing_scenarios WHERE id = $1", ids.Scenario));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(c, "SELECT count(*) FROM audit_log WHERE entity_id = $1", ids.Deal));

        // Row-level security and the app role's grants (from the SQL migrations) still hold.
        await using var app = await TestDatabase.OpenAsync(AppConnectionString);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "SELECT count(*) FROM deals"));
        await Sql.SetTenantAsync(app, ids.Dealership);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app, "SELECT count(*) FROM deals"));
    }

    sealed record Ids(Guid Dealership, Guid User, Guid Customer, Guid Vehicle, Guid Deal, Guid Scenario);

    /// <summary>As the owner, which row-level security does not bind: the rows an old build would have written.</summary>
    async Task<Ids> InsertAsOwnerAsync()
    {
        var ids = new Ids(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var c = await TestDatabase.OpenAsync(OwnerConnectionString);
        await using var tx = await c.BeginTransactionAsync();
        await Sql.ExecuteAsync(c, """
            INSERT INTO dealerships (id, name, time_zone, default_tax_rate, doc_fee, default_apr)
            VALUES ($1, 'Upgrade Motors', 'Europe/Berlin', 0.19, 299, 5.9)
            """, ids.Dealership);
        await Sql.ExecuteAsync(c, """
            INSERT INTO users (id, dealership_id, display_name, user_name, normalized_user_name, email, normalized_email,
                               email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ($1, $2, 'Sam Seller', 'sam@upgrade.test', 'SAM@UPGRADE.TEST', 'sam@upgrade.test', 'SAM@UPGRADE.TEST',
                    true, false, false, true, 0)
            """, ids.User, ids.Dealership);
        await Sql.ExecuteAsync(c, "INSERT INTO customers (id, dealership_id, first_name, last_name) VALUES ($1, $2, 'Ada', 'Lovelace')",
            ids.Customer, ids.Dealership);
        await Sql.ExecuteAsync(c, """
            INSERT INTO vehicles (id, dealership_id, vin, stock_number, year, make, model, price, status)
            VALUES ($1, $2, '1HGCM82633A004352', 'UP-1', 2024, 'Honda', 'Civic', 24500, 'pending')
            """, ids.Vehicle, ids.Dealership);
        await Sql.ExecuteAsync(c, """
            INSERT INTO deals (id, dealership_id, deal_number, customer_id, vehicle_id, salesperson_id, state, created_by)
            VALUES ($1, $2, 'UP-20261121-0001', $3, $4, $5, 'DRAFT', $5)
            """, ids.Deal, ids.Dealership, ids.Customer, ids.Vehicle, ids.User);
        await Sql.ExecuteAsync(c, """
            INSERT INTO pricing_scenarios (id, dealership_id, deal_id, name, kind, price, down_payment, trade_in_value, trade_in_payoff,
                                           term_months, apr, tax_rate, fees, amount_financed, monthly_payment)
            VALUES ($1, $2, $3, 'Finance 60', 'FINANCE', 24500, 2000, 0, 0, 60, 5.9, 0.19, 299, 27073.50, 412.34)
            """, ids.Scenario, ids.Dealership, ids.Deal);
        await Sql.ExecuteAsync(c, "UPDATE deals SET active_scenario_id = $1 WHERE id = $2", ids.Scenario, ids.Deal);
        await Sql.ExecuteAsync(c, """
            INSERT INTO audit_log (dealership_id, user_id, action, entity_type, entity_id, metadata)
            VALUES ($1, $2, 'deal.created', 'deal', $3, '{}')
            """, ids.Dealership, ids.User, ids.Deal);
        await tx.CommitAsync();
        return ids;
    }
}
