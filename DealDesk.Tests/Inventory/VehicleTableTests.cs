using DealDesk.Data.Inventory;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Inventory;

namespace DealDesk.Tests.Inventory;

/// <summary>The inventory table component rendered on its own (HtmlRenderer + AngleSharp).</summary>
public sealed class VehicleTableTests
{
    static Vehicle Vehicle(string stock, string make, string model, string? trim, decimal price, string status) => new()
    {
        Id = Guid.NewGuid(), DealershipId = Guid.NewGuid(), Vin = "1HGCM82633A" + stock.PadLeft(6, '0')[..6], StockNumber = stock,
        Year = 2024, Make = make, Model = model, Trim = trim, Price = price, Status = status,
    };

    static Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(VehicleSearch search, Paged<Vehicle>? result) =>
        ComponentRenderer.RenderAsync<VehicleTable>(new Dictionary<string, object?> { ["Search"] = search, ["Result"] = result });

    [Fact]
    public async Task Renders_a_row_per_vehicle_with_title_price_and_status_badge()
    {
        var camry = Vehicle("N1001", "Toyota", "Camry", "SE", 27_500m, VehicleStatus.Available);
        var civic = Vehicle("N1002", "Honda", "Civic", null, 24_999.50m, VehicleStatus.Pending);

        var html = await RenderAsync(new VehicleSearch(), new Paged<Vehicle>([camry, civic], 1, 15, 2));

        var rows = html.QuerySelectorAll("[data-testid=vehicle-row]");
        Assert.Equal(2, rows.Length);
        Assert.Equal(camry.Id.ToString(), rows[0].GetAttribute("data-vehicle-id"));
        var cells = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("N1001", cells[0]);
        Assert.Equal("2024 Toyota Camry SE", cells[1]);
        Assert.Equal(camry.Vin, cells[2]);
        Assert.Equal("$27,500", cells[3]);
        Assert.Equal("2024 Honda Civic", rows[1].QuerySelectorAll("td")[1].TextContent.Trim()); // no trailing space for a missing trim
        Assert.Equal("$25,000", rows[1].QuerySelectorAll("td")[3].TextContent.Trim()); // whole dollars, rounded

        var badges = html.QuerySelectorAll("[data-testid=vehicle-status]");
        Assert.Equal(["available", "pending"], badges.Select(b => b.TextContent));
        Assert.Contains("text-bg-success", badges[0].ClassList);
        Assert.Contains("text-bg-warning", badges[1].ClassList);
        Assert.Contains("Showing 1–2 of 2 vehicles", html.QuerySelector("[data-testid=vehicle-count]")!.TextContent);
        Assert.Null(html.QuerySelector(".pagination")); // one page: no pager
        Assert.Null(html.QuerySelector("[data-testid=no-vehicles]"));
    }

    [Fact]
    public async Task Sold_vehicles_get_the_neutral_badge()
    {
        var html = await RenderAsync(new VehicleSearch(), new Paged<Vehicle>([Vehicle("S1001", "Ford", "F-150", "XL", 41_200m, VehicleStatus.Sold)], 1, 15, 1));

        var badge = html.QuerySelector("[data-testid=vehicle-status]")!;
        Assert.Contains("text-bg-secondary", badge.ClassList);
        Assert.DoesNotContain("text-bg-success", badge.ClassList);
    }

    [Fact]
    public async Task Later_pages_count_from_their_offset_and_link_every_page_for_htmx_and_plain_navigation()
    {
        var items = Enumerable.Range(31, 10).Select(i => Vehicle($"N10{i}", "Kia", "Sorento", "LX", 31_000m, VehicleStatus.Available)).ToList();

        var html = await RenderAsync(new VehicleSearch("kia sorento", VehicleStatus.Available, 3), new Paged<Vehicle>(items, 3, 15, 40));

        Assert.Contains("Showing 31–40 of 40 vehicles", html.QuerySelector("[data-testid=vehicle-count]")!.TextContent);
        var links = html.QuerySelectorAll(".pagination a.page-link");
        Assert.Equal(["1", "2", "3"], links.Select(a => a.TextContent));
        Assert.Equal("/inventory/rows?q=kia%20sorento&status=available&page=1", links[0].GetAttribute("hx-get"));
        Assert.Equal("/inventory?q=kia%20sorento&status=available&page=1", links[0].GetAttribute("href"));
        Assert.Equal("#vehicle-results", links[0].GetAttribute("hx-target"));
        Assert.Contains("active", links[2].ParentElement!.ClassList);
    }

    [Fact]
    public async Task Empty_result_shows_the_empty_state_with_the_query()
    {
        var html = await RenderAsync(new VehicleSearch("zzz"), new Paged<Vehicle>([], 1, 15, 0));

        Assert.Contains("No vehicles match “zzz”", html.QuerySelector("[data-testid=no-vehicles]")?.TextContent);
        Assert.Empty(html.QuerySelectorAll("[data-testid=vehicle-row]"));
        Assert.Null(html.QuerySelector("table"));
        Assert.NotNull(html.QuerySelector("#vehicle-results")); // the htmx swap target is always there
    }

    [Fact]
    public async Task Missing_result_renders_the_empty_state_without_a_query()
    {
        var html = await RenderAsync(new VehicleSearch(), null);

        var empty = html.QuerySelector("[data-testid=no-vehicles]")!.TextContent.Trim();
        Assert.Equal("No vehicles to show.", empty); // no "match “”" for a missing query
    }

    [Fact]
    public async Task User_text_is_encoded_not_injected()
    {
        var html = await RenderAsync(new VehicleSearch("<img src=x onerror=alert(1)>"), new Paged<Vehicle>([], 1, 15, 0));

        Assert.Null(html.QuerySelector("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", html.QuerySelector("[data-testid=no-vehicles]")!.TextContent);
    }
}
