using Bunit;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Deals.Components;
using DealDesk.Web.Components.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using DealsPage = DealDesk.Web.Components.Pages.Deals.Deals;

namespace DealDesk.Tests.Deals;

/// <summary>
/// The deals list asks the service for exactly the page, sort and filters on screen (the grid never filters
/// by itself), keeps them in the URL, and says so when nothing matches.
/// </summary>
public sealed class DealsListTests : ComponentTest
{
    private static readonly Guid ColleagueId = Guid.Parse("0b7e0a52-55c1-4b5e-9d55-1f0a7f6d0003");
    private readonly FakeDealQueries _queries = new();
    private readonly FakeCustomerQueries _people = new();

    public DealsListTests()
    {
        Services.AddSingleton<IDealQueries>(_queries);
        Services.AddSingleton<ICustomerQueries>(_people);
        // What the deal-creation dialog needs to open ("New deal"); its own tests cover what it does.
        Services.AddSingleton<IDealCreation>(new UnusedDealCreation());
        Services.AddSingleton<IInventoryQueries>(new FakeInventoryQueries());
        Services.AddSingleton<ICurrentDealership>(new FakeCurrentDealership(DealershipId));
        Services.AddSingleton<IValidator<CreateDealRequest>, CreateDealValidator>();
        Services.AddScoped<DealDraftStore>();
        Services.AddScoped<DealershipClock>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // the live circuit, which subscribes to changes
        _people.Salespeople = [new PersonOption(UserId, "Sam Seller"), new PersonOption(ColleagueId, "Casey Colleague")];
        _queries.List = s => new Paged<DealSummary>(Rows(s.PageSize).Take(s.PageSize).ToList(), s.Page, s.PageSize, 45);
    }

