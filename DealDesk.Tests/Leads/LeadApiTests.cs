using System.Net.Http.Json;
using DealDesk.Data.Leads;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Leads;

/// <summary>The lead JSON API: both naming styles, typed 400s with nothing written, claim 409, tenant isolation on every endpoint.</summary>
public sealed class LeadApiTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task Posting_a_lead_in_snake_case_or_camelCase_returns_201_with_lead_and_conversation_ids()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        var snake = LeadKit.NewPhone().E164;
        var camel = LeadKit.NewPhone().E164;

        var a = await ApiKit.PostAsync(client, "/api/leads", new { customer_phone = snake, customer_name = "Snake Case", type = "trade_in", details = "2015 Golf" });
        var b = await ApiKit.PostAsync(client, "/api/leads", new { customerPhone = camel, customerName = "Camel Case", type = "financing", source = "phone" });

        Assert.Equal(201, a.Status);
        Assert.Equal(201, b.Status);
        Assert.True(a.Json.GetProperty("success").GetBoolean());
        var leadId = a.Json.GetProperty("lead_id").GetGuid();
        Assert.Equal(leadId, await Db.ScalarAsync<Guid>("SELECT lead_id FROM conversations WHERE id = $1", a.Json.GetProperty("conversation_id").GetGuid()));
        Assert.Equal("phone", await Db.ScalarAsync<string>("SELECT source FROM leads WHERE customer_phone = $1", camel));

        var details = await ApiKit.GetAsync(client, $"/api/leads/{leadId}");
        Assert.Equal(200, details.Status);
        Assert.Equal("Snake Case", details.Data.GetProperty("lead").GetProperty("customerName").GetString());
    }

    [Theory]
    [InlineData("{\"customer_phone\":\"12\",\"customer_name\":\"X\",\"type\":\"other\"}")]
    [InlineData("{\"customer_phone\":\"+13125550142\",\"customer_name\":\"X\",\"type\":\"yacht\"}")]
    [InlineData("{\"customer_phone\":\"+13125550142\",\"type\":\"other\"}")]
    [InlineData("{\"customer_phone\":")]
    public async Task Bad_leads_are_typed_400s_and_nothing_is_written(string json)
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        var before = await DbSnapshot.TakeAsync(Db);

        var reply = await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/leads") { Content = LeadKit.Json(json) });

        ApiKit.AssertError(reply, 400, "VALIDATION_FAILED");
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_claimed_lead_cannot_be_claimed_again()
    {
        using var manager = await ApiKit.ClientAsync(fixture.App, "manager@northside.test");
        var created = await ApiKit.PostAsync(manager, "/api/leads", new { customer_phone = LeadKit.NewPhone().E164, customer_name = "Open", type = "other" });
        var id = created.Json.GetProperty("lead_id").GetGuid();
        using var sales1 = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        using var sales2 = await ApiKit.ClientAsync(fixture.App, "sales2@northside.test");

        Assert.Equal(200, (await ApiKit.PostAsync(sales1, $"/api/leads/{id}/claim", null)).Status);
        ApiKit.AssertError(await ApiKit.PostAsync(sales2, $"/api/leads/{id}/claim", null), 409, LeadErrors.AlreadyClaimedCode);
    }

    [Fact]
    public async Task Manual_send_with_createLead_needs_a_name_and_creates_lead_conversation_and_queued_message_together()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "sales2@northside.test");
        var phone = LeadKit.NewPhone().E164;
        var before = await DbSnapshot.TakeAsync(Db);

        ApiKit.AssertError(await ApiKit.PostAsync(client, "/api/whatsapp", new { to = phone, message = "Hello!", createLead = true }), 400, "VALIDATION_FAILED");
        await before.AssertUnchangedAsync(Db);

        var sent = await ApiKit.PostAsync(client, "/api/whatsapp", new { to = phone, message = "Hello!", createLead = true, customerName = "Robin" });
        Assert.Equal(201, sent.Status);
        var conversation = sent.Json.GetProperty("conversation_id").GetGuid();
        Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE conversation_id = $1 AND direction = 'outbound'", conversation));
        Assert.Equal(1, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", phone));
    }

    [Fact]
    public async Task A_southside_user_reaches_no_northside_lead_or_conversation_through_any_endpoint()
    {
        using var north = await ApiKit.ClientAsync(fixture.App, "manager@northside.test");
        var created = await ApiKit.PostAsync(north, "/api/leads", new { customer_phone = LeadKit.NewPhone().E164, customer_name = "Private", type = "other" });
        var lead = created.Json.GetProperty("lead_id").GetGuid();
        var conversation = created.Json.GetProperty("conversation_id").GetGuid();
        using var south = await ApiKit.ClientAsync(fixture.App, "sales1@southside.test");
        var before = await DbSnapshot.TakeAsync(Db);

        var replies = new[]
        {
            await ApiKit.GetAsync(south, $"/api/leads/{lead}"),
            await ApiKit.GetAsync(south, $"/api/conversations/{conversation}/messages"),
            await ApiKit.PostAsync(south, $"/api/conversations/{conversation}/messages", new { body = "hi" }),
            await ApiKit.PostAsync(south, $"/api/leads/{lead}/claim", null),
            await ApiKit.PostAsync(south, $"/api/leads/{lead}/status", new { status = "lost" }),
        };
        using var southManager = await ApiKit.ClientAsync(fixture.App, "manager@southside.test");
        var assign = await ApiKit.PostAsync(southManager, $"/api/leads/{lead}/assign", new { userId = (Guid?)null });

        Assert.All(replies.Append(assign), r => ApiKit.AssertError(r, 403, "MULTI_TENANT_VIOLATION"));
        var list = await ApiKit.GetAsync(southManager, "/api/leads?q=Private");
        Assert.DoesNotContain(list.Data.GetProperty("items").EnumerateArray(), i => i.GetProperty("leadId").GetGuid() == lead);
        await before.AssertUnchangedAsync(Db);
    }

    static async Task<ApiKit.Reply> ImportAsync(HttpClient client, string csv) =>
        await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/leads/import")
        {
            Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"),
        });

    [Fact]
    public async Task A_csv_import_creates_every_row_with_its_conversation()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "manager@northside.test");
        var (a, b) = (LeadKit.NewPhone().E164, LeadKit.NewPhone().E164);

        var reply = await ImportAsync(client, $"customer_phone,customer_name,type,details\n{a},Ann Import,test_drive,\"Weekend, please\"\n{b},Ben Import,financing,\n");

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal(2, reply.Json.GetProperty("imported").GetInt32());
        Assert.Equal("Weekend, please", await Db.ScalarAsync<string>("SELECT details FROM leads WHERE customer_phone = $1", a));
        Assert.Equal("import", await Db.ScalarAsync<string>("SELECT source FROM leads WHERE customer_phone = $1", b));
        await LeadKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task A_csv_import_with_a_bad_row_imports_nothing_and_names_each_rows_problem()
    {
        using var client = await ApiKit.ClientAsync(fixture.App, "manager@northside.test");
        var open = LeadKit.NewPhone().E164;
        await ApiKit.PostAsync(client, "/api/leads", new { customer_phone = open, customer_name = "Already Open", type = "other" });
        var good = LeadKit.NewPhone().E164;
        var before = await DbSnapshot.TakeAsync(Db);

        var invalid = await ImportAsync(client, $"customer_phone,customer_name,type\n{good},Good Row,other\nnope,Bad Phone,other\n{good},Twice,hovercraft\n");
        ApiKit.AssertError(invalid, 400, "VALIDATION_FAILED");
        var rows = invalid.Json.GetProperty("details").GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "customerPhone"), rows);
        Assert.Contains((4, "type"), rows);

        var conflict = await ImportAsync(client, $"customer_phone,customer_name,type\n{good},Good Row,other\n{open},Open Already,other\n");
        ApiKit.AssertError(conflict, 400, "VALIDATION_FAILED");
        Assert.Contains(conflict.Json.GetProperty("details").GetProperty("rows").EnumerateArray(), r => r.GetProperty("row").GetInt32() == 3);

        await before.AssertUnchangedAsync(Db); // the good row of the second file was rolled back with the conflicting one
    }
}
