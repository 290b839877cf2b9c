using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Data.Pricing;
using DealDesk.Data.Quotes;
using DealDesk.Data.Seeding;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Tests.Quotes;

/// <summary>
/// The QuoteEditor migration on a database that already has deals: every dealership gets the editor's settings (its doc
/// fee as the first fee template), every scenario becomes a version-1 DRAFT quote whose lines reproduce its old figures.
/// </summary>
public sealed class QuoteMigrationTests : IAsyncLifetime
{
    const string BeforeQuotes = "20261201015505_Baseline";

    EmbeddedPostgres _cluster = null!;
    readonly string _name = "quotemig_" + Guid.NewGuid().ToString("N")[..16];

    string OwnerConnectionString => _cluster.ConnectionStringFor(_name, _cluster.OwnerRole);
    string AppConnectionString => _cluster.ConnectionStringFor(_name, _cluster.AppRole);

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.GetAsync();
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
    public async Task Existing_dealerships_and_scenarios_become_quote_settings_and_version_1_quotes_with_the_same_figures()
    {
        await using (var legacy = DatabaseMigrator.CreateContext(OwnerConnectionString))
            await legacy.GetService<IMigrator>().MigrateAsync(BeforeQuotes);
        var (price, down, tradeValue, tradePayoff, taxRate, docFee, term, apr) = (24_500m, 2_000m, 6_000m, 2_500m, 0.19m, 299m, 60, 5.9m);
        var old = PaymentCalculator.Finance(price, down, tradeValue, tradePayoff, taxRate, docFee, term, apr);
        var ids = await InsertLegacyAsync(price, down, tradeValue, tradePayoff, taxRate, docFee, term, apr, old);

        await DatabaseMigrator.MigrateAsync(OwnerConnectionString);

        await using var c = await TestDatabase.OpenAsync(OwnerConnectionString);
        Assert.Equal("""[{"name": "Doc fee", "amount": 299.00, "taxable": false}]""",
            await Sql.ScalarAsync<string>(c, "SELECT fee_templates::text FROM dealerships WHERE id = $1", ids.Dealership));
        Assert.Equal("{USD}|true|1000.00", await Sql.ScalarAsync<string>(c,
            "SELECT allowed_currencies::text || '|' || trade_in_reduces_taxable || '|' || down_payment_step FROM dealerships WHERE id = $1", ids.Dealership));
        Assert.Equal("1|DRAFT|USD|true", await Sql.ScalarAsync<string>(c,
            "SELECT version || '|' || state || '|' || currency || '|' || (expires_at = created_at + interval '7 days' AND last_modified_by = $2) FROM pricing_scenarios WHERE id = $1",
            ids.Scenario, ids.User));
        Assert.Equal("FEE Doc fee 299.00 false;TRADE_IN  6000.00 2500.00", await Sql.ScalarAsync<string>(c,
            "SELECT string_agg(concat_ws(' ', kind, coalesce(name, ''), amount, CASE WHEN kind = 'FEE' THEN taxable::text END, payoff), ';' ORDER BY kind) FROM quote_lines WHERE quote_id = $1",
            ids.Scenario));
        Assert.Equal("1 created", await Sql.ScalarAsync<string>(c, "SELECT version || ' ' || action FROM quote_history WHERE quote_id = $1", ids.Scenario));

        // Read as the app: the quote's figures, recomputed from its lines, are the ones the old scenario stored.
        var services = new ServiceCollection().AddLogging().AddDealDeskData(new DatabaseTarget(AppConnectionString, OwnerConnectionString), new DatabaseSettings());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        (tenant.DealershipId, tenant.UserId) = (ids.Dealership, ids.User);
        var quote = await scope.ServiceProvider.GetRequiredService<QuoteQueries>().GetAsync(ids.Scenario);

        Assert.Equal((old.AmountFinanced, old.MonthlyPayment, old.Tax), (quote.Figures.AmountFinanced, quote.Figures.MonthlyPayment!.Value, quote.Figures.Tax));
        Assert.Equal(old.Tax, await Sql.ScalarAsync<decimal>(c, "SELECT tax FROM pricing_scenarios WHERE id = $1", ids.Scenario));
        Assert.Equal(("Sam Seller", 1L), (quote.LastModifiedBy, quote.Version));
    }

    sealed record Ids(Guid Dealership, Guid User, Guid Customer, Guid Deal, Guid Scenario);

    async Task<Ids> InsertLegacyAsync(decimal price, decimal down, decimal tradeValue, decimal tradePayoff, decimal taxRate, decimal docFee, int term,
        decimal apr, FinanceFigures figures)
    {
        var ids = new Ids(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var c = await TestDatabase.OpenAsync(OwnerConnectionString);
        await using var tx = await c.BeginTransactionAsync();
        await Sql.ExecuteAsync(c, "INSERT INTO dealerships (id, name, time_zone, default_tax_rate, doc_fee, default_apr) VALUES ($1, 'Legacy Cars', 'UTC', $2, $3, $4)",
            ids.Dealership, taxRate, docFee, apr);
        await Sql.ExecuteAsync(c, """
            INSERT INTO users (id, dealership_id, display_name, user_name, normalized_user_name, email, normalized_email,
                               email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ($1, $2, 'Sam Seller', 'sam@legacy.test', 'SAM@LEGACY.TEST', 'sam@legacy.test', 'SAM@LEGACY.TEST', true, false, false, true, 0)
            """, ids.User, ids.Dealership);
        await Sql.ExecuteAsync(c, "INSERT INTO customers (id, dealership_id, first_name, last_name) VALUES ($1, $2, 'Ada', 'Lovelace')", ids.Customer, ids.Dealership);
        await Sql.ExecuteAsync(c, """
            INSERT INTO deals (id, dealership_id, deal_number, customer_id, salesperson_id, state, created_by)
            VALUES ($1, $2, 'LG-20261121-0001', $3, $4, 'DRAFT', $4)
            """, ids.Deal, ids.Dealership, ids.Customer, ids.User);
        await Sql.ExecuteAsync(c, """
            INSERT INTO pricing_scenarios (id, dealership_id, deal_id, name, kind, price, down_payment, trade_in_value, trade_in_payoff,
                                           term_months, apr, tax_rate, fees, amount_financed, monthly_payment)
            VALUES ($1, $2, $3, 'Scenario 1', 'FINANCE', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, ids.Scenario, ids.Dealership, ids.Deal, price, down, tradeValue, tradePayoff, term, apr, taxRate, docFee,
            figures.AmountFinanced, figures.MonthlyPayment);
        await Sql.ExecuteAsync(c, "UPDATE deals SET active_scenario_id = $1 WHERE id = $2", ids.Scenario, ids.Deal);
        await tx.CommitAsync();
        return ids;
    }
}
