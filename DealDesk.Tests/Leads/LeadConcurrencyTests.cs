using DealDesk.Data.Errors;
using DealDesk.Data.Leads;
using DealDesk.Data.Leads.WhatsApp;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Leads;

/// <summary>
/// Webhook deliveries, claims and round-robin assignment released together against PostgreSQL (each in its own
/// scope, so its own connection and unit of work), with the invariants checked afterwards.
/// </summary>
public sealed class LeadConcurrencyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    static readonly DateTimeOffset Now = new(2031, 6, 1, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_same_message_delivered_5_times_at_once_is_stored_once()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        var (wa, e164) = LeadKit.NewPhone();
        var scopes = Enumerable.Range(0, 5).Select(_ => host.Scope(demo.North.DealershipId, Guid.Empty)).ToArray();

        var outcomes = await Together.RunAsync(5, i =>
            scopes[i].Get<WhatsAppInbox>().ApplyAsync(LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, "wamid.same", "Is the Civic still there?", Now))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.ToString()));
        Assert.Equal(1, outcomes.Sum(o => o.Value!.MessagesStored));
        Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.same'"));
        Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", e164));
        Assert.Equal(1, await Db.ScalarAsync<int>("SELECT unread_count FROM conversations WHERE customer_phone = $1", e164));
        await LeadKit.AssertInvariantsAsync(Db);
        foreach (var s in scopes) await s.DisposeAsync();
    }

    [Fact]
    public async Task Three_first_messages_from_one_new_number_at_once_make_one_lead_one_conversation_three_messages()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        for (var round = 0; round < 5; round++) // several rounds: the race is real only if it is run more than once
        {
            var (wa, e164) = LeadKit.NewPhone();
            var scopes = Enumerable.Range(0, 3).Select(_ => host.Scope(demo.North.DealershipId, Guid.Empty)).ToArray();

            var outcomes = await Together.RunAsync(3, i => scopes[i].Get<WhatsAppInbox>().ApplyAsync(
                LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, $"wamid.r{round}.{i}", $"Message {i}", Now.AddSeconds(i)))));

            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.ToString()));
            Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", e164));
            Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM conversations WHERE customer_phone = $1", e164));
            Assert.Equal(3, await LeadKit.CountAsync(Db,
                "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.customer_phone = $1", e164));
            Assert.Equal(3, await Db.ScalarAsync<int>("SELECT unread_count FROM conversations WHERE customer_phone = $1", e164));
            foreach (var s in scopes) await s.DisposeAsync();
        }
        await LeadKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Two_salespeople_claiming_one_lead_at_once_one_wins_and_the_other_is_told()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var manager = host.Scope(demo.North.DealershipId, demo.North.ManagerId, manager: true);
        for (var round = 0; round < 5; round++)
        {
            var lead = await manager.Get<LeadService>().CreateAsync(new CreateLeadRequest { CustomerPhone = LeadKit.NewPhone().E164, CustomerName = "Up for grabs", Type = "other" });
            var people = new[] { demo.North.Sales1Id, demo.North.Sales2Id };
            var scopes = people.Select(p => host.Scope(demo.North.DealershipId, p)).ToArray();

            var outcomes = await Together.RunAsync(2, i => scopes[i].Get<LeadService>().ClaimAsync(lead.LeadId));

            var winners = outcomes.Where(o => o.Succeeded).ToList();
            Assert.Single(winners);
            var loser = Assert.Single(outcomes, o => !o.Succeeded);
            Assert.Equal(LeadErrors.AlreadyClaimedCode, loser.Code);
            Assert.Equal(409, ((DealDeskException)loser.Error!).Error.Status);
            Assert.Equal(winners[0].Value!.AssignedTo, await Db.ScalarAsync<Guid>("SELECT assigned_to FROM leads WHERE id = $1", lead.LeadId));
            foreach (var s in scopes) await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Round_robin_assignment_is_fair_under_concurrency()
    {
        var demo = await Db.DemoAsync();
        await Db.ExecuteAsync("UPDATE dealerships SET lead_round_robin = true WHERE id = $1", demo.South.DealershipId);
        await using var host = DealHost.Create(Db, Now);
        var scopes = Enumerable.Range(0, 12).Select(_ => host.Scope(demo.South.DealershipId, Guid.Empty)).ToArray();
        var phones = Enumerable.Range(0, 12).Select(_ => LeadKit.NewPhone()).ToArray();

        var outcomes = await Together.RunAsync(12, i => scopes[i].Get<WhatsAppInbox>().ApplyAsync(
            LeadKit.Batch(LeadKit.Inbound(LeadKit.SouthNumberId, phones[i].WaId, $"wamid.rr{i}", "Hello", Now))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.ToString()));
        await using var c = await Db.OpenSuperuserAsync();
        var counts = await Sql.ListAsync(c, "SELECT assigned_to, count(*) FROM leads WHERE dealership_id = $1 AND source = 'whatsapp' GROUP BY assigned_to",
            r => (r.IsDBNull(0) ? (Guid?)null : r.GetGuid(0), r.GetInt64(1)), demo.South.DealershipId);
        Assert.Equal(2, counts.Count); // both salespeople, nobody unassigned, the manager not in the rotation
        Assert.All(counts, x => Assert.Equal(6, x.Item2));
        Assert.DoesNotContain(counts, x => x.Item1 is null || x.Item1 == demo.South.ManagerId);
        foreach (var s in scopes) await s.DisposeAsync();
    }
}
