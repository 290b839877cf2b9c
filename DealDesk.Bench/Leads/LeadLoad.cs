using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DealDesk.Web.WhatsApp;
using Npgsql;

namespace DealDesk.Bench.Leads;

/// <summary>
/// The leads level: the real app (hosted on Kestrel in this process) with a configured WhatsApp app secret and its
/// Cloud API client pointed at <see cref="CloudApiStandIn"/>. First, per sender count, signed webhook POSTs in a
/// closed loop (<see cref="WebhookTraffic"/>'s mix) with the database checked after each window
/// (<see cref="LeadIntegrity"/>); then the outbox part (<see cref="OutboxLoad"/>) on the conversations they created.
/// </summary>
public sealed class LeadLoad(BenchDatabase database, IReadOnlyList<BenchTenant> tenants, TimeSpan warmup, TimeSpan duration, int outboxMessages,
    TimeSpan standInLatency, string appLogPath)
{
    public const string Level = "webhook";
    const string ReceiveOperation = "whatsapp.receive";

    public async Task<LeadReport> RunAsync(IReadOnlyList<int> senderCounts, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(appLogPath)!);
        File.Delete(appLogPath);
        try
        {
            return await RunAppAsync(senderCounts, log, ct);
        }
        finally
        {
            // Kept only when the app had something to say.
            if (File.Exists(appLogPath) && new FileInfo(appLogPath).Length == 0) File.Delete(appLogPath);
        }
    }

    async Task<LeadReport> RunAppAsync(IReadOnlyList<int> senderCounts, Action<string> log, CancellationToken ct)
    {
        await using var standIn = await CloudApiStandIn.StartAsync(standInLatency, ct);
        var secret = WhatsAppOptions.DemoAppSecret;
        await using var app = new BenchAppFactory(database, appLogPath, new Dictionary<string, string>
        {
            ["WhatsApp:AppSecret"] = secret,
            ["WhatsApp:AccessToken"] = CloudApiStandIn.AccessToken,
            ["WhatsApp:ApiBaseUrl"] = standIn.BaseUrl,
            // The stand-in holds the sender's first call while the outbox backlog is queued (at most OutboxLoad.HoldAtMost);
            // the client's HttpClient gives up at 100 s whatever the attempt timeout says.
            ["WhatsApp:AttemptTimeout"] = "00:01:20",
        });
        var baseAddress = app.Start();
        log($"App listening on {baseAddress} (WhatsApp app secret set, Cloud API stand-in at {standIn.BaseUrl})");
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, senderCounts.Max()), PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false, AllowAutoRedirect = false, UseProxy = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var superuser = database.SuperuserConnectionStringFor(database.DatabaseName);
        var numbers = await PhoneNumberIdsAsync(superuser, ct);
        var traffic = new WebhookTraffic(secret, [.. numbers.Select(n => n.PhoneNumberId)]);
        var dealerships = numbers.Select(n => n.Dealership).ToArray();
        using var retries = new RetryCounter(ReceiveOperation);
        var runner = new LoadRunner(warmup, duration, retries);

        var webhook = new List<WebhookResult>();
        foreach (var senders in senderCounts)
        {
            log($"leads level: webhook, {senders} sender(s) over {numbers.Count} dealership number(s)");
            var before = traffic.Take().AcknowledgedByKind;
            var load = await runner.RunAsync(Level, senders, (_, _, token) => PostAsync(http, traffic, token), ct);
            var expected = traffic.Take();
            var (counts, problems) = await LeadIntegrity.CheckAsync(superuser, dealerships, expected, ct);
            var acknowledged = expected.AcknowledgedByKind.ToDictionary(kv => kv.Key, kv => kv.Value - before[kv.Key]);
            webhook.Add(new WebhookResult(senders, load, acknowledged, counts, problems));
            log($"  {load.OpsPerSecond:0.0} messages/s, p99 {load.Latency.P99:0.0} ms, {load.Errors} error(s); database: {counts.MessagesStored} messages, " +
                $"{counts.Leads} leads, {counts.Conversations} conversations; integrity problems {problems.Sum(p => p.Count)}");
        }

        log($"leads level: outbox, {outboxMessages} replies");
        var tokens = new Dictionary<Guid, AuthenticationHeaderValue>();
        foreach (var tenant in tenants.Where(t => dealerships.Contains(t.DealershipId)))
            tokens[tenant.DealershipId] = new AuthenticationHeaderValue("Bearer", await HttpLoad.BearerTokenAsync(http, tenant.SalesEmail, ct));
        var conversations = await ConversationsAsync(superuser, ct);
        var outbox = await new OutboxLoad(http, standIn, superuser).RunAsync(outboxMessages, Math.Max(1, senderCounts.Max()),
            [.. conversations.Where(c => tokens.ContainsKey(c.Dealership))], tokens, numbers.ToDictionary(n => n.Dealership, n => n.PhoneNumberId), log, ct);
        log($"  {outbox.Sent} sent in {outbox.DrainSeconds:0.00} s ({outbox.DeliveredPerSecond:0} /s); stand-in: {outbox.StandInRequests} requests, " +
            $"{outbox.Doubles} doubles, {outbox.Lost} lost");

        var logged = app.LoggedProblems();
        if (logged > 0) log($"The app logged {logged} warning(s)/error(s); see {appLogPath}");
        return new LeadReport(webhook, outbox, outboxMessages, standInLatency, logged);
    }

    /// <summary>One signed POST of the mix; the app's answer recorded in <paramref name="traffic"/>. Null = acknowledged (200).</summary>
    static async Task<string?> PostAsync(HttpClient http, WebhookTraffic traffic, CancellationToken ct)
    {
        var sent = traffic.Next();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/whatsapp") { Content = new ByteArrayContent(sent.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.Header, sent.Signature);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                traffic.Failed(sent);
                return HttpLoad.ErrorCode(response.StatusCode, body);
            }
            using var doc = JsonDocument.Parse(body);
            traffic.Acknowledged(sent, doc.RootElement.GetProperty("stored").GetInt32());
            return null;
        }
        catch
        {
            traffic.Failed(sent);
            throw;
        }
    }

    /// <summary>The dealerships with a WhatsApp number (the demo seed gives both one), in number order.</summary>
    async Task<List<(Guid Dealership, string PhoneNumberId)>> PhoneNumberIdsAsync(string superuser, CancellationToken ct)
    {
        var ids = tenants.Select(t => t.DealershipId).ToArray();
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT id, whatsapp_phone_number_id FROM dealerships WHERE id = ANY($1) AND whatsapp_phone_number_id IS NOT NULL ORDER BY 2", c)
        {
            Parameters = { new() { Value = ids } },
        };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(Guid, string)>();
        while (await r.ReadAsync(ct)) rows.Add((r.GetGuid(0), r.GetString(1)));
        return rows.Count > 0 ? rows : throw new InvalidOperationException("No demo dealership has a WhatsApp phone number id.");
    }

    /// <summary>The webhook's conversations, oldest first: the outbox replies go round-robin over them.</summary>
    static async Task<List<(Guid Id, Guid Dealership)>> ConversationsAsync(string superuser, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT id, dealership_id FROM conversations WHERE customer_phone LIKE $1 AND status = 'active' AND NOT opted_out ORDER BY created_at", c)
        {
            Parameters = { new() { Value = WebhookTraffic.PhonePrefix + "%" } },
        };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(Guid, Guid)>();
        while (await r.ReadAsync(ct)) rows.Add((r.GetGuid(0), r.GetGuid(1)));
        return rows;
    }
}

/// <summary>The webhook part at one sender count: the load, what was acknowledged by kind (warm-up included), the database's counts and mismatches.</summary>
public sealed record WebhookResult(int Senders, LevelResult Load, IReadOnlyDictionary<WebhookKind, long> Acknowledged, LeadIntegrity.Counts Database,
    IReadOnlyList<LeadIntegrity.Problem> Integrity);

/// <summary>The whole leads level.</summary>
public sealed record LeadReport(IReadOnlyList<WebhookResult> Webhook, OutboxResult Outbox, int OutboxMessages, TimeSpan StandInLatency, int AppLogProblems);
