using System.Text.Json;
using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;

namespace DealDesk.Tests.Quotes;

/// <summary>The quote JSON API through the real app (bearer tokens): shapes, status codes, the error contract, nothing written on bad input.</summary>
public sealed class QuoteApiTests(QuoteAppFixture fixture) : IClassFixture<QuoteAppFixture>
{
    static readonly QuoteTaxRules Northside = new(0.0725m);

    TestDatabase Db => fixture.Db;

    Task<HttpClient> ClientAsync(string email = "sales1@northside.test") => ApiKit.ClientAsync(fixture.App, email);

    static object FinanceBody(long? version = null) => new
    {
        version, name = "Finance 72", kind = "FINANCE", price = 31_000, discount = 500, downPayment = 3_000, termMonths = 72, apr = 5.9,
        rebates = new[] { new { name = "Loyalty", amount = 750 } },
        tradeIns = new[] { new { vin = "1HGCM82633A004352", year = 2019, make = "Honda", model = "Civic", allowance = 9_000, payoff = 4_000 } },
        products = new[] { new { name = "GAP", price = 795, taxable = false } },
        fees = new[] { new { name = "Doc fee", amount = 499, taxable = true } },
    };

    [Fact]
    public async Task Creating_a_quote_answers_201_with_the_saved_envelope_and_the_server_computed_figures()
    {
        using var client = await ClientAsync();
        var (deal, _) = await QuoteApi.NewDealAsync(client);

        var reply = await ApiKit.PostAsync(client, $"/api/deals/{deal}/quotes", FinanceBody());

        Assert.True(reply.Status == 201, reply.ToString());
        var json = reply.Json;
        Assert.Equal(["success", "quoteId", "version", "savedAt", "quote"], json.EnumerateObject().Select(p => p.Name));
        var id = json.GetProperty("quoteId").GetGuid();
        Assert.Equal($"/api/quotes/{id}", reply.Response.Headers.Location?.OriginalString);
        Assert.Equal(1, json.GetProperty("version").GetInt64());
        var quote = json.GetProperty("quote");
        Assert.Equal((id, deal, "Finance 72", "DRAFT", 1L), (quote.GetProperty("id").GetGuid(), quote.GetProperty("dealId").GetGuid(),
            quote.GetProperty("name").GetString(), quote.GetProperty("state").GetString(), quote.GetProperty("version").GetInt64()));
        var expected = QuoteCalculator.Compute(new QuoteInput
        {
            Kind = "FINANCE", Price = 31_000m, Discount = 500m, DownPayment = 3_000m, TermMonths = 72, Apr = 5.9m, Currency = "USD",
            Rebates = [new RebateLine("Loyalty", 750m)], TradeIns = [new TradeInLine("1HGCM82633A004352", 2019, "Honda", "Civic", 9_000m, 4_000m)],
            Products = [new ProductLine("GAP", 795m, false)], Fees = [new FeeLine("Doc fee", 499m, true)],
        }, Northside);
        Assert.Equal(expected.TaxableAmount, quote.GetProperty("taxableAmount").GetDecimal());
        Assert.Equal(expected.Tax, quote.GetProperty("tax").GetDecimal());
        Assert.Equal(expected.AmountFinanced, quote.GetProperty("amountFinanced").GetDecimal());
        Assert.Equal(expected.MonthlyPayment, quote.GetProperty("monthlyPayment").GetDecimal());
        Assert.Equal(expected.TotalOfPayments, quote.GetProperty("totalOfPayments").GetDecimal());
        Assert.Equal(expected.TotalCost, quote.GetProperty("totalCost").GetDecimal());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("frontGross").ValueKind);
        Assert.Equal("Noah Bennett", quote.GetProperty("lastModifiedBy").GetString());
        Assert.Equal(["edit", "send", "cancel"], quote.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(5_000m, quote.GetProperty("tradeIns")[0].GetProperty("equity").GetDecimal());
    }

