using System.Diagnostics.Metrics;
using System.Text.Json;
using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Quotes;

/// <summary>
/// Quote saves through QuoteService against the real database: what is stored and read back, the figures (always the
/// server's, as QuoteCalculator computes them), the version check, validation that writes nothing, and the history.
/// </summary>
public sealed class QuoteSaveTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    static readonly QuoteTaxRules Northside = new(0.0725m, TradeInReducesTaxable: true);

    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_created_quote_reads_back_with_its_lines_and_the_figures_QuoteCalculator_computes_and_a_patch_saves_version_2()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north, cost: 26_500m);
        var service = scope.Get<QuoteService>();

        var created = await service.CreateAsync(deal.Deal.Id, QuoteData.FullFinance());
        var read = await scope.Get<QuoteQueries>().GetAsync(created.Id);

        var sent = QuoteData.FullFinance().ApplyTo(new QuoteInput());
        Assert.Equal((1L, QuoteState.Draft, "Finance 60", false), (created.Version, created.State, created.Name, created.IsActive));
        Assert.Equal(Now.AddDays(7), created.ExpiresAt);
        Assert.Equal(("Noah Bennett", north.Sales1Id, Now), (read.LastModifiedBy, read.LastModifiedById, read.LastModifiedAt));
        foreach (var view in new[] { created, read })
        {
            Assert.Equal(sent.Rebates, view.Input.Rebates);
            Assert.Equal(sent.TradeIns, view.Input.TradeIns);
            Assert.Equal(sent.Products, view.Input.Products);
            Assert.Equal(sent.Fees, view.Input.Fees);
            Assert.Equal((30_000m, 1_000m, 2_000m, 60, 6.9m, "USD"), (view.Input.Price, view.Input.Discount, view.Input.DownPayment,
                view.Input.TermMonths, view.Input.Apr, view.Input.Currency));
            Assert.Equal(QuoteCalculator.Compute(sent, Northside, vehicleCost: 26_500m), view.Figures);
        }
        Assert.Equal(2_500m, read.Figures.FrontGross); // 30,000 − 1,000 − 26,500
        Assert.Equal(6, await Db.ScalarAsync<long>("SELECT count(*) FROM quote_lines WHERE quote_id = $1", created.Id));
        var stored = await Db.ScalarAsync<string>(
            "SELECT concat_ws('|', taxable_amount, tax, amount_financed, monthly_payment, total_of_payments, total_cost, front_gross, trade_in_value, trade_in_payoff, fees) FROM pricing_scenarios WHERE id = $1",
            created.Id);
        var f = read.Figures;
        Assert.Equal(string.Join('|', new[] { f.TaxableAmount, f.Tax, f.AmountFinanced, f.MonthlyPayment!.Value, f.TotalOfPayments, f.TotalCost, f.FrontGross!.Value,
            12_000m, 9_000m, 749m }.Select(v => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))), stored);

        var saved = await service.SaveAsync(created.Id, new QuotePatch
        {
            DownPayment = 3_000m, Products = Optional.Of<IReadOnlyList<ProductLine>>([new ProductLine("Tire & wheel", 899m, true)]),
        }, expectedVersion: 1);

        var expected = sent with { DownPayment = 3_000m, Products = [new ProductLine("Tire & wheel", 899m, true)] };
        var reread = await scope.Get<QuoteQueries>().GetAsync(created.Id);
        Assert.Equal(2, saved.Version);
        Assert.Equal(2, reread.Version);
        Assert.Equal(QuoteCalculator.Compute(expected, Northside, 26_500m), saved.Figures);
        Assert.Equal(saved.Figures, reread.Figures);
        Assert.Equal(expected.Products, reread.Input.Products);
        Assert.Equal(expected.Rebates, reread.Input.Rebates);
        Assert.Equal(5, await Db.ScalarAsync<long>("SELECT count(*) FROM quote_lines WHERE quote_id = $1", created.Id));
        var history = await scope.Get<QuoteQueries>().HistoryAsync(created.Id);
        Assert.Equal([1L, 2L], history.Select(h => h.Version));
        Assert.Equal([QuoteHistoryAction.Created, QuoteHistoryAction.Edited], history.Select(h => h.Action));
        Assert.Equal(["downPayment", "products"], history[1].Changes.Keys);
        Assert.Equal((2_000m, 3_000m), (history[1].Changes["downPayment"].From!.Value.GetDecimal(), history[1].Changes["downPayment"].To!.Value.GetDecimal()));
        Assert.Equal("Tire & wheel", history[1].Changes["products"].To!.Value[0].GetProperty("name").GetString());
        Assert.Equal("Noah Bennett", history[1].UserName);
    }

    [Fact]
    public async Task A_deals_first_scenario_is_a_version_1_draft_quote_with_the_doc_fee_template_and_the_calculators_figures()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north, price: 28_000m);

        var quote = await scope.Get<QuoteQueries>().GetAsync(deal.Scenario.Id);

        Assert.Equal((1L, QuoteState.Draft, true, "USD"), (quote.Version, quote.State, quote.IsActive, quote.Currency));
        Assert.Equal([new FeeLine("Doc fee", 499m, false)], quote.Input.Fees);
        Assert.Null(quote.Figures.FrontGross); // the vehicle's cost is unknown
        Assert.Equal(QuoteCalculator.Compute(quote.Input, Northside), quote.Figures with { FrontGross = null });
        // The deal page's scenario columns agree with the quote (the deal API keeps showing them).
        Assert.Equal((deal.Scenario.AmountFinanced, deal.Scenario.MonthlyPayment), (quote.Figures.AmountFinanced, quote.Figures.MonthlyPayment!.Value));
        Assert.Equal(1, await QuoteData.HistoryCountAsync(Db, quote.Id));
        Assert.Contains(QuoteAction.Send, quote.AllowedActions);
        Assert.False(quote.CanDelete); // the active one
    }

    [Fact]
    public async Task A_save_based_on_an_older_version_is_QUOTE_CONFLICT_VERSION_naming_who_changed_what_and_writes_nothing()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var noah = host.Scope(north.DealershipId, north.Sales1Id);
        await using var ava = host.Scope(north.DealershipId, north.Sales2Id);
        var deal = await noah.NewDealAsync(Db, north);
        var id = deal.Scenario.Id;
        host.Clock.Now = Now.AddMinutes(3);
        await noah.Get<QuoteService>().SaveAsync(id, new QuotePatch { DownPayment = 1_500m, TermMonths = 72 }, 1);
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => ava.Get<QuoteService>().SaveAsync(id, new QuotePatch { Discount = 500m }, 1),
            ErrorCodes.QuoteConflictVersion, 409);

        Assert.True(error.Retryable);
        Assert.Equal(1L, DealKit.Detail(error, "expectedVersion"));
        Assert.Equal(2L, DealKit.Detail(error, "actualVersion"));
        Assert.Equal("Noah Bennett", DealKit.Detail(error, "modifiedBy"));
        Assert.Equal(Now.AddMinutes(3), DealKit.Detail(error, "modifiedAt"));
        Assert.Equal(["downPayment", "termMonths"], (string[])DealKit.Detail(error, "fields")!);
        await before.AssertUnchangedAsync(Db);

        // "Take theirs, re-apply mine": reload, apply the same patch to the new version.
        var theirs = await ava.Get<QuoteQueries>().GetAsync(id);
        var mine = await ava.Get<QuoteService>().SaveAsync(id, new QuotePatch { Discount = 500m }, theirs.Version);
        Assert.Equal((3L, 1_500m, 72, 500m), (mine.Version, mine.Input.DownPayment, mine.Input.TermMonths, mine.Input.Discount));
    }

    [Fact]
    public async Task Invalid_saves_are_typed_errors_listing_the_fields_and_write_nothing()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var id = deal.Scenario.Id;
        var service = scope.Get<QuoteService>();
        var before = await DbSnapshot.TakeAsync(Db);

        var fields = DealKit.Fields(await DealKit.FailsAsync(() => service.SaveAsync(id, new QuotePatch
        {
            Name = " ", Price = -1m, TermMonths = null, Rebates = Optional.Of<IReadOnlyList<RebateLine>>([new RebateLine("", 10.001m)]),
        }, 1), ErrorCodes.QuoteValidationFailed, 400));
        Assert.Equal(["name", "price", "rebates[0].amount", "rebates[0].name", "termMonths"], fields.Keys.Order(StringComparer.Ordinal));

        var currency = await DealKit.FailsAsync(() => service.SaveAsync(id, new QuotePatch { Currency = "EUR" }, 1), ErrorCodes.CurrencyInvalid, 400);
        Assert.Equal(["USD"], (string[])DealKit.Detail(currency, "allowed")!);

        await DealKit.FailsAsync(() => service.SaveAsync(id, new QuotePatch { DownPayment = 90_000m }, 1), ErrorCodes.PricingValidationFailed, 400);

        var totals = await DealKit.FailsAsync(() => service.SaveAsync(id, new QuotePatch
        {
            DownPayment = 1_000m, Expected = new QuoteTotals { MonthlyPayment = 1.23m },
        }, 1), ErrorCodes.ItemsInconsistent, 400);
        Assert.Contains("expected.monthlyPayment", DealKit.Fields(totals).Keys);

        await DealKit.FailsAsync(() => service.SaveAsync(id, new QuotePatch { ExpiresInDays = 91 }, 1), ErrorCodes.QuoteValidationFailed, 400);
        await DealKit.FailsAsync(() => service.CreateAsync(deal.Deal.Id, new QuotePatch { Kind = QuoteKind.Lease }), ErrorCodes.QuoteValidationFailed, 400);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Totals_the_client_sent_that_match_are_accepted_and_a_patch_that_changes_nothing_writes_no_version()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var quote = await scope.Get<QuoteQueries>().GetAsync(deal.Scenario.Id);
        var figures = QuoteCalculator.Compute(quote.Input with { DownPayment = 4_000m }, Northside);

        var saved = await service.SaveAsync(quote.Id, new QuotePatch
        {
            DownPayment = 4_000m, Expected = new QuoteTotals { MonthlyPayment = figures.MonthlyPayment, TotalCost = figures.TotalCost, Tax = figures.Tax },
        }, 1);
        var before = await DbSnapshot.TakeAsync(Db);
        var unchanged = await service.SaveAsync(quote.Id, new QuotePatch { DownPayment = 4_000m, Price = quote.Input.Price }, 2);

        Assert.Equal(2, saved.Version);
        Assert.Equal(figures.MonthlyPayment, saved.Figures.MonthlyPayment);
        Assert.Equal(2, unchanged.Version);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_lease_keeps_its_six_decimal_money_factor_and_reports_the_APR_equivalent()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north, price: 23_000m);

        var lease = await scope.Get<QuoteService>().CreateAsync(deal.Deal.Id, QuoteData.Lease());
        var read = await scope.Get<QuoteQueries>().GetAsync(lease.Id);

        Assert.Equal(0.001253m, read.Input.MoneyFactor);
        Assert.Equal(0.001253m, await Db.ScalarAsync<decimal>("SELECT money_factor FROM pricing_scenarios WHERE id = $1", lease.Id));
        Assert.Equal(0.001253m * 2400m, read.Figures.AprEquivalent);
        Assert.Equal(QuoteCalculator.Compute(read.Input, Northside), read.Figures);
        Assert.Equal(read.Figures.MonthlyPayment, await Db.ScalarAsync<decimal>("SELECT monthly_payment FROM pricing_scenarios WHERE id = $1", lease.Id));
    }

    [Fact]
    public async Task Every_save_is_measured_as_quote_save_with_its_outcome()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        using var durations = new DurationListener(host.Services.GetRequiredService<IMeterFactory>());
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();

        await service.SaveAsync(deal.Scenario.Id, new QuotePatch { DownPayment = 100m }, 1);
        await Assert.ThrowsAsync<DealDeskException>(() => service.SaveAsync(deal.Scenario.Id, new QuotePatch { DownPayment = 200m }, 1));
        await Assert.ThrowsAsync<DealDeskException>(() => service.SaveAsync(deal.Scenario.Id, new QuotePatch { Price = 0m }, 2));

        Assert.Equal(new Dictionary<string, int> { ["saved"] = 1, [ErrorCodes.QuoteConflictVersion] = 1, [ErrorCodes.QuoteValidationFailed] = 1 },
            durations.Outcomes(QuoteService.SaveOperation));
        Assert.All(durations.Durations(QuoteService.SaveOperation), ms => Assert.True(ms > 0));
    }

    [Fact]
    public async Task The_history_records_each_versions_changes_from_what_to_what()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales2Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var id = deal.Scenario.Id;

        await service.RenameAsync(id, "Best offer", 1);
        await service.SaveAsync(id, new QuotePatch { Kind = QuoteKind.Cash }, 2);
        await service.TransitionAsync(id, QuoteAction.Send, 3);

        var history = await scope.Get<QuoteQueries>().HistoryAsync(id);
        Assert.Equal(["created", "renamed", "edited", "sent"], history.Select(h => h.Action));
        Assert.Equal(("Scenario 1", "Best offer"), (history[1].Changes["name"].From!.Value.GetString(), history[1].Changes["name"].To!.Value.GetString()));
        Assert.Equal(("FINANCE", "CASH"), (history[2].Changes["kind"].From!.Value.GetString(), history[2].Changes["kind"].To!.Value.GetString()));
        Assert.Equal(("DRAFT", "SENT"), (history[3].Changes["state"].From!.Value.GetString(), history[3].Changes["state"].To!.Value.GetString()));
        Assert.All(history, h => Assert.Equal(("Ava Brooks", north.Sales2Id), (h.UserName, h.UserId)));
        Assert.Equal(JsonValueKind.Null, JsonSerializer.SerializeToElement(history[0].Changes["name"].From).ValueKind);
        Assert.Equal(4, await QuoteData.VersionAsync(Db, id));
    }
}
