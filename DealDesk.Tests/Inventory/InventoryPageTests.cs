using System.Net;
using AngleSharp.Html.Dom;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Inventory;

/// <summary>The inventory page and its htmx fragment, as a signed-in salesperson of Northside.</summary>
public sealed class InventoryPageTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(DemoData.Dealerships[0], 1));

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    async Task<IHtmlDocument> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    static List<string> Rows(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=vehicle-row]").Select(r => r.TextContent)];

    async Task<long> NorthCountAsync(string where, params object[] args)
    {
        var demo = await fixture.Db.DemoAsync();
        return await fixture.Db.ScalarAsync<long>($"SELECT count(*) FROM vehicles WHERE dealership_id = $1 AND {where}", [demo.North.DealershipId, .. args]);
    }

    [Fact]
    public async Task Fragment_search_returns_only_matching_rows_of_the_own_dealership()
    {
        var camrys = await NorthCountAsync("model = 'Camry'");
        Assert.True(camrys > 0, "The demo data has no Camry at Northside; pick another model for this test.");

        var fragment = await GetAsync("/inventory/rows?q=camry");

        var rows = Rows(fragment);
        Assert.Equal((int)Math.Min(camrys, 15), rows.Count);
        Assert.All(rows, r => Assert.Contains("Camry", r));
        Assert.All(fragment.QuerySelectorAll("[data-testid=vehicle-row] td.font-monospace:first-child"), td => Assert.StartsWith("N", td.TextContent));
        Assert.Contains($"of {camrys} vehicles", fragment.QuerySelector("[data-testid=vehicle-count]")!.TextContent);
        Assert.Null(fragment.QuerySelector("nav.navbar")); // a fragment, not a page
    }

    [Fact]
    public async Task Page_without_htmx_filters_the_same_way_and_keeps_the_query_in_the_box()
    {
        var camrys = await NorthCountAsync("model = 'Camry'");

        var page = await GetAsync("/inventory?q=camry");

        Assert.Equal((int)Math.Min(camrys, 15), Rows(page).Count);
        Assert.All(Rows(page), r => Assert.Contains("Camry", r));
        Assert.Equal("camry", page.QuerySelector("[data-testid=vehicle-search]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("nav.navbar"));
    }

    [Fact]
    public async Task Status_filter_narrows_to_that_status()
    {
        var demo = await fixture.Db.DemoAsync();
        await fixture.Db.ExecuteAsync("UPDATE vehicles SET status = 'sold' WHERE dealership_id = $1 AND stock_number = 'N1040'", demo.North.DealershipId);

        var sold = await GetAsync("/inventory?status=sold");
        var available = await GetAsync("/inventory/rows?status=available&page=3");

        var row = Assert.Single(Rows(sold));
        Assert.Contains("N1040", row);
        Assert.Equal("text-bg-secondary", sold.QuerySelector("[data-testid=vehicle-status]")?.ClassList.Last());
        Assert.Equal("sold", sold.QuerySelector("#vehicle-status-filter option[selected]")?.GetAttribute("value"));
        Assert.Contains("of 39 vehicles", available.QuerySelector("[data-testid=vehicle-count]")!.TextContent);
        Assert.All(available.QuerySelectorAll("[data-testid=vehicle-status]"), b => Assert.Equal("available", b.TextContent));
    }

    [Fact]
    public async Task Paging_gives_fifteen_rows_a_page_then_the_rest()
    {
        var first = await GetAsync("/inventory/rows?page=1");
        var second = await GetAsync("/inventory/rows?page=2");
        var last = await GetAsync("/inventory/rows?page=3");

        Assert.Equal(15, Rows(first).Count);
        Assert.Equal(15, Rows(second).Count);
        Assert.Equal(10, Rows(last).Count);
        var ids = new[] { first, second, last }
            .SelectMany(p => p.QuerySelectorAll("[data-testid=vehicle-row]").Select(r => r.GetAttribute("data-vehicle-id")))
            .ToList();
        Assert.Equal(40, ids.Distinct().Count());
        Assert.Contains("Showing 31–40 of 40 vehicles", last.QuerySelector("[data-testid=vehicle-count]")!.TextContent);
        var links = first.QuerySelectorAll(".pagination a.page-link");
        Assert.Equal(["1", "2", "3"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal("/inventory/rows?q=&status=&page=2", links[1].GetAttribute("hx-get"));
        Assert.Equal("/inventory?q=&status=&page=2", links[1].GetAttribute("href"));
    }

    [Fact]
    public async Task No_match_shows_the_empty_state()
    {
        var fragment = await GetAsync("/inventory/rows?q=zzznothing");

        Assert.Empty(Rows(fragment));
        Assert.Contains("zzznothing", fragment.QuerySelector("[data-testid=no-vehicles]")?.TextContent);
    }

    [Fact]
    public async Task Another_dealerships_stock_number_finds_nothing()
    {
        var demo = await fixture.Db.DemoAsync();
        var southStock = await fixture.Db.ScalarAsync<string>(
            "SELECT stock_number FROM vehicles WHERE dealership_id = $1 ORDER BY stock_number LIMIT 1", demo.South.DealershipId);

        var fragment = await GetAsync($"/inventory/rows?q={southStock}");

        Assert.Empty(Rows(fragment));
    }
}
