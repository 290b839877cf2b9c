using System.Collections.Concurrent;
using DealDesk.Data.Leads;
using DealDesk.Data.Leads.WhatsApp;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealDesk.Tests.Leads;

/// <summary>The transactional outbox: delivery after an outage, never twice, also with two senders at once.</summary>
public sealed class OutboxTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    /// <summary>Counts every call per idempotency reference; refuses (503-like) while <see cref="Down"/>.</summary>
    sealed class RecordingClient : IWhatsAppClient
    {
        public volatile bool Down;
        public readonly ConcurrentDictionary<Guid, int> Accepted = new();
        public int Refused;

        public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken ct)
        {
            await Task.Yield();
            if (Down)
            {
                Interlocked.Increment(ref Refused);
                return SendResult.Failed("HTTP 503: outage", transient: true);
            }
            Accepted.AddOrUpdate(message.IdempotencyRef, 1, (_, n) => n + 1);
            return SendResult.Sent("wamid.out." + message.IdempotencyRef.ToString("N"));
        }
    }

    /// <summary>A conversation that just received a message, and <paramref name="count"/> replies queued in it; the app's services with the recording client.</summary>
    async Task<(RecordingClient Client, Guid[] Messages)> QueueAsync(int count)
    {
        var demo = await Db.DemoAsync();
        var client = new RecordingClient();
        var provider = Db.CreateServices(configure: s => s.Replace(ServiceDescriptor.Singleton<IWhatsAppClient>(client)));
        var (wa, _) = LeadKit.NewPhone();
        var ids = new List<Guid>();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WhatsAppInbox>().ApplyAsync(
                LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, "wamid.in." + Guid.NewGuid(), "Hi", DateTimeOffset.UtcNow)));
        }
        var conversation = await Db.ScalarAsync<Guid>("SELECT id FROM conversations WHERE customer_phone = $1", "+" + wa);
        for (var i = 0; i < count; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var tenant = scope.ServiceProvider.GetRequiredService<Data.Tenancy.TenantContext>();
            (tenant.DealershipId, tenant.UserId) = (demo.North.DealershipId, demo.North.Sales1Id);
            ids.Add((await scope.ServiceProvider.GetRequiredService<ConversationService>().ReplyAsync(conversation, $"Reply {i}")).MessageId);
        }
        _providers.Add(provider);
        return (client, ids.ToArray());
    }

    readonly List<ServiceProvider> _providers = [];

    OutboxDispatcher Dispatcher() => _providers[^1].GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task After_an_outage_every_queued_message_is_delivered_exactly_once()
    {
        var (client, messages) = await QueueAsync(6);
        client.Down = true;

        await Dispatcher().RunOnceAsync(CancellationToken.None);
        Assert.True(client.Refused > 0);
        Assert.Empty(client.Accepted);
        Assert.Equal(6, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE id = ANY($1) AND status = 'queued'", messages));

        client.Down = false;
        await Dispatcher().RunOnceAsync(CancellationToken.None);

        Assert.Equal(6, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE id = ANY($1) AND status = 'sent' AND provider_message_id IS NOT NULL", messages));
        Assert.Equal(6, client.Accepted.Count);
        Assert.All(client.Accepted.Values, n => Assert.Equal(1, n));
        await DisposeProvidersAsync();
    }

    [Fact]
    public async Task Two_senders_running_at_once_never_send_a_message_twice()
    {
        var (client, messages) = await QueueAsync(40);
        var second = Db.CreateServices(configure: s => s.Replace(ServiceDescriptor.Singleton<IWhatsAppClient>(client)));
        _providers.Add(second);
        var senders = new[] { _providers[^2].GetRequiredService<OutboxDispatcher>(), second.GetRequiredService<OutboxDispatcher>() };

        var outcomes = await Together.RunAsync(2, i => senders[i].RunOnceAsync(CancellationToken.None));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.ToString()));
        Assert.Equal(40, outcomes.Sum(o => o.Value));
        Assert.Equal(40, client.Accepted.Count);
        Assert.All(client.Accepted.Values, n => Assert.Equal(1, n));
        Assert.Equal(40, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE id = ANY($1) AND status = 'sent'", messages));
        await DisposeProvidersAsync();
    }

    [Fact]
    public async Task A_message_left_sending_by_a_crash_is_not_resent_before_its_lease_runs_out()
    {
        var (client, messages) = await QueueAsync(1);
        // The crash: claimed (committed as sending) and maybe handed to the API, but never recorded.
        await Db.ExecuteAsync("UPDATE messages SET status = 'sending', attempts = 1, status_at = now() WHERE id = $1", messages[0]);

        await Dispatcher().RunOnceAsync(CancellationToken.None);
        Assert.Empty(client.Accepted);

        await Db.ExecuteAsync("UPDATE messages SET status_at = now() - interval '3 minutes' WHERE id = $1", messages[0]);
        await Dispatcher().RunOnceAsync(CancellationToken.None);
        Assert.Single(client.Accepted);
        Assert.Equal(await Db.ScalarAsync<Guid>("SELECT idempotency_ref FROM messages WHERE id = $1", messages[0]), client.Accepted.Keys.Single());
        Assert.Equal("sent", await Db.ScalarAsync<string>("SELECT status FROM messages WHERE id = $1", messages[0]));
        await DisposeProvidersAsync();
    }

    async Task DisposeProvidersAsync()
    {
        foreach (var p in _providers) await p.DisposeAsync();
        _providers.Clear();
    }
}
