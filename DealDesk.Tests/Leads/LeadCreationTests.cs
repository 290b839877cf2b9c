using DealDesk.Data.Errors;
using DealDesk.Data.Leads;
using DealDesk.Data.Leads.WhatsApp;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Npgsql;

namespace DealDesk.Tests.Leads;

/// <summary>Leads and conversations created together, or not at all; claim, assign, the reply window and opt-out.</summary>
public sealed class LeadCreationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    static readonly DateTimeOffset Now = new(2031, 5, 4, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Creating_a_lead_creates_its_conversation_in_one_unit()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        var (_, phone) = LeadKit.NewPhone();

        var created = await scope.Get<LeadService>().CreateAsync(new CreateLeadRequest
        {
            CustomerPhone = phone, CustomerName = "Dana Fox", Type = LeadTypes.TestDrive, Details = "Wants a Saturday slot",
        });

        Assert.Equal(created.LeadId, await Db.ScalarAsync<Guid>("SELECT lead_id FROM conversations WHERE id = $1", created.ConversationId));
        Assert.Equal(demo.North.Sales1Id, await Db.ScalarAsync<Guid>("SELECT assigned_to FROM leads WHERE id = $1", created.LeadId));
        Assert.Equal("web", await Db.ScalarAsync<string>("SELECT source FROM leads WHERE id = $1", created.LeadId));
        await LeadKit.AssertInvariantsAsync(Db);
    }

    [Theory]
    [InlineData("not-a-phone", "Dana Fox", "test_drive", "customerPhone")]
    [InlineData("+13125550199", "Dana Fox", "spaceship", "type")]
    [InlineData("+13125550199", "", "test_drive", "customerName")]
    public async Task Bad_input_is_a_typed_400_and_writes_nothing(string phone, string name, string type, string field)
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        var before = await LeadKit.CountAsync(Db, "SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM conversations)");

        var error = await DealKit.FailsAsync(() => scope.Get<LeadService>().CreateAsync(
            new CreateLeadRequest { CustomerPhone = phone, CustomerName = name, Type = type }), ErrorCodes.ValidationFailed, 400);

        Assert.Contains(field, DealKit.Fields(error).Keys);
        Assert.Equal(before, await LeadKit.CountAsync(Db, "SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM conversations)"));
    }

    [Fact]
    public async Task The_database_function_rolls_back_lead_and_conversation_on_an_invalid_type()
    {
        // Past the validator (called as the app role, tenant set): the CHECK constraint refuses, and the one statement leaves nothing.
        var demo = await Db.DemoAsync();
        var (_, phone) = LeadKit.NewPhone();
        await using var c = await TestDatabase.OpenAsync(Db.AppConnectionString);
        await using var tx = await c.BeginTransactionAsync();
        await Sql.ExecuteAsync(c, "SELECT set_config('app.dealership_id', $1, true)", demo.North.DealershipId.ToString());
        var ex = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c,
            "SELECT * FROM create_lead_with_conversation($1, 'X', 'spaceship', NULL, 'web', NULL, now())", phone));
        Assert.Equal("23514", ex.SqlState);
        await tx.RollbackAsync();

        Assert.Equal(0, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", phone));
        Assert.Equal(0, await LeadKit.CountAsync(Db, "SELECT count(*) FROM conversations WHERE customer_phone = $1", phone));
    }

    [Fact]
    public async Task A_second_lead_for_a_number_with_an_open_conversation_is_a_409_naming_the_first()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(demo.North.DealershipId, demo.North.ManagerId, manager: true);
        var (_, phone) = LeadKit.NewPhone();
        var first = await scope.Get<LeadService>().CreateAsync(new CreateLeadRequest { CustomerPhone = phone, CustomerName = "A", Type = "other" });

        var error = await DealKit.FailsAsync(() => scope.Get<LeadService>().CreateAsync(
            new CreateLeadRequest { CustomerPhone = phone, CustomerName = "B", Type = "other" }), LeadErrors.AlreadyOpenCode, 409);

        Assert.Equal(first.LeadId, DealKit.Detail(error, "leadId"));
        Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", phone));
        await LeadKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Replies_follow_the_24_hour_window_and_go_to_the_outbox_as_queued()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        var (wa, _) = LeadKit.NewPhone();
        await using var hook = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        await hook.Get<WhatsAppInbox>().ApplyAsync(LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, "wamid.w1", "Hi", Now)));
        var conversation = await Db.ScalarAsync<Guid>("SELECT id FROM conversations WHERE customer_phone = $1", "+" + wa);
        await using var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        var replies = scope.Get<ConversationService>();

        host.Clock.Now = Now.AddHours(23).AddMinutes(59);
        var queued = await replies.ReplyAsync(conversation, "Happy to help!");
        Assert.Equal("queued", queued.Message.Status);
        Assert.NotNull(await Db.ScalarAsync<Guid?>("SELECT idempotency_ref FROM messages WHERE id = $1", queued.MessageId));
        Assert.Equal("contacted", await Db.ScalarAsync<string>("SELECT status FROM leads WHERE id = $1", queued.LeadId));

        host.Clock.Now = Now.AddHours(24).AddSeconds(1);
        await DealKit.FailsAsync(() => replies.ReplyAsync(conversation, "Still there?"), LeadErrors.WindowClosedCode, 409);
        Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE conversation_id = $1 AND direction = 'outbound'", conversation));
    }

    [Fact]
    public async Task A_customer_who_writes_STOP_is_opted_out_until_they_write_again()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        var (wa, _) = LeadKit.NewPhone();
        await using var hook = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        var inbox = hook.Get<WhatsAppInbox>();
        await inbox.ApplyAsync(LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, "wamid.s1", "Price?", Now)));
        await inbox.ApplyAsync(LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, "wamid.s2", " stop ", Now.AddMinutes(1))));
        var conversation = await Db.ScalarAsync<Guid>("SELECT id FROM conversations WHERE customer_phone = $1", "+" + wa);
        await using var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);

        await DealKit.FailsAsync(() => scope.Get<ConversationService>().ReplyAsync(conversation, "Are you sure?"), LeadErrors.OptedOutCode, 409);
        Assert.True(await Db.ScalarAsync<bool>("SELECT opted_out FROM conversations WHERE id = $1", conversation));

        await inbox.ApplyAsync(LeadKit.Batch(LeadKit.Inbound(LeadKit.NorthNumberId, wa, "wamid.s3", "Actually, one question", Now.AddMinutes(2))));
        await scope.Get<ConversationService>().ReplyAsync(conversation, "Sure, go ahead");
        Assert.False(await Db.ScalarAsync<bool>("SELECT opted_out FROM conversations WHERE id = $1", conversation));
    }

    [Fact]
    public async Task Salespeople_see_their_leads_and_unassigned_ones_and_managers_see_all()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var sales2 = host.Scope(demo.North.DealershipId, demo.North.Sales2Id);
        var theirs = await sales2.Get<LeadService>().CreateAsync(new CreateLeadRequest { CustomerPhone = LeadKit.NewPhone().E164, CustomerName = "Theirs", Type = "other" });
        await using var sales1 = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        await using var manager = host.Scope(demo.North.DealershipId, demo.North.ManagerId, manager: true);

        await DealKit.FailsAsync(() => sales1.Get<LeadQueries>().GetAsync(theirs.LeadId), ErrorCodes.Forbidden, 403);
        Assert.DoesNotContain((await sales1.Get<LeadQueries>().ListAsync(new LeadSearch(PageSize: 200))).Items, i => i.LeadId == theirs.LeadId);
        Assert.Equal(theirs.LeadId, (await manager.Get<LeadQueries>().GetAsync(theirs.LeadId)).Lead.Id);
        await DealKit.FailsAsync(() => sales1.Get<LeadService>().AssignAsync(theirs.LeadId, demo.North.Sales1Id), ErrorCodes.Forbidden, 403);

        await manager.Get<LeadService>().AssignAsync(theirs.LeadId, demo.North.Sales1Id);
        Assert.Equal(theirs.LeadId, (await sales1.Get<LeadQueries>().GetAsync(theirs.LeadId)).Lead.Id);
    }

    [Fact]
    public async Task Another_dealerships_lead_and_conversation_are_refused_as_multi_tenant_violations()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var north = host.Scope(demo.North.DealershipId, demo.North.ManagerId, manager: true);
        var lead = await north.Get<LeadService>().CreateAsync(new CreateLeadRequest { CustomerPhone = LeadKit.NewPhone().E164, CustomerName = "North", Type = "other" });
        await using var south = host.Scope(demo.South.DealershipId, demo.South.ManagerId, manager: true);

        await DealKit.FailsAsync(() => south.Get<LeadQueries>().GetAsync(lead.LeadId), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => south.Get<LeadQueries>().MessagesAsync(lead.ConversationId), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => south.Get<LeadService>().ClaimAsync(lead.LeadId), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => south.Get<ConversationService>().ReplyAsync(lead.ConversationId, "hi"), ErrorCodes.MultiTenantViolation, 403);
        Assert.DoesNotContain((await south.Get<LeadQueries>().ListAsync(new LeadSearch(PageSize: 200))).Items, i => i.LeadId == lead.LeadId);
    }

    [Fact]
    public async Task Creating_a_deal_from_a_lead_converts_and_links_it_in_the_same_transaction()
    {
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(demo.North.DealershipId, demo.North.Sales1Id);
        var lead = await scope.Get<LeadService>().CreateAsync(new CreateLeadRequest { CustomerPhone = LeadKit.NewPhone().E164, CustomerName = "Lee Park", Type = "vehicle_inquiry" });
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var request = new Data.Deals.CreateDealRequest
        {
            CustomerData = new Data.Deals.NewCustomerData { FirstName = "Lee", LastName = "Park" }, VehicleId = vehicle.ToString(), LeadId = lead.LeadId.ToString(),
        };

        var deal = await scope.Get<Data.Deals.DealService>().CreateAsync(request);

        Assert.Equal("converted", await Db.ScalarAsync<string>("SELECT status FROM leads WHERE id = $1", lead.LeadId));
        Assert.Equal(deal.Deal.Id, await Db.ScalarAsync<Guid>("SELECT deal_id FROM leads WHERE id = $1", lead.LeadId));

        // A second deal from the converted lead fails, and its deal is rolled back with it.
        var deals = await LeadKit.CountAsync(Db, "SELECT count(*) FROM deals");
        await DealKit.FailsAsync(() => scope.Get<Data.Deals.DealService>().CreateAsync(request with { VehicleId = null }), LeadErrors.ConvertedCode, 409);
        Assert.Equal(deals, await LeadKit.CountAsync(Db, "SELECT count(*) FROM deals"));
    }
}
