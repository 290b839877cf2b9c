using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Shared;

namespace DealDesk.Tests.QuickQuotes;

/// <summary>
/// The quotes page (/quotes) and its form posts, as a signed-in salesperson of Northside: quoting with htmx
/// (the card re-rendered) and without JavaScript (303 to the saved quote, or the whole page with errors),
/// antiforgery, inline validation, and converting the quote into a deal once.
/// </summary>
public sealed class QuickQuotePageTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    // Northside Motors' settings (DemoData): 7.25 % sales tax, $499 doc fee, 6.9 % APR.
    const decimal NorthTaxRate = 0.0725m, NorthDocFee = 499m, NorthApr = 6.9m;

    HttpClient _client = null!;

    TestDatabase Db => fixture.Db;

    public async Task InitializeAsync() => _client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(DemoData.Dealerships[0], 1));

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Quotes_page_shows_the_quick_quote_form_with_the_dealerships_defaults_and_the_recent_quotes_table()
    {
        var response = await _client.GetAsync("/quotes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.StartsWith("Quotes", page.Title);
        Assert.Equal("Quotes", page.QuerySelector("h1")?.TextContent.Trim());
        var card = Required(page, "[data-testid=quick-quote-card]");
        Assert.Equal("Quick quote", card.QuerySelector("h2")?.TextContent.Trim());
        var form = Required(card, "form[data-testid=quick-quote-form]");
        Assert.Equal(("post", "/quotes/quick", "/quotes/quick"), (form.GetAttribute("method"), form.GetAttribute("action"), form.GetAttribute("hx-post")));
        Assert.NotEmpty(Html.AntiforgeryToken(form));
        Assert.Equal("60", Value(page, "termMonths"));
        Assert.Equal("6.9", Value(page, "apr")); // Northside's default rate
        Assert.True(Required(page, "[data-testid=no-vehicle] input[type=radio]").HasAttribute("checked"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=vehicle-option]"));
        Assert.Equal("Quote payment", Required(page, "[data-testid=quote-payment]").TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=quick-quote-payment]")); // nothing quoted yet
        Assert.Equal("Recent quick quotes", Required(page, "[data-testid=recent-quick-quotes] h2").TextContent.Trim());
        Assert.NotNull(page.QuerySelector("nav.navbar"));
    }

    [Fact]
    public async Task Quoting_via_htmx_saves_the_quote_and_answers_the_card_with_the_payment_and_the_inputs_kept()
    {
        var vehicleId = await DealKit.AddVehicleAsync(Db, (await Db.DemoAsync()).North.DealershipId, price: 31_250m);
        var name = UniqueName("Ada");

        var response = await PostQuoteAsync(new()
        {
            ["customerName"] = name, ["customerPhone"] = "(555) 300-4000", ["vehicleId"] = vehicleId.ToString(),
            ["downPayment"] = "2,500", ["termMonths"] = "48", ["apr"] = "6.9",
        }, htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await Html.ParseAsync(response);
        Assert.Null(fragment.QuerySelector("nav.navbar")); // the card, not a page
        var expected = PaymentCalculator.Finance(31_250m, 2_500m, 0, 0, NorthTaxRate, NorthDocFee, 48, NorthApr).MonthlyPayment;
        Assert.Equal(Format.Money(expected), Required(fragment, "[data-testid=quick-quote-payment]").TextContent.Trim());
        Assert.Equal(name, Value(fragment, "customerName"));
        Assert.Equal("(555) 300-4000", Value(fragment, "customerPhone"));
        Assert.Equal("2,500", Value(fragment, "downPayment"));
        Assert.Equal("48", Value(fragment, "termMonths"));
        Assert.True(Required(fragment, $"[data-testid=vehicle-option][data-vehicle-id='{vehicleId}'] input").HasAttribute("checked"));
        Assert.Empty(fragment.QuerySelectorAll("[data-testid=field-error]"));

        var quoteId = await Db.ScalarAsync<Guid>("SELECT id FROM quick_quotes WHERE customer_name = $1", name);
        Assert.Equal(expected, await Db.ScalarAsync<decimal>("SELECT monthly_payment FROM quick_quotes WHERE id = $1", quoteId));
        Assert.Equal($"/quotes?quote={quoteId}", HttpAssert.Header(response, "HX-Replace-Url"));
        var convert = Required(fragment, "[data-testid=convert-quote]").Closest("form")!;
        Assert.Equal($"/quotes/{quoteId}/convert", convert.GetAttribute("hx-post"));
        // The recent quotes come along out of band, the new one on top.
        var table = Required(fragment, "#recent-quick-quotes");
        Assert.Equal("true", table.GetAttribute("hx-swap-oob"));
        var row = Rows(fragment)[0];
        Assert.Equal(quoteId.ToString(), row.GetAttribute("data-quote-id"));
        Assert.Equal("OPEN", Required(row, "[data-testid=quick-quote-status]").TextContent.Trim());
        Assert.Contains("2025 Testa Model T Base", row.TextContent);
    }

    [Fact]
    public async Task Quoting_without_javascript_redirects_to_the_saved_quote_which_shows_the_payment_and_the_inputs()
    {
        var name = UniqueName("Grace");

        var response = await PostQuoteAsync(new()
        {
            ["customerName"] = name, ["vehicleId"] = "none", ["price"] = "$20,000", ["termMonths"] = "36", ["apr"] = "0",
        }, htmx: false);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var quoteId = await Db.ScalarAsync<Guid>("SELECT id FROM quick_quotes WHERE customer_name = $1", name);
        Assert.Equal($"/quotes?quote={quoteId}", response.Headers.Location?.OriginalString);

        var page = await Html.ParseAsync(await _client.GetAsync(response.Headers.Location));
        var expected = PaymentCalculator.Finance(20_000m, 0, 0, 0, NorthTaxRate, NorthDocFee, 36, 0m).MonthlyPayment;
        Assert.Equal(Format.Money(expected), Required(page, "[data-testid=quick-quote-payment]").TextContent.Trim());
        Assert.Equal((name, "20000", "36", "0"), (Value(page, "customerName"), Value(page, "price"), Value(page, "termMonths"), Value(page, "apr")));
        Assert.True(Required(page, "[data-testid=no-vehicle] input").HasAttribute("checked"));
        Assert.NotNull(page.QuerySelector("nav.navbar"));
        var row = Assert.Single(Rows(page), r => r.GetAttribute("data-quote-id") == quoteId.ToString());
        Assert.Contains("$20,000", row.TextContent);
    }

    [Fact]
    public async Task Quoting_without_an_antiforgery_token_is_rejected_and_saves_nothing()
    {
        var name = UniqueName("Mallory");

        var response = await _client.PostAsync("/quotes/quick", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["customerName"] = name, ["price"] = "25000",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM quick_quotes WHERE customer_name = $1", name));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Invalid_input_shows_each_error_next_to_its_field_keeps_the_input_and_saves_nothing(bool htmx)
    {
        var before = await DealKit.CountAsync(Db, "SELECT count(*) FROM quick_quotes");

        var response = await PostQuoteAsync(new()
        {
            ["customerName"] = "Madonna", ["customerPhone"] = "555-12", ["vehicleId"] = "none", ["price"] = "",
            ["downPayment"] = "lots", ["termMonths"] = "11", ["apr"] = "6.9",
        }, htmx);

        // htmx swaps only 2xx answers; a plain post gets the page with the real status.
        Assert.Equal(htmx ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
        var doc = await Html.ParseAsync(response);
        Assert.Equal(!htmx, doc.QuerySelector("nav.navbar") is not null);
        var errors = doc.QuerySelectorAll("[data-testid=field-error]").ToDictionary(e => e.GetAttribute("data-field")!, e => e.TextContent.Trim());
        Assert.Equal(["customerName", "customerPhone", "downPayment", "price", "termMonths"], errors.Keys.Order());
        Assert.Equal("Enter the customer's first and last name.", errors["customerName"]);
        Assert.Contains("(555) 123-4567", errors["customerPhone"]);
        Assert.Equal("Enter a price or pick a vehicle.", errors["price"]);
        Assert.Equal("Enter a down payment like 2500.", errors["downPayment"]);
        Assert.Equal("Term must be 12 to 96 months.", errors["termMonths"]);
        foreach (var field in errors.Keys)
        {
            // Next to its own input: in the same column, the input marked invalid and pointing at the message.
            var input = Required(doc, $"#{field}");
            Assert.Contains("is-invalid", input.ClassList);
            Assert.Contains($"{field}-error", input.GetAttribute("aria-describedby") ?? "");
            Assert.Same(input.Closest("[class*=col-]"), Required(doc, $"[data-field={field}]").Closest("[class*=col-]"));
        }
        Assert.Equal(("Madonna", "555-12", "lots", "11"), (Value(doc, "customerName"), Value(doc, "customerPhone"), Value(doc, "downPayment"), Value(doc, "termMonths")));
        Assert.Null(doc.QuerySelector("[data-testid=quick-quote-payment]"));
        Assert.Equal(before, await DealKit.CountAsync(Db, "SELECT count(*) FROM quick_quotes"));
    }

    [Fact]
    public async Task Quoting_a_vehicle_that_is_no_longer_available_says_so_in_the_picker_and_saves_nothing()
    {
        var demo = await Db.DemoAsync();
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, status: "pending");
        var name = UniqueName("Linus");

        var response = await PostQuoteAsync(new() { ["customerName"] = name, ["vehicleId"] = vehicleId.ToString() }, htmx: true);

        var fragment = await Html.ParseAsync(response);
        Assert.Contains("no longer available", Required(fragment, "[data-testid=vehicle-error]").TextContent);
        Assert.Null(fragment.QuerySelector($"[data-vehicle-id='{vehicleId}']"));
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM quick_quotes WHERE customer_name = $1", name));
    }

    [Fact]
    public async Task Converting_redirects_to_the_new_deal_and_converting_again_shows_the_already_converted_message_with_the_deal_link()
    {
        var demo = await Db.DemoAsync();
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 27_400m);
        var name = UniqueName("Rosa");
        var quoteId = await QuoteAsync(name, vehicleId);

        var converted = await PostConvertAsync(quoteId, htmx: true);

        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var dealId = await Db.ScalarAsync<Guid>("SELECT converted_deal_id FROM quick_quotes WHERE id = $1 AND status = 'CONVERTED'", quoteId);
        Assert.Equal($"/deals/{dealId}", HttpAssert.Header(converted, "HX-Redirect"));
        Assert.Equal(vehicleId, await Db.ScalarAsync<Guid>("SELECT vehicle_id FROM deals WHERE id = $1", dealId));
        Assert.Equal(name, await Db.ScalarAsync<string>(
            "SELECT c.first_name || ' ' || c.last_name FROM deals d JOIN customers c ON c.id = d.customer_id WHERE d.id = $1", dealId));

        var again = await PostConvertAsync(quoteId, htmx: true);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(HttpAssert.Header(again, "HX-Redirect"));
        var card = await Html.ParseAsync(again);
        var error = Required(card, "[data-testid=quote-error]");
        Assert.Contains("already converted", error.TextContent);
        Assert.Equal($"/deals/{dealId}", Required(error, "a").GetAttribute("href"));
        Assert.Null(card.QuerySelector("[data-testid=convert-quote]"));
        Assert.NotNull(card.QuerySelector("[data-testid=quick-quote-payment]"));
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1", vehicleId));

        // Without JavaScript: the whole page, with the 409 and the same link.
        var plain = await PostConvertAsync(quoteId, htmx: false);
        Assert.Equal(HttpStatusCode.Conflict, plain.StatusCode);
        var page = await Html.ParseAsync(plain);
        Assert.NotNull(page.QuerySelector("nav.navbar"));
        Assert.Equal($"/deals/{dealId}", Required(page, "[data-testid=quote-error] a").GetAttribute("href"));

        // The list says so too, linking the deal.
        var row = Assert.Single(Rows(await Html.ParseAsync(await _client.GetAsync("/quotes"))), r => r.GetAttribute("data-quote-id") == quoteId.ToString());
        Assert.Equal("CONVERTED", Required(row, "[data-testid=quick-quote-status]").TextContent.Trim());
        Assert.Equal($"/deals/{dealId}", Required(row, "[data-testid=quick-quote-deal-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task Converting_without_javascript_answers_303_to_the_deal()
    {
        var quoteId = await QuoteAsync(UniqueName("Edsger"), vehicleId: null);

        var response = await PostConvertAsync(quoteId, htmx: false);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var dealId = await Db.ScalarAsync<Guid>("SELECT converted_deal_id FROM quick_quotes WHERE id = $1", quoteId);
        Assert.Equal($"/deals/{dealId}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Converting_a_quote_whose_vehicle_was_taken_meanwhile_says_so_inline_and_creates_no_deal()
    {
        var demo = await Db.DemoAsync();
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var quoteId = await QuoteAsync(UniqueName("Barbara"), vehicleId);
        await Db.ExecuteAsync("UPDATE vehicles SET status = 'pending' WHERE id = $1", vehicleId); // another salesperson's deal took it

        var response = await PostConvertAsync(quoteId, htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await Html.ParseAsync(response);
        Assert.Contains("no longer available", Required(card, "[data-testid=quote-error]").TextContent);
        Assert.Contains("no longer available", Required(card, "[data-testid=vehicle-error]").TextContent);
        Assert.NotNull(card.QuerySelector("[data-testid=convert-quote]")); // still open: pick another car, quote again
        Assert.Equal("OPEN", await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", quoteId));
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1", vehicleId));
    }

    [Fact]
    public async Task Another_dealerships_quote_can_be_neither_opened_nor_converted()
    {
        var demo = await Db.DemoAsync();
        QuickQuoteView south;
        await using (var scope = Db.CreateScope(demo.South.DealershipId, demo.South.Sales1Id))
            south = await scope.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { CustomerName = "Southern Customer", Price = 18_000m });

        var opened = await Html.ParseAsync(await _client.GetAsync($"/quotes?quote={south.Id}"));
        var converted = await PostConvertAsync(south.Id, htmx: true);

        Assert.Contains("not found", Required(opened, "[data-testid=quote-notice]").TextContent);
        Assert.Null(opened.QuerySelector("[data-testid=quick-quote-payment]"));
        Assert.DoesNotContain(Rows(opened), r => r.GetAttribute("data-quote-id") == south.Id.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, converted.StatusCode);
        Assert.Equal("OPEN", await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", south.Id));
    }

    // ---- helpers ----

    static string UniqueName(string first) => $"{first} Tester{Guid.NewGuid().ToString("N")[..6]}";

    static IElement Required(IParentNode scope, string selector) =>
        scope.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"Nothing matches {selector}.");

    static string? Value(IParentNode scope, string inputId) => Required(scope, $"#{inputId}").GetAttribute("value");

    static List<IElement> Rows(IHtmlDocument doc) => [.. doc.QuerySelectorAll("[data-testid=quick-quote-row]")];

    /// <summary>The form's antiforgery token, read from the page as a browser would have it.</summary>
    async Task<string> TokenAsync()
    {
        var page = await _client.GetAsync("/quotes");
        page.EnsureSuccessStatusCode();
        return Html.AntiforgeryToken(await Html.ParseAsync(page));
    }

    async Task<HttpResponseMessage> PostQuoteAsync(Dictionary<string, string> fields, bool htmx)
    {
        fields["__RequestVerificationToken"] = await TokenAsync();
        return await PostAsync("/quotes/quick", fields, htmx);
    }

    async Task<HttpResponseMessage> PostConvertAsync(Guid quoteId, bool htmx) =>
        await PostAsync($"/quotes/{quoteId}/convert", new() { ["__RequestVerificationToken"] = await TokenAsync() }, htmx);

    async Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> fields, bool htmx)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await _client.SendAsync(request);
    }

    /// <summary>Quotes through the page (htmx) and returns the saved quote's id.</summary>
    async Task<Guid> QuoteAsync(string name, Guid? vehicleId)
    {
        var response = await PostQuoteAsync(new()
        {
            ["customerName"] = name, ["vehicleId"] = vehicleId?.ToString() ?? "none", ["price"] = vehicleId is null ? "22000" : "",
            ["termMonths"] = "60", ["apr"] = "6.9",
        }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("[data-testid=quick-quote-payment]"));
        return await Db.ScalarAsync<Guid>("SELECT id FROM quick_quotes WHERE customer_name = $1", name);
    }
}
