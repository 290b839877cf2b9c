using Bunit;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Notifications.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using InventoryPage = DealDesk.Web.Components.Pages.Inventory.Inventory;

namespace DealDesk.Tests.Inventory;

/// <summary>
/// The inventory rows follow other salespeople's deals without a reload: a real deal committed on a real test database
/// is heard through the real change feed (PostgreSQL NOTIFY → ChangeListener → ChangeFeed) by the rendered page.
/// </summary>
public sealed class InventoryGridLiveTests(DatabaseFixture fixture) : ComponentTest, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    readonly ListedInventory _inventory = new();
    ListeningHost _host = null!;
    DemoTenants _demo = null!;

    TestDatabase Db => fixture.Db;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _host = await ListeningHost.StartAsync(Db);
        _demo = await Db.DemoAsync();
        Services.AddSingleton(_host.Feed);
        Services.AddSingleton<IInventoryQueries>(_inventory);
        SetRendererInfo(new RendererInfo("Server", true));
        Tenant.DealershipId = _demo.North.DealershipId; // the page subscribes to its circuit's dealership
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task When_another_deal_takes_a_car_its_row_turns_pending_and_loses_start_deal_without_asking_the_inventory_again()
    {
        var taken = await DealKit.AddVehicleAsync(Db, _demo.North.DealershipId);
        var untouched = await DealKit.AddVehicleAsync(Db, _demo.North.DealershipId);
        _inventory.Ids = [taken, untouched];
        var page = Render<InventoryPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=start-deal]").Count));
        var loads = _inventory.Calls;

        var customer = (await DealKit.CustomersAsync(Db, _demo.North.DealershipId))[0];
        await using (var scope = _host.Scope(_demo.North.DealershipId, _demo.North.Sales2Id))
            await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, taken));

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr.dd-vehicle-row").Single(r => r.QuerySelector($"[data-vehicle-id='{taken}']") is not null);
            Assert.Equal(VehicleStatus.Pending, row.QuerySelector("[data-testid=vehicle-status]")!.GetAttribute("data-status"));
            Assert.Null(row.QuerySelector("[data-testid=start-deal]"));
        }, ChangeInbox.Timeout);
        var other = page.FindAll("tr.dd-vehicle-row").Single(r => r.QuerySelector($"[data-vehicle-id='{untouched}']") is not null);
        Assert.NotNull(other.QuerySelector("[data-testid=start-deal]"));
        Assert.Equal(loads, _inventory.Calls);
    }

    [Fact]
    public async Task The_page_subscribes_once_and_unsubscribes_when_it_goes_away()
    {
        _inventory.Ids = [Guid.NewGuid()];
        var before = _host.Feed.SubscriberCount;

        var page = Render<InventoryPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.dd-vehicle-row")));
        page.Find("#inventory-search").Input("t2");
        page.WaitForAssertion(() => Assert.EndsWith("?q=t2", Services.GetRequiredService<NavigationManager>().Uri));

        Assert.Equal(before + 1, _host.Feed.SubscriberCount);
        await DisposeComponentsAsync();
        Assert.Equal(before, _host.Feed.SubscriberCount);
    }

    /// <summary>Always the vehicles of <see cref="Ids"/> (as the database has them, by id), counting the loads.</summary>
    sealed class ListedInventory : IInventoryQueries
    {
        int _calls;

        public Guid[] Ids { get; set; } = [];

        public int Calls => Volatile.Read(ref _calls);

        public Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _calls);
            var items = Ids.Select((id, i) =>
            {
                var vehicle = Fleet.Vehicle($"T{i}");
                vehicle.Id = id;
                return vehicle;
            }).ToList();
            return Task.FromResult(new Paged<Vehicle>(items, 1, search.PageSize, items.Count));
        }

        public Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default) => throw new NotSupportedException("The grid never looks one up.");
    }
}