    [Fact]
    public async Task Get_patch_and_get_again_round_trip_with_the_version_and_a_PATCH_sends_only_what_it_changes()
    {
        using var client = await ClientAsync();
        var (_, id) = await QuoteApi.NewDealAsync(client, price: 27_500m);

        var get = await ApiKit.GetAsync(client, $"/api/quotes/{id}");
        var patch = await QuoteApi.PatchAsync(client, id, new { version = 1, downPayment = 2_500, termMonths = 48 });
        var again = await ApiKit.GetAsync(client, $"/api/quotes/{id}");

        Assert.True(get.Status == 200, get.ToString());
        Assert.Equal(1, get.Data.GetProperty("version").GetInt64());
        Assert.True(patch.Status == 200, patch.ToString());
        Assert.True(patch.Json.GetProperty("success").GetBoolean());
        Assert.Equal(2, patch.Json.GetProperty("version").GetInt64());
        Assert.Equal(patch.Json.GetProperty("savedAt").GetDateTimeOffset(), again.Data.GetProperty("lastModifiedAt").GetDateTimeOffset());
        var data = again.Data;
        Assert.Equal((2L, 2_500m, 48, 27_500m), (data.GetProperty("version").GetInt64(), data.GetProperty("downPayment").GetDecimal(),
            data.GetProperty("termMonths").GetInt32(), data.GetProperty("price").GetDecimal()));
        var input = new QuoteInput { Kind = "FINANCE", Price = 27_500m, DownPayment = 2_500m, TermMonths = 48, Apr = 6.9m, Currency = "USD",
            Fees = [new FeeLine("Doc fee", 499m, false)] };
        Assert.Equal(QuoteCalculator.Compute(input, Northside).MonthlyPayment, data.GetProperty("monthlyPayment").GetDecimal());

        // The whole resource sent back (read-only fields included) with matching totals is a valid no-op save.
        var echo = await QuoteApi.RawAsync(client, HttpMethod.Patch, $"/api/quotes/{id}", again.Data.GetRawText());
        Assert.True(echo.Status == 200, echo.ToString());
        Assert.Equal(2, echo.Json.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_PATCH_without_a_version_is_QUOTE_VALIDATION_FAILED_and_writes_nothing()
    {
        using var client = await ClientAsync();
        var (_, id) = await QuoteApi.NewDealAsync(client);
        var before = await DbSnapshot.TakeAsync(Db);

        var reply = await QuoteApi.PatchAsync(client, id, new { downPayment = 1_000 });

        ApiKit.AssertError(reply, 400, ErrorCodes.QuoteValidationFailed);
        Assert.True(reply.Json.GetProperty("details").GetProperty("fields").TryGetProperty("version", out _));
        Assert.True(reply.Json.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_stale_PATCH_is_409_QUOTE_CONFLICT_VERSION_with_who_changed_which_fields()
    {
        using var noah = await ClientAsync();
        using var ava = await ClientAsync("sales2@northside.test");
        var (_, id) = await QuoteApi.NewDealAsync(noah);
        Assert.Equal(200, (await QuoteApi.PatchAsync(noah, id, new { version = 1, discount = 300 })).Status);

        var reply = await QuoteApi.PatchAsync(ava, id, new { version = 1, downPayment = 100 });

        ApiKit.AssertError(reply, 409, ErrorCodes.QuoteConflictVersion);
        Assert.True(reply.Json.GetProperty("retryable").GetBoolean());
        var details = reply.Json.GetProperty("details");
        Assert.Equal((1L, 2L, "Noah Bennett"), (details.GetProperty("expectedVersion").GetInt64(), details.GetProperty("actualVersion").GetInt64(),
            details.GetProperty("modifiedBy").GetString()));
        Assert.Equal(["discount"], details.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.NotEqual(default, details.GetProperty("modifiedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Malformed_or_mistyped_bodies_are_typed_400s_naming_the_fields_never_500s_and_write_nothing()
    {
        using var client = await ClientAsync();
        var (deal, id) = await QuoteApi.NewDealAsync(client);
        var before = await DbSnapshot.TakeAsync(Db);

        var truncated = await QuoteApi.RawAsync(client, HttpMethod.Patch, $"/api/quotes/{id}", "{\"version\": 1, \"price\": ");
        var notObject = await QuoteApi.RawAsync(client, HttpMethod.Patch, $"/api/quotes/{id}", "[1, 2]");
        var empty = await QuoteApi.RawAsync(client, HttpMethod.Patch, $"/api/quotes/{id}", "");
        var mistyped = await QuoteApi.RawAsync(client, HttpMethod.Patch, $"/api/quotes/{id}",
            """{"version": "one", "price": "30000", "termMonths": 60.5, "rebates": [{"name": "X", "amount": true}, 7], "prise": 1}""");
        var badCreate = await QuoteApi.RawAsync(client, HttpMethod.Post, $"/api/deals/{deal}/quotes", "{\"kind\": 3}");
        var badSend = await QuoteApi.RawAsync(client, HttpMethod.Post, $"/api/quotes/{id}/send", "{\"version\": -2}");

        foreach (var reply in new[] { truncated, notObject, empty, mistyped, badCreate, badSend })
            ApiKit.AssertError(reply, 400, ErrorCodes.QuoteValidationFailed);
        Assert.Equal(["price", "prise", "rebates[0].amount", "rebates[1]", "termMonths", "version"],
            mistyped.Json.GetProperty("details").GetProperty("fields").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(truncated.Json.GetProperty("details").GetProperty("fields").TryGetProperty("body", out _));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Validation_currency_and_totals_failures_have_their_own_codes()
    {
        using var client = await ClientAsync();
        var (_, id) = await QuoteApi.NewDealAsync(client);

        var invalid = await QuoteApi.PatchAsync(client, id, new { version = 1, termMonths = 7, apr = 45 });
        var currency = await QuoteApi.PatchAsync(client, id, new { version = 1, currency = "EUR" });
        var totals = await QuoteApi.PatchAsync(client, id, new { version = 1, downPayment = 1_000, monthlyPayment = 99.99 });
        var pricing = await QuoteApi.PatchAsync(client, id, new { version = 1, downPayment = 500_000 });

        ApiKit.AssertError(invalid, 400, ErrorCodes.QuoteValidationFailed);
        Assert.Equal(["apr", "termMonths"], invalid.Json.GetProperty("details").GetProperty("fields").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        ApiKit.AssertError(currency, 400, ErrorCodes.CurrencyInvalid);
        ApiKit.AssertError(totals, 400, ErrorCodes.ItemsInconsistent);
        Assert.Equal(99.99m, totals.Json.GetProperty("details").GetProperty("mismatches").GetProperty("expected.monthlyPayment").GetProperty("sent").GetDecimal());
        ApiKit.AssertError(pricing, 400, ErrorCodes.PricingValidationFailed);
        Assert.Equal(1, await QuoteData.VersionAsync(Db, id));
    }

    [Fact]
    public async Task Transitions_answer_200_illegal_ones_409_and_a_sent_quote_refuses_edits_with_QUOTE_ALREADY_SENT()
    {
        using var client = await ClientAsync();
        var (_, id) = await QuoteApi.NewDealAsync(client);

        var accept = await ApiKit.PostAsync(client, $"/api/quotes/{id}/accept", new { version = 1 });
        var send = await ApiKit.PostAsync(client, $"/api/quotes/{id}/send", new { version = 1 });
        var edit = await QuoteApi.PatchAsync(client, id, new { version = 2, discount = 100 });
        var reject = await ApiKit.PostAsync(client, $"/api/quotes/{id}/reject?version=2", null);
        var reopen = await ApiKit.PostAsync(client, $"/api/quotes/{id}/reopen", new { version = 3 });
        var cancel = await ApiKit.PostAsync(client, $"/api/quotes/{id}/cancel", new { version = 4 });
        var noVersion = await ApiKit.PostAsync(client, $"/api/quotes/{id}/send", null);

        ApiKit.AssertError(accept, 409, ErrorCodes.QuoteStateInvalid);
        Assert.Equal(["Edit", "Send", "Cancel"], accept.Json.GetProperty("details").GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal((200, "SENT", true), (send.Status, send.Json.GetProperty("quote").GetProperty("state").GetString(),
            send.Json.GetProperty("quote").GetProperty("isLocked").GetBoolean()));
        ApiKit.AssertError(edit, 409, ErrorCodes.QuoteAlreadySent);
        Assert.Equal((200, "REJECTED"), (reject.Status, reject.Json.GetProperty("quote").GetProperty("state").GetString()));
        Assert.Equal((200, "DRAFT"), (reopen.Status, reopen.Json.GetProperty("quote").GetProperty("state").GetString()));
        Assert.Equal((200, "CANCELLED", 5L), (cancel.Status, cancel.Json.GetProperty("quote").GetProperty("state").GetString(), cancel.Json.GetProperty("version").GetInt64()));
        ApiKit.AssertError(noVersion, 400, ErrorCodes.QuoteValidationFailed);
    }

    [Fact]
    public async Task Duplicate_activate_list_compare_and_delete_answer_with_their_documented_codes()
    {
        using var client = await ClientAsync("manager@northside.test");
        var (deal, first) = await QuoteApi.NewDealAsync(client);

        var duplicate = await ApiKit.PostAsync(client, $"/api/quotes/{first}/duplicate", null);
        var copy = duplicate.Json.GetProperty("quoteId").GetGuid();
        var deleteActive = await QuoteApi.DeleteAsync(client, first, 1);
        var activate = await ApiKit.PostAsync(client, $"/api/quotes/{copy}/activate", null);
        var list = await ApiKit.GetAsync(client, $"/api/deals/{deal}/quotes");
        var compare = await ApiKit.GetAsync(client, $"/api/quotes/compare?ids={first},{copy}");
        var compareOne = await ApiKit.GetAsync(client, $"/api/quotes/compare?ids={first}");
        var deleteNoVersion = await QuoteApi.DeleteAsync(client, first, null);
        var deleteStale = await QuoteApi.DeleteAsync(client, first, 7);
        var delete = await QuoteApi.DeleteAsync(client, first, 1);
        var gone = await ApiKit.GetAsync(client, $"/api/quotes/{first}");
        var dealDetails = await ApiKit.GetAsync(client, $"/api/deals/{deal}");

        Assert.True(duplicate.Status == 201, duplicate.ToString());
        Assert.Equal("Scenario 1 (copy)", duplicate.Json.GetProperty("quote").GetProperty("name").GetString());
        ApiKit.AssertError(deleteActive, 409, ErrorCodes.QuoteStateInvalid);
        Assert.True(activate.Json.GetProperty("quote").GetProperty("isActive").GetBoolean());
        Assert.Equal([first, copy], list.Data.EnumerateArray().Select(q => q.GetProperty("id").GetGuid()));
        Assert.Equal(200, compare.Status);
        Assert.Equal(2, compare.Data.GetProperty("quotes").GetArrayLength());
        Assert.Empty(compare.Data.GetProperty("differingFields").EnumerateArray());
        ApiKit.AssertError(compareOne, 400, ErrorCodes.QuoteValidationFailed);
        ApiKit.AssertError(deleteNoVersion, 400, ErrorCodes.QuoteValidationFailed);
        ApiKit.AssertError(deleteStale, 409, ErrorCodes.QuoteConflictVersion);
        Assert.Equal((200, true), (delete.Status, delete.Json.GetProperty("deleted").GetBoolean()));
        ApiKit.AssertError(gone, 404, ErrorCodes.ResourceNotFound);
        // The deal API keeps its scenario fields: the remaining quote is the deal's one scenario.
        var scenario = Assert.Single(dealDetails.Data.GetProperty("scenarios").EnumerateArray());
        Assert.Equal(copy, scenario.GetProperty("id").GetGuid());
        foreach (var field in new[] { "price", "downPayment", "tradeInValue", "tradeInPayoff", "termMonths", "apr", "taxRate", "fees", "amountFinanced", "monthlyPayment" })
            Assert.True(scenario.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task History_and_grid_answer_200_a_cash_grid_is_400_and_unknown_quotes_are_404_everywhere()
    {
        using var client = await ClientAsync();
        var (deal, id) = await QuoteApi.NewDealAsync(client);
        Assert.Equal(200, (await QuoteApi.PatchAsync(client, id, new { version = 1, downPayment = 2_000 })).Status);
        var cash = (await ApiKit.PostAsync(client, $"/api/deals/{deal}/quotes", new { kind = "CASH" })).Json.GetProperty("quoteId").GetGuid();

        var history = await ApiKit.GetAsync(client, $"/api/quotes/{id}/history");
        var grid = await ApiKit.GetAsync(client, $"/api/quotes/{id}/grid");
        var cashGrid = await ApiKit.GetAsync(client, $"/api/quotes/{cash}/grid");

        Assert.True(history.Status == 200 && grid.Status == 200, $"{history}\n{grid}");
        Assert.Equal(["created", "edited"], history.Data.EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        var change = history.Data[1].GetProperty("changes").GetProperty("downPayment");
        Assert.Equal((0m, 2_000m), (change.GetProperty("from").GetDecimal(), change.GetProperty("to").GetDecimal()));
        Assert.Equal([48, 60, 72], grid.Data.GetProperty("terms").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal([1_000m, 2_000m, 3_000m], grid.Data.GetProperty("downPayments").EnumerateArray().Select(t => t.GetDecimal()));
        ApiKit.AssertError(cashGrid, 400, ErrorCodes.PricingValidationFailed);

        var unknown = Guid.NewGuid();
        foreach (var reply in new[]
                 {
                     await ApiKit.GetAsync(client, $"/api/quotes/{unknown}"), await ApiKit.GetAsync(client, $"/api/quotes/{unknown}/history"),
                     await ApiKit.GetAsync(client, $"/api/quotes/{unknown}/grid"), await QuoteApi.PatchAsync(client, unknown, new { version = 1, discount = 1 }),
                     await ApiKit.PostAsync(client, $"/api/quotes/{unknown}/send", new { version = 1 }),
                     await ApiKit.PostAsync(client, $"/api/quotes/{unknown}/duplicate", null), await QuoteApi.DeleteAsync(client, unknown, 1),
                     await ApiKit.PostAsync(client, $"/api/deals/{unknown}/quotes", new { }), await ApiKit.GetAsync(client, $"/api/deals/{unknown}/quotes"),
                 })
            ApiKit.AssertError(reply, 404, ErrorCodes.ResourceNotFound);
    }

    [Fact]
    public async Task Without_credentials_the_quote_API_answers_401_in_the_JSON_contract()
    {
        using var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        ApiKit.AssertError(await ApiKit.GetAsync(anonymous, $"/api/quotes/{Guid.NewGuid()}"), 401, ErrorCodes.Unauthorized);
        ApiKit.AssertError(await QuoteApi.PatchAsync(anonymous, Guid.NewGuid(), new { version = 1 }), 401, ErrorCodes.Unauthorized);
    }
}
