using Bunit;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Data.Quotes;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Editor;
using DealDesk.Web.Components.Pages.Deals;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealDesk.Tests.Deals;

/// <summary>
/// The deal page shows the deal as the service reads it, offers only the actions its state allows, asks before
/// the irreversible ones, and shows a typed failure next to the action that had it.
/// </summary>
public sealed class DealPageTests : ComponentTest
{
    /// <summary>The picker searches after a debounce timer; on a busy machine that takes longer than bUnit's default wait.</summary>
    private static readonly TimeSpan Debounced = TimeSpan.FromSeconds(5);

    private readonly FakeDealQueries _queries = new();
    private readonly FakeDealActions _actions;
    private readonly FakeInventoryQueries _inventory = new();
    private readonly FakeQuoteDesk _quotes = new(); // empty unless a test gives the deal its quotes
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public DealPageTests()
    {
        _actions = new FakeDealActions(_queries);
        Services.AddSingleton<IDealQueries>(_queries);
        Services.AddSingleton<IDealActions>(_actions);
        Services.AddSingleton<IInventoryQueries>(_inventory);
        Services.AddSingleton<ICustomerQueries>(new FakeCustomerQueries());
        Services.AddSingleton<ICurrentDealership>(new FakeCurrentDealership(DealershipId)); // America/Chicago
        Services.AddScoped<DealershipClock>();
        Services.AddSingleton<DealDesk.Web.Components.Pages.Deals.Quotes.IQuoteDesk>(_quotes);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // the live circuit, which subscribes to changes
        _popovers = Render<MudPopoverProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private IRenderedComponent<DealPage> RenderDeal(DealDetails deal)
    {
        _queries.Details = deal;
        var cut = Render<DealPage>(p => p.Add(x => x.Id, deal.Deal.Id));
        cut.WaitForElement("[data-testid=deal-number]");
        return cut;
    }

    /// <summary>
    /// The deal's quotes as the quote desk lists them: an older one first, then the deal's active scenario (same id and
    /// name). The sample scenario's payment is made the quote's, as both read the same row in the app.
    /// </summary>
    private (DealDetails Deal, QuoteView Active) WithQuotes(DealDetails deal, Func<QuoteView, QuoteView>? shape = null)
    {
        var scenario = deal.Scenarios.Single();
        var active = QuoteSamples.Finance(deal.Deal.Id, scenario.Name) with { Id = scenario.Id };
        active = shape?.Invoke(active) ?? active;
        var older = QuoteSamples.Finance(deal.Deal.Id, "Cash offer", active: false) with { CreatedAt = active.CreatedAt.AddMinutes(-1) };
        _quotes.Quotes[older.Id] = older;
        _quotes.Quotes[active.Id] = active;
        var payment = scenario.MonthlyPayment is null ? null : active.Figures.MonthlyPayment;
        return (deal with { Scenarios = [scenario with { MonthlyPayment = payment }] }, active);
    }

    /// <summary>The quote tab that is open: the editor shows that quote.</summary>
    private static void AssertOpenQuote(IRenderedComponent<DealPage> cut, QuoteView quote)
    {
        var tab = cut.Find("[data-testid=quote-tabs] .mud-tab.mud-tab-active");
        Assert.Contains(quote.Name, tab.TextContent);
        Assert.NotNull(tab.QuerySelector("svg")); // the star of the deal's active quote
        Assert.Equal(quote.Id.ToString(), cut.Find("[data-testid=quote-editor]").GetAttribute("data-quote-id"));
    }

    private void Answer(string button) => _dialogs.WaitForElement($"[data-testid={button}]").Click();

    [Fact]
    public void The_page_shows_the_number_state_customer_vehicle_salesperson_active_quote_and_history()
    {
        var (deal, active) = WithQuotes(DealSamples.Draft());
        var monthly = Money.Format(active.Figures.MonthlyPayment!.Value);

        var cut = RenderDeal(deal);

        Assert.Equal("2026-0314-0007", cut.Find("[data-testid=deal-number]").TextContent);
        Assert.Equal("Draft", cut.Find("[data-testid=deal-state]").TextContent.Trim());
        Assert.Equal("Rosa Okafor", cut.Find("[data-testid=deal-customer]").TextContent);
        Assert.Contains("(555) 410-2233", cut.Find("[data-testid=deal-customer-phone]").TextContent);
        Assert.Equal("tel:+15554102233", cut.Find("[data-testid=deal-customer-phone] a").GetAttribute("href"));
        Assert.Equal("2023 Chevrolet Equinox Premier", cut.Find("[data-testid=deal-vehicle]").TextContent);
        Assert.Equal(deal.Vehicle!.Id.ToString(), cut.Find("[data-testid=deal-vehicle]").GetAttribute("data-vehicle-id"));
        Assert.Equal("N1022", cut.Find("[data-testid=deal-stock-number]").TextContent);
        Assert.Equal("Noah Bennett", cut.Find("[data-testid=deal-salesperson]").TextContent);
        // The active scenario opens in the quote tabs (not merely the first tab), with its payment and figures.
        cut.WaitForElement("[data-testid=quote-editor]");
        AssertOpenQuote(cut, active);
        Assert.Equal(2, cut.FindAll("[data-testid=quote-tabs] .mud-tab").Count);
        Assert.Equal($"{monthly}/mo", cut.Find("[data-testid=quote-monthly]").TextContent.Trim());
        Assert.Equal(Money.Format(active.Figures.AmountFinanced), cut.Find("[data-testid=quote-financed]").TextContent.Trim());
        Assert.Equal("false", cut.Find("[data-testid=quote-summary]").GetAttribute("data-stale"));
        Assert.Equal("60", cut.Find("#quote-term").GetAttribute("value"));
        Assert.Contains(monthly, cut.Find("[data-testid=deal-monthly-payment]").TextContent);
        var entry = cut.Find("[data-testid=audit-entry]");
        Assert.Equal("deal.created", entry.GetAttribute("data-action"));
        Assert.Contains("Created the deal for new customer Rosa Okafor", entry.TextContent);
        Assert.Equal("Noah Bennett", entry.QuerySelector("[data-testid=audit-user]")!.TextContent);
        Assert.Contains("Mar 14, 2026 10:30 AM", entry.TextContent); // 15:30 UTC in Chicago (daylight time)
    }

    [Fact]
    public void A_deal_converted_from_a_quick_quote_links_to_it_from_the_header_and_its_creation_entry()
    {
        var quoteId = Guid.NewGuid();
        var deal = DealSamples.Draft();

        var cut = RenderDeal(deal with { Deal = deal.Deal with { ConvertedFromQuickQuoteId = quoteId } });

        Assert.Equal($"/quotes?quote={quoteId}", cut.Find("[data-testid=deal-quick-quote]").GetAttribute("href"));
        Assert.Equal($"/quotes?quote={quoteId}",
            cut.Find("[data-testid=audit-entry][data-action='deal.created'] [data-testid=audit-quick-quote]").GetAttribute("href"));
    }

    [Fact]
    public void A_blank_deal_shows_no_vehicle_and_no_payment_yet_and_cannot_be_delivered()
    {
        // A blank deal's quote has no price yet (as QuoteService creates it: priced like the blank active one).
        var (deal, active) = WithQuotes(DealSamples.Draft(blank: true), q => q with { Input = q.Input with { Price = 0m, Discount = 0m } });

        var cut = RenderDeal(deal);

        Assert.Equal("No vehicle yet", cut.Find("[data-testid=deal-vehicle]").TextContent);
        Assert.Equal("No payment yet", cut.Find("[data-testid=deal-monthly-payment]").TextContent.Trim());
        // Its tab shows no payment as if it were one: the figures are marked to fix, at the price.
        cut.WaitForElement("[data-testid=quote-editor]");
        AssertOpenQuote(cut, active);
        Assert.Equal("true", cut.Find("[data-testid=quote-summary]").GetAttribute("data-stale"));
        Assert.Contains("Fix the fields marked", cut.Find("[data-testid=quote-summary]").TextContent);
        Assert.Contains("Enter the vehicle's price.", cut.Find("[data-testid=quote-editor]").TextContent);
        Assert.True(cut.Find("[data-testid=deliver-deal]").HasAttribute("disabled"));
        Assert.Contains("Attach vehicle", cut.Find("[data-testid=vehicle-action-toggle]").TextContent);
    }

    [Fact]
    public void Cancel_asks_first_and_keeping_the_deal_changes_nothing()
    {
        var cut = RenderDeal(DealSamples.Draft());

        cut.Find("[data-testid=cancel-deal]").Click();
        Assert.Contains("goes back to available stock", _dialogs.WaitForElement("[data-testid=confirm-message]").TextContent);
        Answer("confirm-no");

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_actions.Calls);
        Assert.Equal("Draft", cut.Find("[data-testid=deal-state]").TextContent.Trim());
    }

