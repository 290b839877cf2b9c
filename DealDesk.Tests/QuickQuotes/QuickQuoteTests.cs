using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.QuickQuotes;

/// <summary>Quick quotes: the payment they show, their input rules, and their one-time conversion into customer + deal.</summary>
public sealed class QuickQuoteTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<QuickQuoteView> QuoteAsync(QuickQuoteRequest request)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await scope.Get<QuickQuoteService>().CreateAsync(request);
    }

    async Task<DealResult> ConvertAsync(Guid quoteId)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales2Id);
        return await scope.Get<QuickQuoteService>().ConvertAsync(quoteId);
    }

    [Fact]
    public async Task A_quote_computes_the_monthly_payment_from_the_vehicle_and_the_dealerships_settings()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 29_990m);

        var quote = await QuoteAsync(new QuickQuoteRequest { VehicleId = vehicle.ToString(), DownPayment = 2_500m, TermMonths = 48, CustomerName = "  Jon   Snowden ", CustomerPhone = "(555) 300-4000" });

        Assert.Equal(29_990m, quote.Price);
        Assert.Equal(6.9m, quote.Apr); // Northside's default
        Assert.Equal(PaymentCalculator.Finance(29_990m, 2_500m, 0, 0, 0.0725m, 499m, 48, 6.9m).MonthlyPayment, quote.MonthlyPayment);
        Assert.True(quote.MonthlyPayment > 0);
        Assert.Equal(("Jon Snowden", QuickQuoteStatus.Open), (quote.CustomerName, quote.Status));
        Assert.Equal(1, await DealKit.CountAsync(Db,
            "SELECT count(*) FROM quick_quotes WHERE id = $1 AND monthly_payment = $2 AND status = 'OPEN' AND converted_deal_id IS NULL AND salesperson_id = $3",
            quote.Id, quote.MonthlyPayment, demo.North.Sales1Id));
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle)); // a quote reserves nothing
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'quick_quote.created'", quote.Id));
    }

    [Fact]
    public async Task A_quote_without_a_vehicle_uses_the_given_price_term_and_rate()
    {
        var quote = await QuoteAsync(new QuickQuoteRequest { Price = 20_000m, TermMonths = 36, Apr = 0m, CustomerName = "Ada Byron" });

        Assert.Null(quote.VehicleId);
        Assert.Equal(PaymentCalculator.Finance(20_000m, 0, 0, 0, 0.0725m, 499m, 36, 0m).MonthlyPayment, quote.MonthlyPayment);
        Assert.Equal(Math.Round((20_000m + 1_450m + 499m) / 36, 2, MidpointRounding.AwayFromZero), quote.MonthlyPayment);
    }

    [Theory]
    [InlineData("single-word name", "customerName")]
    [InlineData("blank name", "customerName")]
    [InlineData("bad phone", "customerPhone")]
    [InlineData("term 11", "termMonths")]
    [InlineData("term 97", "termMonths")]
    [InlineData("apr 30.1", "apr")]
    [InlineData("negative price", "price")]
    [InlineData("no price and no vehicle", "price")]
    [InlineData("malformed vehicle", "vehicleId")]
    public async Task An_invalid_quote_fails_validation_naming_the_field_and_writes_nothing(string invalid, string field)
    {
        var valid = new QuickQuoteRequest { Price = 25_000m, CustomerName = "Ada Byron", CustomerPhone = "(555) 100-2000", TermMonths = 60 };
        var request = invalid switch
        {
            "single-word name" => valid with { CustomerName = "Madonna" },
            "blank name" => valid with { CustomerName = "   " },
            "bad phone" => valid with { CustomerPhone = "555-100-20" },
            "term 11" => valid with { TermMonths = 11 },
            "term 97" => valid with { TermMonths = 97 },
            "apr 30.1" => valid with { Apr = 30.1m },
            "negative price" => valid with { Price = -5m },
            "no price and no vehicle" => valid with { Price = null },
            "malformed vehicle" => valid with { VehicleId = "car" },
            _ => throw new ArgumentOutOfRangeException(nameof(invalid)),
        };
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => QuoteAsync(request), ErrorCodes.ValidationFailed, 400);

        Assert.Equal([field], DealKit.Fields(error).Keys);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Converting_creates_the_customer_and_the_deal_and_marks_the_quote_converted()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 31_000m);
        var quote = await QuoteAsync(new QuickQuoteRequest { VehicleId = vehicle.ToString(), Price = 29_500m, DownPayment = 1_000m, TermMonths = 72, Apr = 5.5m, CustomerName = "Lena Marie Holt", CustomerPhone = "(555) 222-3333" });
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");

        var result = await ConvertAsync(quote.Id);

        Assert.Equal(customersBefore + 1, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));
        Assert.Equal(("Lena", "Marie Holt", "+15552223333"), (result.Customer.FirstName, result.Customer.LastName, result.Customer.Phone));
        Assert.Equal(vehicle, result.Deal.VehicleId);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
        Assert.Equal((29_500m, 1_000m, 72, 5.5m), (result.Scenario.Price, result.Scenario.DownPayment, result.Scenario.TermMonths, result.Scenario.Apr));
        Assert.Equal(quote.MonthlyPayment, result.Scenario.MonthlyPayment); // the deal shows the payment the customer was quoted
        Assert.Equal(demo.North.Sales2Id, result.Deal.SalespersonId);
        await using (var c = await Db.OpenSuperuserAsync())
        {
            var row = (await Sql.ListAsync(c, "SELECT status, converted_deal_id FROM quick_quotes WHERE id = $1", r => (r.GetString(0), r.GetGuid(1)), quote.Id)).Single();
            Assert.Equal((QuickQuoteStatus.Converted, result.Deal.Id), row);
        }
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'quick_quote.converted'", quote.Id));
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'deal.created'", result.Deal.Id));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Converting_twice_is_a_conflict_naming_the_existing_deal_and_writes_nothing()
    {
        var quote = await QuoteAsync(new QuickQuoteRequest { Price = 15_000m, CustomerName = "Twice Over" });
        var first = await ConvertAsync(quote.Id);
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => ConvertAsync(quote.Id), ErrorCodes.QuoteAlreadyConverted, 409);

        Assert.Equal(first.Deal.Id, DealKit.Detail(error, "dealId"));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Converting_when_the_vehicle_was_taken_meanwhile_is_a_conflict_and_the_quote_stays_open()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var quote = await QuoteAsync(new QuickQuoteRequest { VehicleId = vehicle.ToString(), CustomerName = "Too Late" });
        await using (var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id))
            await scope.Get<DealService>().CreateAsync(DealKit.Request((await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0], vehicle));
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => ConvertAsync(quote.Id), ErrorCodes.VehicleNotAvailable, 409);

        Assert.Equal(vehicle, DealKit.Detail(error, "vehicleId"));
        await before.AssertUnchangedAsync(Db); // no customer, no deal, no number, the quote untouched
        Assert.Equal(QuickQuoteStatus.Open, await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", quote.Id));
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE first_name = 'Too' AND last_name = 'Late'"));
    }

    [Fact]
    public async Task Quoting_a_vehicle_that_is_already_on_a_deal_is_a_conflict_and_writes_nothing()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        await using (var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id))
            await scope.Get<DealService>().CreateAsync(DealKit.Request((await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0], vehicle));
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => QuoteAsync(new QuickQuoteRequest { VehicleId = vehicle.ToString(), CustomerName = "Never Convertible" }),
            ErrorCodes.VehicleNotAvailable, 409);

        Assert.Equal(vehicle, DealKit.Detail(error, "vehicleId"));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Another_dealerships_quote_cannot_be_converted_and_an_unknown_one_is_not_found()
    {
        var demo = await Db.DemoAsync();
        QuickQuoteView southQuote;
        await using (var south = Db.CreateScope(demo.South.DealershipId, demo.South.Sales1Id))
            southQuote = await south.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { Price = 9_000m, CustomerName = "Sam South" });
        var before = await DbSnapshot.TakeAsync(Db);

        await DealKit.FailsAsync(() => ConvertAsync(southQuote.Id), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => ConvertAsync(Guid.NewGuid()), ErrorCodes.ResourceNotFound, 404);

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_name_too_long_for_the_customer_columns_is_refused_when_quoting_or_converts_cleanly()
    {
        // The quote accepts up to 160 characters in all; a customer's first and last name hold 80 each.
        // Either rule may give way, but a quote that was accepted must convert (not crash with 22001).
        var lastName = "Wolfeschlegelsteinhausenbergerdorff-" + new string('x', 50); // 86 characters
        QuickQuoteView quote;
        try
        {
            quote = await QuoteAsync(new QuickQuoteRequest { Price = 12_000m, CustomerName = "Hubert " + lastName });
        }
        catch (DealDeskException e) when (e.Error.Code == ErrorCodes.ValidationFailed)
        {
            Assert.Equal(["customerName"], DealKit.Fields(e.Error).Keys);
            return;
        }

        var result = await ConvertAsync(quote.Id);

        Assert.Equal(QuickQuoteStatus.Converted, await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", quote.Id));
        Assert.Equal("Hubert", result.Customer.FirstName);
        Assert.StartsWith("Wolfeschlegel", result.Customer.LastName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_API_converting_twice_answers_201_then_409_with_the_deal_id()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");

        var created = await ApiKit.PostAsync(client, "/api/quick-quotes",
            new { vehicleId = vehicle, downPayment = 1500, termMonths = 60, customerName = "Api Quoter", customerPhone = "(555) 808-9090" });
        Assert.True(created.Status == 201, created.ToString());
        var quoteId = created.Data.GetProperty("id").GetGuid();
        Assert.Equal($"/api/quick-quotes/{quoteId}", created.Response.Headers.Location?.OriginalString);
        Assert.True(created.Data.GetProperty("monthlyPayment").GetDecimal() > 0);

        var first = await ApiKit.PostAsync(client, $"/api/quick-quotes/{quoteId}/convert", null);
        Assert.True(first.Status == 201, first.ToString());
        Assert.True(first.Json.GetProperty("success").GetBoolean());
        var dealId = first.Data.GetProperty("deal").GetProperty("id").GetGuid();
        Assert.Equal("pending", first.Data.GetProperty("vehicle").GetProperty("status").GetString());
        Assert.Equal($"/api/deals/{dealId}", first.Response.Headers.Location?.OriginalString);

        var second = await ApiKit.PostAsync(client, $"/api/quick-quotes/{quoteId}/convert", null);
        ApiKit.AssertError(second, 409, ErrorCodes.QuoteAlreadyConverted);
        Assert.Equal(dealId, second.Json.GetProperty("details").GetProperty("dealId").GetGuid());
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1", vehicle));
    }

    [Fact]
    public async Task Through_the_API_an_invalid_quote_is_a_400_naming_the_fields()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "sales2@northside.test");

        var reply = await ApiKit.PostAsync(client, "/api/quick-quotes", new { price = 10000, termMonths = 11, customerName = "Cher", customerPhone = "12" });

        ApiKit.AssertError(reply, 400, ErrorCodes.ValidationFailed);
        var fields = reply.Json.GetProperty("details").GetProperty("fields");
        Assert.Equal(["customerName", "customerPhone", "termMonths"], fields.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
