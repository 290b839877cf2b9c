using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Notifications.Support;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Tests.Notifications;

/// <summary>Committed changes reach subscribers on every app instance; rolled-back ones reach nobody; tenants stay apart.</summary>
public sealed class ChangeDeliveryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<DealResult> CreateDealAsync(ListeningHost host, DemoTenant tenant, Guid? vehicle = null)
    {
        var customer = (await DealKit.CustomersAsync(Db, tenant.DealershipId))[0];
        await using var scope = host.Scope(tenant.DealershipId, tenant.Sales1Id);
        return await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle));
    }

    [Fact]
    public async Task A_change_committed_on_one_instance_reaches_subscribers_on_every_instance_sharing_the_database()
    {
        var north = (await Db.DemoAsync()).North;
        await using var writer = await ListeningHost.StartAsync(Db);
        await using var other = await ListeningHost.StartAsync(Db);
        Assert.NotEqual(writer.Listener.BackendProcessId, other.Listener.BackendProcessId);
        using var remote = other.Subscribe(north.DealershipId);
        using var local = writer.Subscribe(north.DealershipId);

        var deal = await CreateDealAsync(writer, north);

        foreach (var inbox in new[] { remote, local })
        {
            var change = await inbox.NextAsync();
            Assert.Equal((ChangeKinds.DealCreated, deal.Deal.Id, north.DealershipId, north.Sales1Id),
                (change.Kind, change.Id, change.DealershipId, change.ByUserId));
            Assert.Equal(deal.Deal.DealNumber, change.Get(ChangeKeys.DealNumber));
        }
    }

    [Fact]
    public async Task A_unit_that_fails_after_publishing_notifies_nobody()
    {
        var north = (await Db.DemoAsync()).North;
        var probe = new StepProbe();
        await using var host = await ListeningHost.StartAsync(Db, probe);
        using var inbox = host.Subscribe(north.DealershipId);

        await using (var scope = host.Scope(north.DealershipId, north.Sales1Id))
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<TransactionRunner>().RunAsync<int>("test.fails", async (db, ct) =>
            {
                await ChangePublisher.PublishAsync(db, new Change(north.DealershipId, ChangeKinds.DealChanged, Guid.NewGuid()), ct);
                throw new InvalidOperationException("after publishing");
            }));
        // Deal creation publishes deal.created before its last step; failing that step rolls the NOTIFY back too.
        probe.Action = (step, _, _) => step == DealStep.AuditWritten ? throw new InvalidOperationException("last step") : Task.CompletedTask;
        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateDealAsync(host, north, vehicle: null));
        probe.Action = null;
        var sold = await DealKit.AddVehicleAsync(Db, north.DealershipId, status: "sold");
        await DealKit.FailsAsync(() => CreateDealAsync(host, north, sold), ErrorCodes.VehicleNotAvailable, 409);

        var marker = await host.PublishMarkerAsync(north.DealershipId, north.Sales1Id);
        Assert.Equal(marker, (await inbox.NextAsync()).Id);
        Assert.Equal(1, probe.Calls(DealStep.AuditWritten));
    }

    [Fact]
    public async Task Only_the_attempt_that_commits_is_heard_when_the_runner_retries_a_unit()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = await ListeningHost.StartAsync(Db);
        using var inbox = host.Subscribe(north.DealershipId);
        var attempts = 0;

        await using (var scope = host.Scope(north.DealershipId, north.Sales1Id))
            await scope.Get<TransactionRunner>().RunAsync("test.retried", async (db, ct) =>
            {
                var attempt = ++attempts;
                await ChangePublisher.PublishAsync(db, new Change(north.DealershipId, ChangeKinds.DealChanged, Guid.NewGuid(),
                    new Dictionary<string, string?> { ["attempt"] = attempt.ToString() }), ct);
                if (attempt == 1) await db.Database.ExecuteSqlRawAsync("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$", ct);
                return attempt;
            });

        Assert.Equal(2, attempts);
        var marker = await host.PublishMarkerAsync(north.DealershipId, north.Sales1Id);
        var heard = await inbox.UntilAsync(marker);
        Assert.Equal(["2"], heard.Select(c => c.Get("attempt")));
    }

    [Fact]
    public async Task A_subscriber_of_one_dealership_never_hears_another_dealerships_changes()
    {
        var demo = await Db.DemoAsync();
        await using var host = await ListeningHost.StartAsync(Db);
        using var southInbox = host.Subscribe(demo.South.DealershipId);
        using var northInbox = host.Subscribe(demo.North.DealershipId);

        var deal = await CreateDealAsync(host, demo.North, await DealKit.AddVehicleAsync(Db, demo.North.DealershipId));
        Assert.Equal(deal.Deal.Id, (await northInbox.NextAsync()).Id);

        var marker = await host.PublishMarkerAsync(demo.South.DealershipId, demo.South.Sales1Id);
        Assert.Equal(marker, (await southInbox.NextAsync()).Id);
    }

    [Fact]
    public async Task PostgreSQL_takes_the_largest_payload_and_a_larger_change_arrives_without_its_data()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = await ListeningHost.StartAsync(Db);
        using var inbox = host.Subscribe(north.DealershipId);
        var (largest, larger) = (ChangePayloadTests.OfSize(ChangePayload.MaxBytes), ChangePayloadTests.OfSize(ChangePayload.MaxBytes + 1));

        await using (var scope = host.Scope(north.DealershipId, north.Sales1Id))
            await scope.Get<TransactionRunner>().RunAsync("test.large", async (db, ct) =>
            {
                await ChangePublisher.PublishAsync(db, largest with { DealershipId = north.DealershipId }, ct);
                await ChangePublisher.PublishAsync(db, larger with { DealershipId = north.DealershipId }, ct);
                return 0;
            });

        Assert.Equal(largest.Data, (await inbox.NextAsync()).Data);
        Assert.Equal("true", (await inbox.NextAsync()).Get(ChangeKeys.Truncated));
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_delivery_to_others_or_to_itself()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = await ListeningHost.StartAsync(Db);
        var thrown = 0;
        var threwTwice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var failing = host.Feed.Subscribe(north.DealershipId, _ =>
        {
            if (Interlocked.Increment(ref thrown) == 2) threwTwice.TrySetResult();
            throw new InvalidOperationException("handler bug");
        });
        using var inbox = host.Subscribe(north.DealershipId);

        var first = await CreateDealAsync(host, north);
        var second = await CreateDealAsync(host, north);

        Assert.Equal(first.Deal.Id, (await inbox.NextAsync()).Id);
        Assert.Equal(second.Deal.Id, (await inbox.NextAsync()).Id);
        await threwTwice.Task.WaitAsync(ChangeInbox.Timeout);
        Assert.True(host.Listener.IsListening);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = await ListeningHost.StartAsync(Db);
        var calls = 0;
        var subscription = host.Feed.Subscribe(north.DealershipId, _ => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        using var inbox = host.Subscribe(north.DealershipId);
        Assert.Equal(2, host.Feed.SubscriberCount);

        subscription.Dispose();
        await inbox.UntilAsync(await host.PublishMarkerAsync(north.DealershipId, north.Sales1Id));

        Assert.Equal(0, Volatile.Read(ref calls));
        Assert.Equal(1, host.Feed.SubscriberCount);
    }
}
