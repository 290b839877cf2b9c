using DealDesk.Data.Inventory;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Inventory;

/// <summary>
/// What the inventory page's requests (<see cref="VehicleSearch"/> with a sort) get from the real service and
/// database as a Northside salesperson: every order pages through every vehicle once, and the dealership's walls hold.
/// </summary>
public sealed class InventoryPageSearchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<Paged<Vehicle>> NorthAsync(VehicleSearch search)
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        return await scope.ServiceProvider.GetRequiredService<IInventoryQueries>().SearchAsync(search);
    }

    async Task<List<Vehicle>> AllPagesAsync(VehicleSort sort, bool descending)
    {
        var vehicles = new List<Vehicle>();
        for (var page = 1; page <= 3; page++)
            vehicles.AddRange((await NorthAsync(new VehicleSearch(Page: page, Sort: sort, Descending: descending))).Items);
        return vehicles;
    }

    [Theory]
    [InlineData(VehicleSort.Price, false)]
    [InlineData(VehicleSort.Price, true)]
    [InlineData(VehicleSort.Year, false)]
    [InlineData(VehicleSort.Year, true)]
    [InlineData(VehicleSort.StockNumber, false)]
    [InlineData(VehicleSort.StockNumber, true)]
    public async Task Each_order_pages_through_every_vehicle_once_in_that_order(VehicleSort sort, bool descending)
    {
        var vehicles = await AllPagesAsync(sort, descending);

        Assert.Equal(40, vehicles.Select(v => v.Id).Distinct().Count());
        Func<Vehicle, IComparable> key = sort switch
        {
            VehicleSort.Price => v => v.Price,
            VehicleSort.Year => v => v.Year,
            _ => v => v.StockNumber,
        };
        var expected = descending
            ? vehicles.OrderByDescending(key).ThenBy(v => v.StockNumber, StringComparer.Ordinal)
            : vehicles.OrderBy(key).ThenBy(v => v.StockNumber, StringComparer.Ordinal);
        Assert.Equal(expected.Select(v => v.Id), vehicles.Select(v => v.Id));
    }

    [Fact]
    public async Task The_default_order_is_make_then_model_and_ignores_the_direction()
    {
        var ascending = await AllPagesAsync(VehicleSort.Default, false);
        var descending = await AllPagesAsync(VehicleSort.Default, true);

        Assert.Equal(ascending.OrderBy(v => v.Make, StringComparer.Ordinal).ThenBy(v => v.Model, StringComparer.Ordinal).ThenBy(v => v.StockNumber, StringComparer.Ordinal).Select(v => v.Id), ascending.Select(v => v.Id));
        Assert.Equal(ascending.Select(v => v.Id), descending.Select(v => v.Id));
    }

    [Fact]
    public async Task A_search_a_status_and_a_sort_combine()
    {
        var all = (await NorthAsync(new VehicleSearch(PageSize: 100))).Items;
        var make = all.GroupBy(v => v.Make).OrderByDescending(g => g.Count()).First().Key;

        var result = await NorthAsync(new VehicleSearch(make.ToLowerInvariant(), VehicleStatus.Available, PageSize: 100, Sort: VehicleSort.Price, Descending: true));

        var expected = all.Where(v => v.Make == make && v.Status == VehicleStatus.Available).OrderByDescending(v => v.Price).ThenBy(v => v.StockNumber);
        Assert.NotEmpty(result.Items);
        Assert.Equal(expected.Select(v => v.Id), result.Items.Select(v => v.Id));
    }

    [Fact]
    public async Task Another_dealerships_stock_number_finds_nothing()
    {
        var demo = await Db.DemoAsync();
        var southStock = await Db.ScalarAsync<string>(
            "SELECT stock_number FROM vehicles WHERE dealership_id = $1 ORDER BY stock_number LIMIT 1", demo.South.DealershipId);

        var result = await NorthAsync(new VehicleSearch(southStock));

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Items);
    }
}
