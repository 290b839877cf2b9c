using DealDesk.Data.Deals;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Notifications.Support;

/// <summary>
/// One app instance's data services (<see cref="TestDatabase.CreateServices"/>) with change notifications
/// added and the listener started, as the web host would start it. Two of these on one database are two
/// app instances sharing it.
/// </summary>
public sealed class ListeningHost : IAsyncDisposable
{
    public const string MarkerKind = "test.marker";

    readonly ServiceProvider _services;

    ListeningHost(ServiceProvider services) => _services = services;

    public ChangeListener Listener => _services.GetRequiredService<ChangeListener>();

    public ChangeFeed Feed => _services.GetRequiredService<ChangeFeed>();

    public static async Task<ListeningHost> StartAsync(TestDatabase db, params IDealStepObserver[] observers)
    {
        var services = db.CreateServices(configure: s =>
        {
            s.AddChangeNotifications();
            foreach (var observer in observers) s.AddSingleton(observer);
        });
        var host = new ListeningHost(services);
        await host.Listener.StartAsync(CancellationToken.None);
        await host.Listener.WaitUntilListeningAsync().WaitAsync(ChangeInbox.Timeout);
        return host;
    }

    public ChangeInbox Subscribe(Guid dealershipId, Func<Change, bool>? filter = null) => new(Feed, dealershipId, filter);

    /// <summary>A scope acting as <paramref name="userId"/> of <paramref name="dealershipId"/>.</summary>
    public AsyncServiceScope Scope(Guid dealershipId, Guid userId, bool manager = false)
    {
        var scope = _services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        (tenant.DealershipId, tenant.UserId, tenant.IsManager) = (dealershipId, userId, manager);
        return scope;
    }

    /// <summary>Commits a marker change of the dealership in a unit of its own; returns its id.</summary>
    public async Task<Guid> PublishMarkerAsync(Guid dealershipId, Guid userId)
    {
        var marker = Guid.NewGuid();
        await using var scope = Scope(dealershipId, userId);
        await scope.ServiceProvider.GetRequiredService<TransactionRunner>().RunAsync("test.marker", async (db, ct) =>
        {
            await ChangePublisher.PublishAsync(db, new Change(dealershipId, MarkerKind, marker), ct);
            return 0;
        });
        return marker;
    }

    /// <summary>
    /// What <paramref name="inbox"/> receives because of <paramref name="act"/>, in order: earlier changes
    /// are drained up to a first marker, and the collection ends at a second one.
    /// </summary>
    public async Task<List<Change>> ChangesDuringAsync(ChangeInbox inbox, Guid dealershipId, Guid userId, Func<Task> act)
    {
        await inbox.UntilAsync(await PublishMarkerAsync(dealershipId, userId));
        await act();
        return await inbox.UntilAsync(await PublishMarkerAsync(dealershipId, userId));
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
