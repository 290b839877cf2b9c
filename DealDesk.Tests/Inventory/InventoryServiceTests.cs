using DealDesk.Data.Inventory;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Inventory;

/// <summary>InventoryService through the app's own data services (EF, pool, tenant interceptor) as dealdesk_app.</summary>
public sealed class InventoryServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<Paged<Vehicle>> SearchAsync(Guid? dealershipId, VehicleSearch search)
    {
        await using var scope = Db.CreateScope(dealershipId);
        return await scope.ServiceProvider.GetRequiredService<InventoryService>().SearchAsync(search);
    }

    [Fact]
    public async Task Search_returns_only_the_tenants_vehicles()
    {
        var demo = await Db.DemoAsync();
        var north = await SearchAsync(demo.North.DealershipId, new VehicleSearch(PageSize: 100));
        var south = await SearchAsync(demo.South.DealershipId, new VehicleSearch(PageSize: 100));

        Assert.Equal(40, north.Total);
        Assert.Equal(40, north.Items.Count);
        Assert.All(north.Items, v => Assert.Equal(demo.North.DealershipId, v.DealershipId));
        Assert.All(south.Items, v => Assert.Equal(demo.South.DealershipId, v.DealershipId));
        Assert.Empty(north.Items.Select(v => v.Id).Intersect(south.Items.Select(v => v.Id)));
        Assert.All(north.Items, v => Assert.StartsWith("N", v.StockNumber));
    }

    [Fact]
    public async Task Search_without_a_tenant_returns_nothing()
    {
        var result = await SearchAsync(null, new VehicleSearch(PageSize: 100));

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Services_created_for_a_tenant_start_every_scope_with_it()
    {
        var demo = await Db.DemoAsync();
        await using var services = Db.CreateServices(demo.South.DealershipId, demo.South.ManagerId);
        await using var scope = services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<InventoryService>().SearchAsync(new VehicleSearch(PageSize: 100));

        Assert.Equal(40, result.Total);
        Assert.All(result.Items, v => Assert.Equal(demo.South.DealershipId, v.DealershipId));
    }

    [Fact]
    public async Task Search_matches_every_term_across_make_model_trim_vin_stock_and_year()
    {
        var demo = await Db.DemoAsync();
        var all = (await SearchAsync(demo.North.DealershipId, new VehicleSearch(PageSize: 100))).Items;
        var sample = all[0];

        var byStock = await SearchAsync(demo.North.DealershipId, new VehicleSearch(sample.StockNumber.ToLowerInvariant()));
        Assert.Contains(byStock.Items, v => v.Id == sample.Id);
        Assert.All(byStock.Items, v => Assert.Contains(sample.StockNumber, v.StockNumber, StringComparison.OrdinalIgnoreCase));

        var twoTerms = await SearchAsync(demo.North.DealershipId, new VehicleSearch($"{sample.Make} {sample.Year}", PageSize: 100));
        Assert.Equal(all.Count(v => v.Make == sample.Make && v.Year == sample.Year), twoTerms.Total);

        // LIKE wildcards typed by a user are literal characters, not patterns.
        Assert.Equal(0, (await SearchAsync(demo.North.DealershipId, new VehicleSearch("%"))).Total);
        Assert.Equal(0, (await SearchAsync(demo.North.DealershipId, new VehicleSearch("_"))).Total);
    }

    [Fact]
    public async Task Search_pages_are_clamped_and_cover_every_vehicle_once()
    {
        var demo = await Db.DemoAsync();
        var pages = new List<Paged<Vehicle>>();
        for (var p = 1; p <= 3; p++) pages.Add(await SearchAsync(demo.North.DealershipId, new VehicleSearch(Page: p)));

        Assert.Equal([15, 15, 10], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(3, p.Pages));
        Assert.Equal(40, pages.SelectMany(p => p.Items).Select(v => v.Id).Distinct().Count());
        Assert.Equal(3, (await SearchAsync(demo.North.DealershipId, new VehicleSearch(Page: 99))).Page);
        Assert.Equal(1, (await SearchAsync(demo.North.DealershipId, new VehicleSearch(Page: -5))).Page);
    }
}
