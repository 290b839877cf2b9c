using DealDesk.Data.Notifications;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Notifications.Support;

/// <summary>
/// A test class that hears what Northside's writes announce, through a listening host of its own on the class's
/// database (as a second app instance would).
/// </summary>
public abstract class NorthChangesTest(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected TestDatabase Db => fixture.Db;
    protected ListeningHost Host { get; private set; } = null!;
    protected DemoTenant North { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        North = (await Db.DemoAsync()).North;
        Host = await ListeningHost.StartAsync(Db);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The changes <paramref name="act"/> publishes acting as <paramref name="userId"/> of Northside, in order.</summary>
    protected async Task<List<Change>> ChangesOfAsync(Guid userId, bool manager, Func<AsyncServiceScope, Task> act)
    {
        using var inbox = Host.Subscribe(North.DealershipId);
        return await Host.ChangesDuringAsync(inbox, North.DealershipId, userId, async () =>
        {
            await using var scope = Host.Scope(North.DealershipId, userId, manager);
            await act(scope);
        });
    }
}
