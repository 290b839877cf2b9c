using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Tenancy;

/// <summary>A circuit's scope lives for hours: the dealership it reads must follow a manager's changes.</summary>
public sealed class CurrentDealershipTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_long_lived_scope_sees_a_settings_change_made_after_its_first_read()
    {
        var demo = await fixture.Db.DemoAsync();
        await using var scope = fixture.Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        var current = scope.Get<ICurrentDealership>();
        var before = await current.GetAsync();
        Assert.NotNull(before);

        await fixture.Db.ExecuteAsync("UPDATE dealerships SET doc_fee = doc_fee + 100, name = name || ' Group' WHERE id = $1", demo.North.DealershipId);

        var after = await current.GetAsync();
        Assert.Equal(before.Name + " Group", after!.Name);
        Assert.Equal(before.DocFee + 100, after.DocFee);
    }
}
