using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;

namespace DealDesk.Bench.Leads;

/// <summary>
/// Outbox delivery: <c>messages</c> replies queued through the app's own path (POST /api/conversations/{id}/messages
/// with the dealership's salesperson token, spread over the webhook's conversations, all inside the 24-hour window)
/// while the Cloud API stand-in holds the sender's first call; then the stand-in opens and the clock runs until the
/// database shows every reply sent (polled every 50 ms). Delivery time = the last reply's status_at − the opening.
/// Afterwards each reply's idempotency reference must have reached the stand-in exactly once, from its dealership's
/// number, and the id the stand-in answered must be the one stored.
/// </summary>
public sealed class OutboxLoad(HttpClient http, CloudApiStandIn standIn, string superuserConnectionString)
{
    public const string BodyPrefix = "Bench reply ";
    static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(70);

    /// <param name="conversations">Conversation id, dealership id; replies go round-robin over them.</param>
    /// <param name="tokens">The bearer token of a salesperson per dealership id.</param>
    /// <param name="phoneNumberIds">The WhatsApp phone number id per dealership id (the number the stand-in must see).</param>
    public async Task<OutboxResult> RunAsync(int messages, int queuers, IReadOnlyList<(Guid Id, Guid Dealership)> conversations,
        IReadOnlyDictionary<Guid, AuthenticationHeaderValue> tokens, IReadOnlyDictionary<Guid, string> phoneNumberIds, Action<string> log, CancellationToken ct)
    {
        if (conversations.Count == 0) throw new InvalidOperationException("The outbox part needs the webhook part's conversations; there are none.");
        // The app abandons a held call after its attempt timeout (LeadLoad sets 80 s, under HttpClient's 100 s): open before that.
        using var holdAtMost = new CancellationTokenSource(HoldAtMost);
        using var openAnyway = holdAtMost.Token.Register(standIn.Open);
        var queueErrors = new ConcurrentDictionary<string, long>();
        var next = -1;
        var queueClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, queuers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < messages; i = Interlocked.Increment(ref next))
            {
                var (id, dealership) = conversations[i % conversations.Count];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"api/conversations/{id}/messages")
                {
                    Content = JsonContent.Create(new { body = BodyPrefix + i }),
                };
                request.Headers.Authorization = tokens[dealership];
                try
                {
                    using var response = await http.SendAsync(request, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    if (response.StatusCode != HttpStatusCode.Created) queueErrors.AddOrUpdate(HttpLoad.ErrorCode(response.StatusCode, body), 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // No answer: the reply may or may not be queued; the database count below says which.
                    queueErrors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        }, ct)));
        var queueSeconds = queueClock.Elapsed.TotalSeconds;
        var queued = messages - queueErrors.Values.Sum();
        var openedEarly = standIn.OpenedAt is not null;
        log($"  {queued} replies queued in {queueSeconds:0.0} s ({queued / queueSeconds:0} /s)" +
            (openedEarly ? $"; the stand-in opened after {HoldAtMost.TotalSeconds:0} s, before the last was queued" : "; the stand-in held the sender's first call, opening it"));
        standIn.Open();
        var opened = standIn.OpenedAt!.Value;
        var timeout = TimeSpan.FromSeconds(60 + messages / 20.0); // 20 messages/s would be a broken sender: stop waiting
        var (done, failed) = (0L, 0L);
        await using var c = await OpenAsync(ct);
        var target = await CountAllAsync(c, ct); // the queued replies: the acknowledged ones, and any whose answer was lost
        using (var timer = new PeriodicTimer(PollEvery))
        {
            var waited = Stopwatch.StartNew();
            while (done + failed < target && waited.Elapsed < timeout && await timer.WaitForNextTickAsync(ct))
                (done, failed) = await CountAsync(c, ct);
        }
        var timedOut = done + failed < target;
        var rows = await RepliesAsync(c, ct);
        var lastSent = rows.Where(r => r.Status is "sent" or "delivered" or "read").Select(r => r.StatusAt).DefaultIfEmpty(opened).Max();
        var drainSeconds = (lastSent - opened).TotalSeconds;

        // Exactly once: every reply's reference reached the stand-in once, from its dealership's number, with the id stored.
        var seen = standIn.ByReference;
        var references = rows.Select(r => r.Reference.ToString()).ToHashSet();
        long doubles = 0, lost = 0, wrongNumber = 0, idMismatch = 0;
        foreach (var row in rows)
        {
            if (!seen.TryGetValue(row.Reference.ToString(), out var delivery))
            {
                lost++;
                continue;
            }
            doubles += delivery.Requests - 1;
            if (delivery.PhoneNumberId != phoneNumberIds[row.Dealership]) wrongNumber++;
            if (row.ProviderId != delivery.ProviderMessageId) idMismatch++;
        }
        var unknown = seen.Keys.Count(k => !references.Contains(k));
        return new OutboxResult(messages, queued, queueSeconds > 0 ? queued / queueSeconds : 0, new Dictionary<string, long>(queueErrors),
            rows.Count, done, failed, drainSeconds, drainSeconds > 0 ? done / drainSeconds : 0, standIn.Requests, doubles, lost,
            wrongNumber, idMismatch, unknown + standIn.Refused, standIn.Abandoned, openedEarly, timedOut);
    }

    static async Task<long> CountAllAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM messages WHERE direction = 'outbound' AND body LIKE $1", c)
        {
            Parameters = { new() { Value = BodyPrefix + "%" } },
        };
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<(long Sent, long Failed)> CountAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE status IN ('sent', 'delivered', 'read')), count(*) FILTER (WHERE status = 'failed')
            FROM messages WHERE direction = 'outbound' AND body LIKE $1
            """, c) { Parameters = { new() { Value = BodyPrefix + "%" } } };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }

    static async Task<List<(Guid Reference, Guid Dealership, string Status, string? ProviderId, DateTimeOffset StatusAt)>> RepliesAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT idempotency_ref, dealership_id, status, provider_message_id, status_at
            FROM messages WHERE direction = 'outbound' AND body LIKE $1
            """, c) { Parameters = { new() { Value = BodyPrefix + "%" } } };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(Guid, Guid, string, string?, DateTimeOffset)>();
        while (await r.ReadAsync(ct))
            rows.Add((r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)));
        return rows;
    }

    async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        return c;
    }
}

/// <summary>The outbox part: replies asked for and queued (with the API's rate and refusals), then delivered and checked against the stand-in.</summary>
public sealed record OutboxResult(int Asked, long Queued, double QueuedPerSecond, IReadOnlyDictionary<string, long> QueueErrors, int InDatabase,
    long Sent, long Failed, double DrainSeconds, double DeliveredPerSecond, long StandInRequests, long Doubles, long Lost, long WrongNumber,
    long IdMismatches, long Unexpected, long Abandoned, bool OpenedEarly, bool TimedOut)
{
    /// <summary>Anything that is not "each queued reply sent exactly once and recorded".</summary>
    public long Problems => Doubles + Lost + WrongNumber + IdMismatches + Unexpected + Failed + Math.Max(0, Queued - InDatabase) + (TimedOut ? 1 : 0);
}