    [Fact]
    public void Confirming_cancel_cancels_and_the_page_shows_the_closed_deal_without_actions()
    {
        var deal = DealSamples.Draft();
        _actions.Answer = (action, _) => _queries.Details = deal.InState(DealState.Cancelled, "deal.cancelled");
        var cut = RenderDeal(deal);

        cut.Find("[data-testid=cancel-deal]").Click();
        Answer("confirm-yes");

        cut.WaitForAssertion(() => Assert.Equal("Cancelled", cut.Find("[data-testid=deal-state]").TextContent.Trim()));
        Assert.Equal([("cancel", deal.Deal.Id, (object?)null)], _actions.Calls);
        Assert.Contains("cancelled", cut.Find("[data-testid=deal-closed]").TextContent);
        Assert.Contains("Cancelled the deal", cut.Find("[data-testid=audit-entry][data-action='deal.cancelled']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=deal-actions]"));
    }

    [Fact]
    public void Mark_delivered_asks_first_and_not_yet_changes_nothing()
    {
        var cut = RenderDeal(DealSamples.Draft());

        cut.Find("[data-testid=deliver-deal]").Click();
        Assert.Contains("cannot be undone", _dialogs.WaitForElement("[data-testid=confirm-message]").TextContent);
        Answer("confirm-no");

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_actions.Calls);
        Assert.Equal("Draft", cut.Find("[data-testid=deal-state]").TextContent.Trim());
    }

    [Fact]
    public void A_typed_error_from_mark_delivered_shows_next_to_the_actions_and_the_deal_stays_open()
    {
        _actions.Answer = (_, _) => throw new DealDeskException(AppError.Conflict(ErrorCodes.DealStateInvalid,
            "Deal 2026-0314-0007 is cancelled and can no longer change."));
        var cut = RenderDeal(DealSamples.Draft());

        cut.Find("[data-testid=deliver-deal]").Click();
        Answer("confirm-yes");

        var alert = cut.WaitForElement("[data-testid=error-alert]");
        Assert.Equal(ErrorCodes.DealStateInvalid, alert.GetAttribute("data-error-code"));
        Assert.Contains("can no longer change", alert.TextContent);
        Assert.Equal("Draft", cut.Find("[data-testid=deal-state]").TextContent.Trim());
        Assert.False(cut.Find("[data-testid=deliver-deal]").HasAttribute("disabled")); // not stuck busy
    }

    [Theory]
    [InlineData(DealState.Cancelled, "deal.cancelled")]
    [InlineData(DealState.Delivered, "deal.delivered")]
    public void A_closed_deal_offers_no_actions(string state, string action)
    {
        var cut = RenderDeal(DealSamples.Draft().InState(state, action));

        Assert.Empty(cut.FindAll("[data-testid=deal-actions]"));
        Assert.Empty(cut.FindAll("[data-testid=vehicle-action-toggle]"));
        Assert.Empty(cut.FindAll("[data-testid=customer-action-toggle]"));
        Assert.NotNull(cut.Find("[data-testid=deal-closed]"));
    }

    [Fact]
    public void A_vehicle_a_colleague_took_meanwhile_is_reported_at_the_vehicle_picker()
    {
        var other = new Vehicle
        {
            Id = Guid.NewGuid(), Vin = "1GNAXUEV0PZ102044", StockNumber = "N2044", Year = 2023, Make = "Chevrolet", Model = "Equinox",
            Trim = "Premier", Price = 31_000m, Status = VehicleStatus.Available,
        };
        _inventory.Vehicles.Add(other);
        _actions.Answer = (_, _) => throw new DealDeskException(AppError.Conflict(ErrorCodes.VehicleNotAvailable,
            "The 2023 Chevrolet Equinox Premier (stock N2044) is no longer available: it is pending. Pick another vehicle."));
        var cut = RenderDeal(DealSamples.Draft());

        cut.Find("[data-testid=vehicle-action-toggle]").Click();
        cut.Find("input[data-testid=vehicle-picker]").Input("N2044");
        _popovers.WaitForElement("[data-testid=vehicle-option]", Debounced).Click();
        cut.WaitForAssertion(() => Assert.Contains("N2044", cut.Find("input[data-testid=vehicle-picker]").GetAttribute("value")), Debounced);
        cut.Find("[data-testid=attach-vehicle]").Click();

        var warning = cut.WaitForElement("[data-testid=vehicle-form] [data-testid=vehicle-error]");
        Assert.Contains("no longer available", warning.TextContent);
        var (action, _, request) = Assert.Single(_actions.Calls);
        Assert.Equal("vehicle", action);
        Assert.Equal(other.Id.ToString(), ((AttachVehicleRequest)request!).VehicleId);
        Assert.Empty(cut.FindAll("[data-testid=error-alert]"));
    }

    [Fact]
    public void A_new_customers_field_errors_show_at_their_fields()
    {
        _actions.Answer = (_, _) => throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]>
        {
            ["customerData.phone"] = ["Enter a phone number like (555) 123-4567."],
        }));
        var cut = RenderDeal(DealSamples.Draft());

        cut.Find("[data-testid=customer-action-toggle]").Click();
        cut.Find("input[data-testid=customer-mode-new]").Click();
        cut.Find("input[data-testid=customer-first-name]").Change("Jonah");
        cut.Find("input[data-testid=customer-last-name]").Change("Brandt");
        cut.Find("input[data-testid=customer-phone]").Change("12");
        cut.Find("[data-testid=change-customer]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Enter a phone number like (555) 123-4567.", cut.Find("[data-testid=customer-form]").TextContent));
        var request = (ChangeCustomerRequest)Assert.Single(_actions.Calls).Request!;
        Assert.Equal(("Jonah", "Brandt", "12"), (request.CustomerData!.FirstName, request.CustomerData.LastName, request.CustomerData.Phone));
        Assert.Null(request.CustomerId);
    }

    [Fact]
    public void A_missing_deal_is_the_not_found_page()
    {
        var notFound = false;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound = true;
        _queries.GetFailure = new DealDeskException(AppError.NotFound("Deal", Guid.NewGuid()));

        var cut = Render<DealPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.True(notFound));
        Assert.Empty(cut.FindAll("[data-testid=deal-number]"));
    }

    [Fact]
    public void Another_dealerships_deal_is_not_allowed_and_shows_nothing_of_it()
    {
        _queries.GetFailure = new DealDeskException(AppError.OtherDealership("Deal"));

        var cut = Render<DealPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        cut.WaitForElement("[data-testid=not-allowed]");
        Assert.Empty(cut.FindAll("[data-testid=deal-number]"));
        Assert.Empty(cut.FindAll("[data-testid=deal-customer]"));
    }

    [Fact]
    public void A_colleague_cancelling_the_deal_re_renders_the_page_closed_and_says_who_did_it()
    {
        var colleague = Guid.NewGuid();
        var deal = DealSamples.Draft();
        var cut = RenderDeal(deal);
        var feed = Services.GetRequiredService<ChangeFeed>();

        // Another deal's change is not this page's business; this deal's is.
        feed.Deliver(new Change(DealershipId, ChangeKinds.DealChanged, Guid.NewGuid(), ByUserId: colleague));
        _queries.Details = deal.InState(DealState.Cancelled, "deal.cancelled", by: "Casey Colleague");
        feed.Deliver(new Change(DealershipId, ChangeKinds.DealChanged, deal.Deal.Id,
            new Dictionary<string, string?> { [ChangeKeys.What] = ChangeKeys.Aspects.State, [ChangeKeys.State] = DealState.Cancelled }, colleague));

        cut.WaitForAssertion(() => Assert.Equal("Cancelled", cut.Find("[data-testid=deal-state]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=deal-actions]"));
        Assert.Empty(cut.FindAll("[data-testid=vehicle-action-toggle]"));
        Assert.Equal(2, _queries.Gets); // the first load and this deal's change
        _snackbars.WaitForAssertion(() => Assert.Contains("Updated by Casey Colleague just now", _snackbars.Markup));
    }

    [Fact]
    public async Task Leaving_the_page_stops_listening()
    {
        var feed = Services.GetRequiredService<ChangeFeed>();
        RenderDeal(DealSamples.Draft());
        Assert.Equal(2, feed.SubscriberCount); // the page and its quote workspace

        await DisposeComponentsAsync();

        Assert.Equal(0, feed.SubscriberCount);
    }
}