    private static IEnumerable<DealSummary> Rows(int count) => Enumerable.Range(1, count).Select(i => new DealSummary(
        Guid.NewGuid(), $"2026-0314-{i:0000}", i % 2 == 0 ? DealState.Draft : DealState.Delivered, $"Customer {i}",
        i % 3 == 0 ? null : "2023 Chevrolet Equinox", i % 3 == 0 ? null : $"N10{i:00}", "Sam Seller", DealSamples.Created.AddHours(-i),
        UserId, i % 3 == 0 ? 0m : 29_600m, i % 3 == 0 ? null : 636.97m));

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<DealsPage> RenderList(string url = "/deals")
    {
        Navigation.NavigateTo(url);
        var cut = Render<DealsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(_queries.Searches));
        return cut;
    }

    [Fact]
    public void The_grid_asks_for_the_first_page_newest_first_and_shows_each_deal_with_a_link()
    {
        var cut = RenderList();

        Assert.Equal(new DealSearch(null, null, 1, 20, null, DealSort.Created, true), _queries.Searches.Single());
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=deal-link]").Count));
        var first = cut.FindAll("[data-testid=deal-link]")[0];
        Assert.Equal("2026-0314-0001", first.TextContent.Trim());
        Assert.StartsWith("/deals/", first.GetAttribute("href"));
        Assert.Equal("$636.97", cut.FindAll("[data-testid=deal-row-payment]")[0].TextContent.Trim());
        Assert.Equal("—", cut.FindAll("[data-testid=deal-row-payment]")[2].TextContent.Trim()); // no price, no payment
        Assert.Equal("Delivered", cut.FindAll("[data-testid=deal-row-state]")[0].TextContent.Trim());
    }

    [Fact]
    public void Typing_a_search_asks_for_matching_deals_from_the_first_page_and_puts_it_in_the_url()
    {
        var cut = RenderList("/deals?page=2");
        Assert.Equal(2, _queries.LastSearch.Page);

        cut.Find("input[data-testid=deal-search]").Input("okafor");

        // The search waits for a pause in typing (a debounce timer): give a busy machine time.
        cut.WaitForAssertion(() => Assert.Equal("okafor", _queries.LastSearch.Query), TimeSpan.FromSeconds(5));
        Assert.Equal(1, _queries.LastSearch.Page);
        Assert.Contains("q=okafor", Navigation.Uri);
        Assert.DoesNotContain("page=", Navigation.Uri);
    }

    [Fact]
    public void Mine_passes_the_signed_in_user_and_a_second_click_shows_everyone_again()
    {
        var cut = RenderList();

        cut.Find("[data-testid=mine-filter]").Click();
        cut.WaitForAssertion(() => Assert.Equal(UserId, _queries.LastSearch.SalespersonId));
        Assert.Contains("mine=true", Navigation.Uri);
        Assert.Equal("true", cut.Find("[data-testid=mine-filter]").GetAttribute("aria-pressed"));

        cut.Find("[data-testid=mine-filter]").Click();
        cut.WaitForAssertion(() => Assert.Null(_queries.LastSearch.SalespersonId));
        Assert.DoesNotContain("mine=", Navigation.Uri);
    }

    [Fact]
    public void A_state_chip_narrows_the_list_to_that_state()
    {
        var cut = RenderList();

        cut.Find("[data-testid=state-filter-cancelled]").Click();

        cut.WaitForAssertion(() => Assert.Equal(DealState.Cancelled, _queries.LastSearch.State));
        Assert.Contains("state=cancelled", Navigation.Uri);
    }

    [Fact]
    public void Clicking_a_column_header_sorts_by_it_on_the_server()
    {
        var cut = RenderList();

        cut.FindAll("th").Single(th => th.TextContent.Contains("Monthly")).QuerySelector(".sortable-column-header")!.Click();

        cut.WaitForAssertion(() => Assert.Equal(DealSort.Payment, _queries.LastSearch.Sort));
        Assert.False(_queries.LastSearch.Descending);
        Assert.Contains("sort=payment", Navigation.Uri);
        Assert.Contains("dir=asc", Navigation.Uri);
    }

    [Fact]
    public void The_next_page_button_asks_for_the_next_page()
    {
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=deal-link]").Count));

        cut.Find("button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, _queries.LastSearch.Page));
        Assert.Contains("page=2", Navigation.Uri);
    }

    [Fact]
    public void The_url_brings_back_the_search_state_mine_page_and_sort()
    {
        var cut = RenderList("/deals?q=rosa&state=draft&mine=true&page=2&size=50&sort=price&dir=asc");

        Assert.Equal(new DealSearch(DealState.Draft, "rosa", 2, 50, UserId, DealSort.Price, false), _queries.Searches.First());
        Assert.Equal("rosa", cut.Find("input[data-testid=deal-search]").GetAttribute("value"));
        Assert.Equal("true", cut.Find("[data-testid=mine-filter]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void No_deals_at_all_shows_the_empty_state_with_a_new_deal_action()
    {
        _queries.List = s => new Paged<DealSummary>([], 1, s.PageSize, 0);

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Contains("No deals yet", cut.Find("[data-testid=no-deals]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=new-deal-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=clear-filters]"));
    }

    [Fact]
    public void No_matching_deals_offers_to_clear_the_filters_which_asks_for_everything_again()
    {
        _queries.List = s => new Paged<DealSummary>([], 1, s.PageSize, 0);
        var cut = RenderList("/deals?q=nobody");
        cut.WaitForAssertion(() => Assert.Contains("No deals match", cut.Find("[data-testid=no-deals]").TextContent));

        cut.Find("[data-testid=clear-filters]").Click();

        cut.WaitForAssertion(() => Assert.Null(_queries.LastSearch.Query));
        Assert.DoesNotContain("q=", Navigation.Uri);
    }

    [Fact]
    public void New_deal_opens_the_deal_creation_dialog_and_cancelling_it_stays_on_the_list()
    {
        var provider = RenderDialogProvider();
        var cut = RenderList("/deals?q=okafor");
        var before = Navigation.Uri;

        cut.Find("[data-testid=new-deal]").Click();
        provider.WaitForElement("[data-testid=deal-form]");
        provider.Find(".mud-dialog [data-testid=cancel-deal]").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=deal-form]")));
        Assert.Equal(before, Navigation.Uri);
    }

    private sealed class UnusedDealCreation : IDealCreation
    {
        public Task<DealResult> CreateAsync(CreateDealRequest request, string? idempotencyKey = null, CancellationToken ct = default) =>
            throw new InvalidOperationException("This test creates no deal.");
    }

    [Fact]
    public void A_deal_created_elsewhere_reloads_the_page_on_screen()
    {
        var cut = RenderList("/deals?q=okafor&page=2");
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=deal-link]").Count));
        var before = _queries.Searches.Count;

        Services.GetRequiredService<ChangeFeed>().Deliver(new Change(DealershipId, ChangeKinds.DealCreated, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Equal(before + 1, _queries.Searches.Count));
        Assert.Equal(new DealSearch(null, "okafor", 2, 20, null, DealSort.Created, true), _queries.LastSearch);
    }
}
