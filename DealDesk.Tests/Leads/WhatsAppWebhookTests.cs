using System.Net;
using System.Text;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.WhatsApp;

namespace DealDesk.Tests.Leads;

/// <summary>POST/GET /api/webhooks/whatsapp through the real app: signature, handshake, tenants, redelivery, statuses.</summary>
public sealed class WhatsAppWebhookTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    const string Path = "/api/webhooks/whatsapp";
    TestDatabase Db => fixture.Db;

    async Task<ApiKit.Reply> PostAsync(string body, string? signature)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = LeadKit.Json(body) };
        if (signature is not null) request.Headers.Add(WebhookSignature.Header, signature);
        return await ApiKit.SendAsync(client, request);
    }

    static string Sign(string body, string secret = LeadKit.Secret) => WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), secret);

    [Fact]
    public async Task A_correctly_signed_message_creates_lead_conversation_and_message()
    {
        var (wa, e164) = LeadKit.NewPhone();
        var body = LeadKit.MessagePayload(LeadKit.NorthNumberId, wa, "wamid.sig.ok", "Is the RAV4 available?", "Jamie Rivera");

        var reply = await PostAsync(body, Sign(body));

        Assert.Equal(200, reply.Status);
        var demo = await Db.DemoAsync();
        Assert.Equal("Jamie Rivera", await Db.ScalarAsync<string>("SELECT customer_name FROM leads WHERE customer_phone = $1", e164));
        Assert.Equal("whatsapp", await Db.ScalarAsync<string>("SELECT source FROM leads WHERE customer_phone = $1", e164));
        Assert.Equal(demo.North.DealershipId, await Db.ScalarAsync<Guid>("SELECT dealership_id FROM conversations WHERE customer_phone = $1", e164));
        Assert.Equal("Is the RAV4 available?", await Db.ScalarAsync<string>("SELECT body FROM messages WHERE provider_message_id = 'wamid.sig.ok'"));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("missing")]
    [InlineData("altered")]
    [InlineData("other-secret")]
    public async Task A_wrong_missing_or_stale_signature_is_401_and_writes_nothing(string how)
    {
        var (wa, e164) = LeadKit.NewPhone();
        var body = LeadKit.MessagePayload(LeadKit.NorthNumberId, wa, "wamid.sig." + how, "Hello");
        var (sent, signature) = how switch
        {
            "wrong" => (body, "sha256=" + new string('0', 64)),
            "missing" => (body, (string?)null),
            "altered" => (body.Replace("Hello", "Hullo", StringComparison.Ordinal), Sign(body)),
            _ => (body, Sign(body, "not-the-secret")),
        };

        var reply = await PostAsync(sent, signature);

        ApiKit.AssertError(reply, 401, "AUTHENTICATION_FAILED");
        Assert.Equal(0, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", e164));
        Assert.Equal(0, await LeadKit.CountAsync(Db, "SELECT count(*) FROM messages WHERE provider_message_id = $1", "wamid.sig." + how));
    }

    [Fact]
    public async Task Malformed_json_is_a_typed_400()
    {
        const string body = "{\"object\": \"whatsapp_business_account\", \"entry\": [";
        ApiKit.AssertError(await PostAsync(body, Sign(body)), 400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task An_unknown_phone_number_id_is_200_and_nothing_is_written()
    {
        var (wa, e164) = LeadKit.NewPhone();
        var body = LeadKit.MessagePayload("109999999999999", wa, "wamid.unknown", "Hello");

        var reply = await PostAsync(body, Sign(body));

        Assert.Equal(200, reply.Status);
        Assert.Equal(0, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1", e164));
    }

    [Fact]
    public async Task A_phone_number_id_of_one_dealership_never_lands_in_the_other()
    {
        var demo = await Db.DemoAsync();
        var (wa, e164) = LeadKit.NewPhone();
        var body = LeadKit.MessagePayload(LeadKit.SouthNumberId, wa, "wamid.south", "Hi South");

        Assert.Equal(200, (await PostAsync(body, Sign(body))).Status);

        Assert.Equal(demo.South.DealershipId, await Db.ScalarAsync<Guid>("SELECT dealership_id FROM leads WHERE customer_phone = $1", e164));
        Assert.Equal(0, await LeadKit.CountAsync(Db, "SELECT count(*) FROM leads WHERE customer_phone = $1 AND dealership_id = $2", e164, demo.North.DealershipId));
    }

    [Fact]
    public async Task A_redelivered_message_changes_nothing()
    {
        var (wa, _) = LeadKit.NewPhone();
        var body = LeadKit.MessagePayload(LeadKit.NorthNumberId, wa, "wamid.redeliver", "Once");
        Assert.Equal(200, (await PostAsync(body, Sign(body))).Status);
        var before = await DbSnapshot.TakeAsync(Db);

        Assert.Equal(200, (await PostAsync(body, Sign(body))).Status);

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Statuses_move_forward_only()
    {
        var (wa, e164) = LeadKit.NewPhone();
        var inbound = LeadKit.MessagePayload(LeadKit.NorthNumberId, wa, "wamid.st.in", "Hi");
        await PostAsync(inbound, Sign(inbound));
        var conversation = await Db.ScalarAsync<Guid>("SELECT id FROM conversations WHERE customer_phone = $1", e164);
        var message = await Db.ScalarAsync<Guid>(
            """
            INSERT INTO messages (dealership_id, conversation_id, direction, body, provider_message_id, status, idempotency_ref, attempts, created_at, status_at)
            SELECT dealership_id, id, 'outbound', 'Hello back', 'wamid.st.out', 'sent', gen_random_uuid(), 1, now(), now() FROM conversations WHERE id = $1
            RETURNING id
            """, conversation);

        foreach (var status in new[] { "read", "delivered", "sent", "failed" })
        {
            var body = LeadKit.StatusPayload(LeadKit.NorthNumberId, "wamid.st.out", status);
            Assert.Equal(200, (await PostAsync(body, Sign(body))).Status);
        }

        Assert.Equal("read", await Db.ScalarAsync<string>("SELECT status FROM messages WHERE id = $1", message));
    }

    [Fact]
    public async Task A_status_that_beats_the_senders_record_finds_its_message_by_the_idempotency_reference()
    {
        var (wa, e164) = LeadKit.NewPhone();
        var inbound = LeadKit.MessagePayload(LeadKit.NorthNumberId, wa, "wamid.ref.in", "Hi");
        await PostAsync(inbound, Sign(inbound));
        var reference = Guid.NewGuid();
        var message = await Db.ScalarAsync<Guid>(
            """
            INSERT INTO messages (dealership_id, conversation_id, direction, body, status, idempotency_ref, attempts, created_at, status_at)
            SELECT dealership_id, id, 'outbound', 'Hello back', 'sending', $2, 1, now(), now() FROM conversations WHERE customer_phone = $1
            RETURNING id
            """, e164, reference);

        var body = LeadKit.StatusPayload(LeadKit.NorthNumberId, "wamid.ref.out", "delivered", reference.ToString());
        Assert.Equal(200, (await PostAsync(body, Sign(body))).Status);

        Assert.Equal("delivered", await Db.ScalarAsync<string>("SELECT status FROM messages WHERE id = $1", message));
        Assert.Equal("wamid.ref.out", await Db.ScalarAsync<string>("SELECT provider_message_id FROM messages WHERE id = $1", message));
    }

    [Theory]
    [InlineData("subscribe", LeadAppFixture.VerifyToken, 200)]
    [InlineData("subscribe", "wrong-token", 403)]
    [InlineData("unsubscribe", LeadAppFixture.VerifyToken, 403)]
    public async Task The_verification_handshake_echoes_the_challenge_only_for_the_right_token(string mode, string token, int status)
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync($"{Path}?hub.mode={mode}&hub.verify_token={token}&hub.challenge=1158201444");

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
        }
    }
}
