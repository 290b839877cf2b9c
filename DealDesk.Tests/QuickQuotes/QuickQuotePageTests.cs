using AngleSharp.Dom;
using Bunit;
using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using QuotesPage = DealDesk.Web.Components.Pages.Quotes.Quotes;

namespace DealDesk.Tests.QuickQuotes;

/// <summary>
/// The quick-quotes page (/quotes) on the real services and a real test database, as a Northside salesperson:
/// the payment follows the typing without saving anything, the validator's messages show at their fields,
/// saving stores the payment shown, and converting goes to the new deal (or says why not, where it was asked).
/// </summary>
public sealed class QuickQuotePageTests(DatabaseFixture fixture) : ComponentTest, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    // Northside Motors' settings (DemoData): 7.25 % sales tax, $499 doc fee, 6.9 % APR.
    const decimal NorthTaxRate = 0.0725m, NorthDocFee = 499m, NorthApr = 6.9m;

    /// <summary>The page reads the database before it shows the form; a busy machine takes its time.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    DemoTenants _demo = null!;
    IRenderedComponent<MudPopoverProvider> _popovers = null!;
    IRenderedComponent<MudDialogProvider> _dialogs = null!;

    TestDatabase Db => fixture.Db;
    NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        _demo = await Db.DemoAsync();
        Services.AddMetrics();
        Services.AddDealDeskData(new DatabaseTarget(Db.AppConnectionString, Db.OwnerConnectionString), new DatabaseSettings());
        Services.AddSingleton(Tenant); // the signed-in user's tenant, as the circuit sets it (AddDealDeskData registers a scoped one)
        Services.AddSingleton<ITenantContext>(Tenant);
        (Tenant.DealershipId, Tenant.UserId) = (_demo.North.DealershipId, _demo.North.Sales1Id);
        SetRendererInfo(new RendererInfo("Server", true));
        _popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    IRenderedComponent<QuotesPage> Open(string address = "/quotes")
    {
        Navigation.NavigateTo(address);
        var page = Render<QuotesPage>();
        page.WaitForElement("[data-testid=quick-quote-form]", Patience);
        return page;
    }

    static string Payment(IRenderedComponent<QuotesPage> page) => page.Find("[data-testid=quote-payment]").TextContent.Trim();

    static string? FieldError(IRenderedComponent<QuotesPage> page, string inputId) =>
        page.Find($"#{inputId}").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error, .mud-input-error .mud-input-helper-text")?.TextContent.Trim()
        ?? page.Find($"#{inputId}").Closest(".mud-input-control")?.QuerySelector(".mud-input-error")?.TextContent.Trim();

    static bool HasError(IRenderedComponent<QuotesPage> page, string inputId) =>
        page.Find($"#{inputId}").Closest(".mud-input-control")?.QuerySelector(".mud-input-error") is not null;

    static decimal NorthPayment(decimal price, decimal down = 0, decimal tradeIn = 0, int term = 60, decimal apr = NorthApr) =>
        PaymentCalculator.Finance(price, down, tradeIn, 0, NorthTaxRate, NorthDocFee, term, apr).MonthlyPayment;

    static string UniqueName(string first) => $"{first} Tester{Guid.NewGuid().ToString("N")[..6]}";

    Task<long> QuoteCountAsync() => DealKit.CountAsync(Db, "SELECT count(*) FROM quick_quotes");

    async Task<QuickQuoteView> QuoteAsync(QuickQuoteRequest request)
    {
        await using var scope = Db.CreateScope(_demo.North.DealershipId, _demo.North.Sales2Id);
        return await scope.Get<QuickQuoteService>().CreateAsync(request);
    }

    [Fact]
    public async Task A_new_quote_starts_with_the_dealerships_rate_sixty_months_and_no_payment_until_there_is_a_price()
    {
        var page = Open();

        Assert.Equal("6.9", page.Find("#apr").GetAttribute("value"));
        Assert.Equal("60", page.Find("#termMonths").GetAttribute("value"));
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=quote-payment]").GetAttribute("data-empty")), Patience);
        Assert.Contains("enter a price", page.Find("[data-testid=payment-hint]").TextContent);
        Assert.Empty(page.FindAll(".mud-input-error")); // nothing typed, nothing scolded
        Assert.Equal("Recent quick quotes", page.Find("[data-testid=recent-quick-quotes] h2").TextContent.Trim());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_payment_recalculates_on_every_number_typed_and_nothing_is_saved()
    {
        var before = await QuoteCountAsync();
        var page = Open();

        page.Find("#price").Input("20000");
        page.WaitForAssertion(() => Assert.Equal(Money.Format(NorthPayment(20_000m)), Payment(page)), Patience);
        page.Find("#downPayment").Input("2500");
        page.WaitForAssertion(() => Assert.Equal(Money.Format(NorthPayment(20_000m, down: 2_500m)), Payment(page)), Patience);
        page.Find("#tradeInValue").Input("4000");
        page.WaitForAssertion(() => Assert.Equal(Money.Format(NorthPayment(20_000m, down: 2_500m, tradeIn: 4_000m)), Payment(page)), Patience);
        page.Find("#termMonths").Input("48");
        page.Find("#apr").Input("3.9");

        var expected = NorthPayment(20_000m, down: 2_500m, tradeIn: 4_000m, term: 48, apr: 3.9m);
        page.WaitForAssertion(() => Assert.Equal(Money.Format(expected), Payment(page)), Patience);
        Assert.Equal(Money.Format(PaymentCalculator.Finance(20_000m, 2_500m, 4_000m, 0, NorthTaxRate, NorthDocFee, 48, 3.9m).AmountFinanced),
            page.Find("[data-testid=amount-financed]").TextContent.Trim());
        Assert.Equal(before, await QuoteCountAsync());
    }

    [Fact]
    public void A_field_says_what_is_wrong_as_soon_as_it_is_typed_and_the_payment_waits_for_a_valid_number()
    {
        var page = Open();

        page.Find("#customerName").Input("Madonna");
        page.Find("#price").Input("20000");
        page.Find("#termMonths").Input("11");

        page.WaitForAssertion(() => Assert.Equal("Enter the customer's first and last name.", FieldError(page, "customerName")), Patience);
        page.WaitForAssertion(() => Assert.Equal("Term must be 12 to 96 months.", FieldError(page, "termMonths")), Patience);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=quote-payment]").GetAttribute("data-empty")), Patience);

        page.Find("#termMonths").Input("72");
        page.WaitForAssertion(() => Assert.False(HasError(page, "termMonths")), Patience);
        page.WaitForAssertion(() => Assert.Equal(Money.Format(NorthPayment(20_000m, term: 72)), Payment(page)), Patience);
    }

    [Fact]
    public void A_down_payment_above_the_amount_due_is_a_field_error_and_no_payment_is_shown()
    {
        var page = Open();
        page.Find("#price").Input("10000");
        page.Find("#tradeInValue").Input("3000");

        page.Find("#downPayment").Input("20000");

        var due = PaymentCalculator.AmountDue(10_000m, 3_000m, 0, NorthTaxRate, NorthDocFee);
        page.WaitForAssertion(() => Assert.Equal(DownPaymentRule.Message(due), FieldError(page, "downPayment")), Patience);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=quote-payment]").GetAttribute("data-empty")), Patience);
    }

    [Fact]
    public async Task Saving_invalid_input_shows_every_field_error_focuses_the_first_and_saves_nothing()
    {
        var before = await DbSnapshot.TakeAsync(Db);
        var page = Open();
        page.Find("#customerPhone").Input("555-12");

        page.Find("[data-testid=save-quote]").Click();

        page.WaitForAssertion(() => Assert.Equal("Enter the customer's first and last name.", FieldError(page, "customerName")), Patience);
        page.WaitForAssertion(() => Assert.Equal(DealDesk.Data.Customers.Phones.InvalidMessage, FieldError(page, "customerPhone")), Patience);
        page.WaitForAssertion(() => Assert.Equal("Enter a price or pick a vehicle.", FieldError(page, "price")), Patience);
        page.WaitForAssertion(() => Assert.False(HasError(page, "termMonths")), Patience);
        page.WaitForAssertion(() => JSInterop.VerifyInvoke("dealdesk.focusFirstInvalid"));
        Assert.Empty(page.FindAll("[data-testid=saved-quote]"));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Saving_stores_the_payment_shown_lists_the_quote_on_top_and_offers_to_convert_it()
    {
        var name = UniqueName("Ada");
        var page = Open();
        page.Find("#customerName").Input(name);
        page.Find("#price").Input("24500");
        page.Find("#downPayment").Input("1500");
        var shown = Money.Format(NorthPayment(24_500m, down: 1_500m));
        page.WaitForAssertion(() => Assert.Equal(shown, Payment(page)), Patience);

        page.Find("[data-testid=save-quote]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=saved-quote]")), Patience);
        var stored = await Db.ScalarAsync<decimal>("SELECT monthly_payment FROM quick_quotes WHERE customer_name = $1", name);
        Assert.Equal(shown, Money.Format(stored));
        page.WaitForAssertion(() => Assert.Equal(name, page.FindAll("[data-testid=quick-quote-row]")[0].TextContent.Trim()), Patience);
        var top = page.FindAll("[data-testid=quick-quote-row]")[0];
        Assert.Equal(shown, top.Closest("tr")!.QuerySelector("[data-testid=quick-quote-row-payment]")!.TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=convert-saved-quote]"));
        Assert.Empty(page.FindAll("[data-testid=save-quote]"));
        var quoteId = await Db.ScalarAsync<Guid>("SELECT id FROM quick_quotes WHERE customer_name = $1", name);
        Assert.Equal($"http://localhost/quotes?quote={quoteId}", Navigation.Uri); // a reload shows this quote again

        page.Find("#downPayment").Input("2000"); // a change: the saved quote no longer says what the form says

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=saved-quote]")), Patience);
        Assert.NotNull(page.Find("[data-testid=save-quote]"));
    }

    [Fact]
    public async Task Picking_a_vehicle_prices_the_quote_with_it_and_a_car_taken_before_saving_is_refused_at_the_picker()
    {
        var vehicleId = await DealKit.AddVehicleAsync(Db, _demo.North.DealershipId, price: 27_400m);
        var stock = await Db.ScalarAsync<string>("SELECT stock_number FROM vehicles WHERE id = $1", vehicleId);
        var name = UniqueName("Linus");
        var page = Open();
        page.Find("#customerName").Input(name);

        page.Find("#vehicle").Input(stock);
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll($"[data-testid=vehicle-option][data-vehicle-id='{vehicleId}']")), Patience);
        var option = _popovers.Find($"[data-testid=vehicle-option][data-vehicle-id='{vehicleId}']");
        (option.Closest(".mud-list-item") ?? option).Click();

        page.WaitForAssertion(() => Assert.Equal(Money.Format(NorthPayment(27_400m)), Payment(page)), Patience);

        await Db.ExecuteAsync("UPDATE vehicles SET status = 'pending' WHERE id = $1", vehicleId); // another salesperson's deal took it
        page.Find("[data-testid=save-quote]").Click();

        page.WaitForAssertion(() => Assert.Contains("no longer available", FieldError(page, "vehicle")), Patience);
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=quote-payment]").GetAttribute("data-empty")), Patience);
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM quick_quotes WHERE customer_name = $1", name));
    }

    [Fact]
    public async Task Converting_a_listed_quote_goes_to_the_new_deal()
    {
        var quote = await QuoteAsync(new QuickQuoteRequest { CustomerName = UniqueName("Rosa"), Price = 21_000m });
        var page = Open();

        ConvertButton(page, quote.Id).Click();

        var dealId = await WaitForDealAsync(page, quote.Id);
        Assert.Equal($"http://localhost/deals/{dealId}", Navigation.Uri);
    }

    [Fact]
    public async Task Converting_a_quote_converted_meanwhile_says_so_with_a_link_to_that_deal_and_creates_no_other()
    {
        var quote = await QuoteAsync(new QuickQuoteRequest { CustomerName = UniqueName("Twice"), Price = 18_000m });
        var page = Open($"/quotes?quote={quote.Id}");
        DealResult first;
        await using (var scope = Db.CreateScope(_demo.North.DealershipId, _demo.North.Sales2Id))
            first = await scope.Get<QuickQuoteService>().ConvertAsync(quote.Id); // a colleague was quicker
        var deals = await DealKit.CountAsync(Db, "SELECT count(*) FROM deals");

        page.Find("[data-testid=convert-saved-quote]").Click();

        page.WaitForAssertion(() => Assert.Equal(ErrorCodes.QuoteAlreadyConverted, page.Find("[data-testid=convert-error]").GetAttribute("data-error-code")),
            Patience);
        Assert.Contains("already converted", page.Find("[data-testid=convert-error-message]").TextContent);
        Assert.Equal($"/deals/{first.Deal.Id}", page.Find("[data-testid=existing-deal-link]").GetAttribute("href"));
        Assert.Equal("http://localhost/quotes?quote=" + quote.Id, Navigation.Uri);
        Assert.Equal(deals, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals"));
        IElement Row() => page.FindAll("[data-testid=quick-quote-row]").Single(r => r.GetAttribute("data-quote-id") == quote.Id.ToString()).Closest("tr")!;
        page.WaitForAssertion(() => Assert.Equal("Converted", Row().QuerySelector("[data-testid=quick-quote-status]")!.TextContent.Trim()), Patience);
        Assert.Equal($"/deals/{first.Deal.Id}", Row().QuerySelector("[data-testid=quick-quote-deal-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_quote_whose_phone_an_existing_customer_has_offers_that_customer_and_the_deal_goes_to_them()
    {
        var customerId = (await DealKit.CustomersAsync(Db, _demo.North.DealershipId))[0];
        var phone = await Db.ScalarAsync<string>("SELECT phone FROM customers WHERE id = $1", customerId);
        var quote = await QuoteAsync(new QuickQuoteRequest { CustomerName = UniqueName("Returning"), CustomerPhone = phone, Price = 19_000m });
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");
        var page = Open();

        ConvertButton(page, quote.Id).Click();

        _dialogs.WaitForElement("[data-testid=existing-customer-dialog]", Patience);
        var option = _dialogs.Find($"[data-testid=existing-customer-option][data-customer-id='{customerId}']");
        Assert.Contains("Use existing customer", option.TextContent);
        Assert.NotNull(_dialogs.Find("[data-testid=new-customer-option]"));
        _dialogs.Find("[data-testid=confirm-convert]").Click();

        var dealId = await WaitForDealAsync(page, quote.Id);
        Assert.Equal(customerId, await Db.ScalarAsync<Guid>("SELECT customer_id FROM deals WHERE id = $1", dealId));
        Assert.Equal(customersBefore, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task Choosing_create_new_converts_onto_a_new_customer_even_when_the_phone_matches()
    {
        var customerId = (await DealKit.CustomersAsync(Db, _demo.North.DealershipId))[1];
        var phone = await Db.ScalarAsync<string>("SELECT phone FROM customers WHERE id = $1", customerId);
        var name = UniqueName("Namesake");
        var quote = await QuoteAsync(new QuickQuoteRequest { CustomerName = name, CustomerPhone = phone, Price = 17_500m });
        var page = Open();

        ConvertButton(page, quote.Id).Click();
        _dialogs.WaitForElement("[data-testid=new-customer-option]", Patience);
        _dialogs.Find("[data-testid=new-customer-option]").Closest("label")!.QuerySelector("input")!.Click();
        _dialogs.Find("[data-testid=confirm-convert]").Click();

        var dealId = await WaitForDealAsync(page, quote.Id);
        var dealCustomer = await Db.ScalarAsync<Guid>("SELECT customer_id FROM deals WHERE id = $1", dealId);
        Assert.NotEqual(customerId, dealCustomer);
        Assert.Equal(name, await Db.ScalarAsync<string>("SELECT first_name || ' ' || last_name FROM customers WHERE id = $1", dealCustomer));
    }

    [Fact]
    public async Task Cancelling_the_existing_customer_question_converts_nothing()
    {
        var customerId = (await DealKit.CustomersAsync(Db, _demo.North.DealershipId))[2];
        var phone = await Db.ScalarAsync<string>("SELECT phone FROM customers WHERE id = $1", customerId);
        var quote = await QuoteAsync(new QuickQuoteRequest { CustomerName = UniqueName("Undecided"), CustomerPhone = phone, Price = 16_000m });
        var page = Open();

        ConvertButton(page, quote.Id).Click();
        _dialogs.WaitForElement("[data-testid=cancel-convert]", Patience).Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=existing-customer-dialog]")), Patience);
        Assert.Equal("OPEN", await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", quote.Id));
        Assert.Equal("http://localhost/quotes", Navigation.Uri);
        page.WaitForAssertion(() => Assert.False(ConvertButton(page, quote.Id).HasAttribute("disabled")), Patience); // and it can be asked again
    }

    [Fact]
    public async Task Converting_a_quote_whose_car_was_taken_meanwhile_says_so_at_the_list_and_the_quote_stays_open()
    {
        var vehicleId = await DealKit.AddVehicleAsync(Db, _demo.North.DealershipId);
        var quote = await QuoteAsync(new QuickQuoteRequest { CustomerName = UniqueName("Barbara"), VehicleId = vehicleId.ToString() });
        await Db.ExecuteAsync("UPDATE vehicles SET status = 'pending' WHERE id = $1", vehicleId); // another salesperson's deal took it
        var page = Open();

        ConvertButton(page, quote.Id).Click();

        page.WaitForAssertion(() => Assert.Equal(ErrorCodes.VehicleNotAvailable, page.Find("[data-testid=convert-error]").GetAttribute("data-error-code")), Patience);
        Assert.Empty(page.FindAll("[data-testid=existing-deal-link]"));
        Assert.Equal("http://localhost/quotes", Navigation.Uri);
        Assert.Equal("OPEN", await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", quote.Id));
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE vehicle_id = $1", vehicleId));
    }

    [Fact]
    public async Task Another_dealerships_quote_opens_as_not_found_with_a_fresh_form_and_is_not_listed()
    {
        QuickQuoteView south;
        await using (var scope = Db.CreateScope(_demo.South.DealershipId, _demo.South.Sales1Id))
            south = await scope.Get<QuickQuoteService>().CreateAsync(new QuickQuoteRequest { CustomerName = "Southern Customer", Price = 18_000m });

        var page = Open($"/quotes?quote={south.Id}");

        Assert.Contains(page.Find("[data-testid=error-alert]").GetAttribute("data-error-code"), new[] { ErrorCodes.ResourceNotFound, ErrorCodes.MultiTenantViolation });
        Assert.Empty(page.FindAll("[data-testid=saved-quote]"));
        Assert.Null(page.Find("#customerName").GetAttribute("value"));
        Assert.DoesNotContain(page.FindAll("[data-testid=quick-quote-row]"), r => r.GetAttribute("data-quote-id") == south.Id.ToString());
        Assert.Equal("OPEN", await Db.ScalarAsync<string>("SELECT status FROM quick_quotes WHERE id = $1", south.Id));
    }

    [Fact]
    public async Task Customer_text_is_encoded_not_injected()
    {
        var name = "<img src=x onerror=alert(1)> " + UniqueName("Html");
        await QuoteAsync(new QuickQuoteRequest { CustomerName = name, Price = 15_000m });

        var page = Open();

        Assert.Contains(page.FindAll("[data-testid=quick-quote-row]"), r => r.TextContent.Trim() == name);
        Assert.Empty(page.FindAll("img"));
    }

    static IElement ConvertButton(IRenderedComponent<QuotesPage> page, Guid quoteId) =>
        page.FindAll("[data-testid=quick-quote-row]").Single(r => r.GetAttribute("data-quote-id") == quoteId.ToString())
            .Closest("tr")!.QuerySelector("[data-testid=convert-quote]")!;

    async Task<Guid> WaitForDealAsync(IRenderedComponent<QuotesPage> page, Guid quoteId)
    {
        page.WaitForAssertion(() => Assert.Contains("/deals/", Navigation.Uri), Patience);
        return await Db.ScalarAsync<Guid>("SELECT converted_deal_id FROM quick_quotes WHERE id = $1 AND status = 'CONVERTED'", quoteId);
    }
}
