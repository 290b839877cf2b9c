using System.Net;
using System.Net.Sockets;
using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Deals;
using DealDesk.Data.Notifications;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Notifications.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DealDesk.Tests.Notifications;

/// <summary>The LISTEN connection's life: lost and regained, or never there.</summary>
public sealed class ChangeListenerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_killed_listener_connection_reconnects_tells_subscribers_to_resync_and_hears_changes_again()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = await ListeningHost.StartAsync(Db);
        using var inbox = host.Subscribe(north.DealershipId);
        var killed = host.Listener.BackendProcessId!.Value;

        Assert.True(await Db.ScalarAsync<bool>("SELECT pg_terminate_backend($1)", killed));

        Assert.True((await inbox.NextAsync()).IsResync);
        Assert.True(host.Listener.IsListening);
        Assert.Equal(1, host.Listener.Reconnects);
        Assert.NotEqual(killed, host.Listener.BackendProcessId);
        Assert.Contains("57P01", host.Listener.LastError);
        var customer = (await DealKit.CustomersAsync(Db, north.DealershipId))[0];
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.Get<DealService>().CreateAsync(DealKit.Request(customer));
        var change = await inbox.NextAsync();
        Assert.Equal((ChangeKinds.DealCreated, deal.Deal.Id), (change.Kind, change.Id));
    }

    [Fact]
    public async Task A_host_whose_database_is_unreachable_starts_and_stops_while_its_listener_keeps_retrying()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var closed = $"Host=127.0.0.1;Port={ClosedPort()};Database=nowhere;Username=nobody;Password=x";
        builder.Services.AddLogging();
        builder.Services.AddDealDeskData(new DatabaseTarget(closed, closed), new DatabaseSettings());
        builder.Services.AddChangeNotifications();
        using var host = builder.Build();
        var listener = host.Services.GetRequiredService<ChangeListener>();

        await host.StartAsync().WaitAsync(ChangeInbox.Timeout);
        await Eventually(() => listener.LastError is not null);
        Assert.False(listener.IsListening);
        Assert.Null(listener.BackendProcessId);
        await host.StopAsync().WaitAsync(ChangeInbox.Timeout);
    }

    [Fact]
    public void Reconnect_delays_double_from_half_a_second_to_ten_seconds_with_jitter()
    {
        var random = new Random(7);
        double[] nominal = [500, 1000, 2000, 4000, 8000, 10_000, 10_000];
        for (var i = 0; i < nominal.Length; i++)
            Assert.InRange(ReconnectBackoff.Delay(i + 1, random).TotalMilliseconds, nominal[i] * 0.8, nominal[i] * 1.2);
        Assert.InRange(ReconnectBackoff.Delay(int.MaxValue, random).TotalMilliseconds, 8_000, 12_000);
    }

    /// <summary>A local port nothing listens on: bound, read, released.</summary>
    static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Polls a condition the code under test exposes no event for, up to the inbox timeout.</summary>
    static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ChangeInbox.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
