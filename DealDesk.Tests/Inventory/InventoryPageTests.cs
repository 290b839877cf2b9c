using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Deals.Components;
using DealDesk.Web.Components.Pages.Inventory;
using InventoryPage = DealDesk.Web.Components.Pages.Inventory.Inventory;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealDesk.Tests.Inventory;

/// <summary>
/// The inventory page (/inventory) with the inventory faked at the service boundary (<see cref="IInventoryQueries"/>):
/// what it asks the service for as the salesperson pages, sorts, searches and filters, what the address keeps,
/// and what each row shows and offers.
/// </summary>
public sealed class InventoryPageTests : ComponentTest
{
    readonly FakeInventory _inventory = new();

    public InventoryPageTests()
    {
        Services.AddSingleton<IInventoryQueries>(_inventory);
        Services.AddSingleton<ChangeFeed>(); // no listener: nothing is heard here (InventoryGridLiveTests hears real changes)
        SetRendererInfo(new RendererInfo("Server", true));
        ComponentFactories.AddStub<DealDialog>(); // the deal dialog is its own feature: here only what it was opened with counts
    }

    NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    IRenderedComponent<InventoryPage> Open(string address = "/inventory")
    {
        Navigation.NavigateTo(address);
        var page = Render<InventoryPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(_inventory.Calls));
        return page;
    }

    static IReadOnlyList<IElement> Rows(IRenderedComponent<InventoryPage> page) =>
        page.FindAll("tr.dd-vehicle-row");

    string Query => new Uri(Navigation.Uri).Query;

    [Fact]
    public void The_first_visit_asks_for_the_first_fifteen_vehicles_in_the_default_order_and_shows_a_row_each_with_its_status()
    {
        _inventory.Stock = [.. Fleet.Make(3), Fleet.Vehicle("N2001", status: VehicleStatus.Pending), Fleet.Vehicle("N2002", status: VehicleStatus.Sold)];

        var page = Open();

        Assert.Equal(new VehicleSearch(null, null, 1, 15, VehicleSort.Default, false), Assert.Single(_inventory.Calls));
        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count));
        var chips = page.FindAll("[data-testid=vehicle-status]");
        Assert.Equal(["available", "available", "available", "pending", "sold"], chips.Select(c => c.GetAttribute("data-status")));
        Assert.Equal(["Available", "Pending", "Sold"], chips.Skip(2).Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-color-success", chips[0].ClassList);
        Assert.Contains("mud-chip-color-warning", chips[3].ClassList);
        Assert.DoesNotContain(chips[4].ClassList, c => c is "mud-chip-color-success" or "mud-chip-color-warning");
        var first = Rows(page)[0];
        Assert.Equal("$31,250.00", first.QuerySelector("[data-testid=vehicle-price]")!.TextContent.Trim());
        Assert.Equal("Testa Model T Base", first.QuerySelector("[data-testid=vehicle-title]")!.TextContent.Trim());
        Assert.Equal("", Query); // the default list keeps the plain address
    }

    [Fact]
    public void The_pager_shows_the_count_and_the_next_page_asks_the_service_for_page_two_and_the_address_keeps_it()
    {
        _inventory.Stock = Fleet.Make(40);
        var page = Open();
        page.WaitForAssertion(() => Assert.Equal(15, Rows(page).Count));
        Assert.Contains("1-15 of 40", page.Find(".mud-table-pagination-caption").TextContent);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(2, _inventory.Calls[^1].Page));
        Assert.Equal(_inventory.Calls[0] with { Page = 2 }, _inventory.Calls[^1]);
        page.WaitForAssertion(() => Assert.Contains("16-30 of 40", page.Find(".mud-table-pagination-caption").TextContent));
        Assert.Equal("?page=2", Query);
    }

    [Fact]
    public void Sorting_by_price_asks_the_server_ascending_then_descending_and_the_address_keeps_it()
    {
        _inventory.Stock = Fleet.Make(20);
        var page = Open();

        SortBy(page, "Price");
        page.WaitForAssertion(() => Assert.Equal((VehicleSort.Price, false), (_inventory.Calls[^1].Sort, _inventory.Calls[^1].Descending)));
        Assert.Equal("?sort=price", Query);

        SortBy(page, "Price");
        page.WaitForAssertion(() => Assert.Equal((VehicleSort.Price, true), (_inventory.Calls[^1].Sort, _inventory.Calls[^1].Descending)));
        Assert.Equal("?sort=-price", Query);

        SortBy(page, "Year");
        page.WaitForAssertion(() => Assert.Equal((VehicleSort.Year, false), (_inventory.Calls[^1].Sort, _inventory.Calls[^1].Descending)));
        SortBy(page, "Stock #");
        page.WaitForAssertion(() => Assert.Equal((VehicleSort.StockNumber, false), (_inventory.Calls[^1].Sort, _inventory.Calls[^1].Descending)));
        Assert.Equal("?sort=stock", Query);
    }

    [Fact]
    public void An_address_with_a_search_status_page_and_sort_is_what_the_first_request_asks_for()
    {
        _inventory.Stock = Fleet.Make(40, status: VehicleStatus.Pending);

        var page = Open("/inventory?q=camry&status=pending&page=2&sort=-year");

        Assert.Equal(new VehicleSearch("camry", VehicleStatus.Pending, 2, 15, VehicleSort.Year, true), _inventory.Calls[0]);
        Assert.Equal("?q=camry&status=pending&page=2&sort=-year", Query);
        Assert.Equal("camry", page.Find("#inventory-search").GetAttribute("value"));
        Assert.Contains("mud-chip-selected", page.Find("[data-testid=status-filter-pending]").ClassList);
    }

    [Fact]
    public void An_address_that_means_nothing_falls_back_to_the_default_list()
    {
        _inventory.Stock = Fleet.Make(3);

        Open("/inventory?status=stolen&page=-4&sort=color");

        Assert.Equal(new VehicleSearch(null, null, 1, 15, VehicleSort.Default, false), _inventory.Calls[0]);
    }

    [Fact]
    public void Typing_searches_after_a_pause_from_the_first_page_and_the_address_keeps_the_search()
    {
        _inventory.Stock = Fleet.Make(40);
        var page = Open("/inventory?page=3");
        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count));

        page.Find("#inventory-search").Input("cam");
        page.Find("#inventory-search").Input("camry");

        page.WaitForAssertion(() => Assert.Equal("camry", _inventory.Calls[^1].Query));
        Assert.DoesNotContain(_inventory.Calls, c => c.Query == "cam"); // debounced: one request for the pause, not one per key
        Assert.Equal(1, _inventory.Calls[^1].Page);
        Assert.Equal("?q=camry", Query);
    }

    [Fact]
    public void A_status_chip_filters_from_the_first_page_and_all_clears_the_filter()
    {
        _inventory.Stock = Fleet.Make(40);
        var page = Open("/inventory?page=2");

        page.Find("[data-testid=status-filter-sold] .mud-chip-content, [data-testid=status-filter-sold]").Click();
        page.WaitForAssertion(() => Assert.Equal(VehicleStatus.Sold, _inventory.Calls[^1].Status));
        Assert.Equal(1, _inventory.Calls[^1].Page);
        Assert.Equal("?status=sold", Query);

        page.Find("[data-testid=status-filter-all]").Click();
        page.WaitForAssertion(() => Assert.Null(_inventory.Calls[^1].Status));
        Assert.Equal("", Query);
    }

    [Fact]
    public void No_match_shows_the_empty_state_naming_the_search_and_clear_search_shows_everything_again()
    {
        _inventory.Stock = Fleet.Make(5);
        _inventory.Filter = s => s.Query is null;

        var page = Open("/inventory?q=zzznothing&status=sold");

        page.WaitForAssertion(() => Assert.Equal("No sold vehicles match “zzznothing”", page.Find("[data-testid=no-vehicles-title]").TextContent.Trim()));
        Assert.Empty(Rows(page));

        page.Find("[data-testid=clear-search]").Click();

        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count));
        Assert.Equal((null, null), (_inventory.Calls[^1].Query, _inventory.Calls[^1].Status));
        Assert.Equal("", Query);
    }

    [Fact]
    public void An_empty_lot_says_so_without_naming_a_search_or_offering_to_clear_one()
    {
        _inventory.Stock = [];

        var page = Open();

        page.WaitForAssertion(() => Assert.Equal("No vehicles in stock yet", page.Find("[data-testid=no-vehicles-title]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=clear-search]"));
    }

    [Fact]
    public void User_text_is_encoded_not_injected()
    {
        const string script = "<img src=x onerror=alert(1)>";
        _inventory.Stock = [];

        var page = Open("/inventory?q=" + Uri.EscapeDataString(script));

        page.WaitForAssertion(() => Assert.Contains(script, page.Find("[data-testid=no-vehicles-title]").TextContent));
        Assert.Empty(page.FindAll("img"));
        Assert.Equal(script, _inventory.Calls[0].Query);
    }

    [Fact]
    public void A_loading_bar_shows_while_a_page_loads()
    {
        _inventory.Stock = Fleet.Make(3);
        _inventory.Hold();

        var page = Open();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=vehicle-grid] .mud-progress-linear")));
        _inventory.Release();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        Assert.Empty(page.FindAll("[data-testid=vehicle-grid] .mud-progress-linear"));
    }

    [Fact]
    public void A_typed_failure_shows_inline_above_the_grid()
    {
        _inventory.Failure = new DealDeskException(AppError.Unavailable());

        var page = Open();

        page.WaitForAssertion(() => Assert.Equal(ErrorCodes.DatabaseUnavailable, page.Find("[data-testid=error-alert]").GetAttribute("data-error-code")));
    }

    [Fact]
    public void Only_available_rows_offer_start_deal_which_opens_the_deal_dialog_with_that_vehicle_and_goes_to_the_new_deal()
    {
        var available = Fleet.Vehicle("N3001");
        _inventory.Stock = [available, Fleet.Vehicle("N3002", status: VehicleStatus.Pending), Fleet.Vehicle("N3003", status: VehicleStatus.Sold)];
        var dialogs = RenderDialogProvider();
        var page = Open();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));

        var buttons = page.FindAll("[data-testid=start-deal]");
        var button = Assert.Single(buttons);
        Assert.Same(Rows(page)[0], button.Closest("tr"));
        Assert.Contains("N3001", button.GetAttribute("aria-label"));

        button.Click();

        var dialog = dialogs.WaitForElement("[data-testid=deal-dialog], .mud-dialog");
        Assert.NotNull(dialog);
        var stub = dialogs.FindComponent<Stub<DealDialog>>();
        Assert.Equal(available.Id, stub.Instance.Parameters.Get(d => d.VehicleId));

        var dealId = Guid.NewGuid();
        var container = dialogs.FindComponent<MudDialogContainer>();
        dialogs.InvokeAsync(() => ((IMudDialogInstance)container.Instance).Close(DialogResult.Ok(dealId)));

        page.WaitForAssertion(() => Assert.Equal($"http://localhost/deals/{dealId}", Navigation.Uri));
    }

    [Fact]
    public void A_cancelled_deal_dialog_stays_on_the_list()
    {
        _inventory.Stock = [Fleet.Vehicle("N3101")];
        var dialogs = RenderDialogProvider();
        var page = Open("/inventory?q=n31");
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        page.Find("[data-testid=start-deal]").Click();
        dialogs.WaitForState(() => dialogs.FindComponents<MudDialogContainer>().Count == 1);
        var container = dialogs.FindComponent<MudDialogContainer>();
        dialogs.InvokeAsync(() => ((IMudDialogInstance)container.Instance).Close(DialogResult.Cancel()));

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindComponents<MudDialogContainer>()));
        Assert.Equal("http://localhost/inventory?q=n31", Navigation.Uri);
        Assert.NotEmpty(page.FindAll("[data-testid=start-deal]")); // and it can be started again
    }

    static void SortBy(IRenderedComponent<InventoryPage> page, string title)
    {
        var header = page.FindAll("th").Single(th => th.TextContent.Trim().StartsWith(title, StringComparison.Ordinal));
        (header.QuerySelector(".sortable-column-header") ?? header.QuerySelector("span.column-header") ?? header).Click();
    }

    /// <summary>The inventory as the test wants it: answers pages of <see cref="Stock"/>, records every request, can hold or fail.</summary>
    sealed class FakeInventory : IInventoryQueries
    {
        readonly Lock _gate = new();
        readonly List<VehicleSearch> _calls = [];
        TaskCompletionSource? _hold;

        public IReadOnlyList<Vehicle> Stock { get; set; } = [];
        public Func<VehicleSearch, bool> Filter { get; set; } = _ => true;
        public Exception? Failure { get; set; }

        public List<VehicleSearch> Calls { get { lock (_gate) return [.. _calls]; } }

        public void Hold() => _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => _hold?.TrySetResult();

        public async Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default)
        {
            lock (_gate) _calls.Add(search);
            if (_hold is { } hold) await hold.Task.WaitAsync(ct);
            if (Failure is { } failure) throw failure;
            var matching = Filter(search) ? Stock : [];
            var pages = Math.Max(1, (matching.Count + search.PageSize - 1) / search.PageSize);
            var page = Math.Clamp(search.Page, 1, pages);
            return new Paged<Vehicle>([.. matching.Skip((page - 1) * search.PageSize).Take(search.PageSize)], page, search.PageSize, matching.Count);
        }

        public Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default) => Task.FromResult(Stock.FirstOrDefault(v => v.Id == id));
    }
}

/// <summary>Vehicles for component tests (never stored).</summary>
static class Fleet
{
    public static Vehicle Vehicle(string stock, string status = VehicleStatus.Available, decimal price = 31_250m) => new()
    {
        Id = Guid.NewGuid(), DealershipId = Guid.NewGuid(), Vin = ("1HGCM8263" + stock).PadRight(17, '0')[..17], StockNumber = stock,
        Year = 2025, Make = "Testa", Model = "Model T", Trim = "Base", Price = price, Status = status,
    };

    public static List<Vehicle> Make(int count, string status = VehicleStatus.Available) =>
        [.. Enumerable.Range(1, count).Select(i => Vehicle($"N{1000 + i}", status))];
}
