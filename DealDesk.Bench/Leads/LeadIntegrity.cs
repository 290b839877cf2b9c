using Npgsql;

namespace DealDesk.Bench.Leads;

/// <summary>
/// After the webhook window, the database (read as the superuser, past row-level security) against what the app
/// acknowledged: every acknowledged message stored once, in its number's conversation at the right dealership, none
/// from a redelivery; one lead and one conversation per new number, each lead with its conversation. Each difference
/// is a problem line; none is expected. POSTs that got no 200 may or may not have been stored: those are allowed.
/// </summary>
public static class LeadIntegrity
{
    public sealed record Counts(long MessagesStored, long Leads, long Conversations);

    /// <summary>How many rows (or POSTs) differ, and how.</summary>
    public sealed record Problem(long Count, string What)
    {
        public override string ToString() => $"{Count} {What}";
    }

    public static async Task<(Counts Counts, IReadOnlyList<Problem> Problems)> CheckAsync(string superuserConnectionString,
        IReadOnlyList<Guid> dealerships, WebhookTraffic.Snapshot expected, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        var problems = new List<Problem>();
        Add(problems, expected.RedeliveriesStored, "redelivery POST(s) answered stored=1");
        Add(problems, expected.FirstDeliveriesNotStored, "first delivery POST(s) answered stored≠1");

        // Messages: (provider id, conversation's phone, dealership) for every bench message in the database.
        var stored = new List<(string Id, string Phone, Guid Dealership)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT m.provider_message_id, c.customer_phone, c.dealership_id FROM messages m
            JOIN conversations c ON c.dealership_id = m.dealership_id AND c.id = m.conversation_id
            WHERE m.direction = 'inbound' AND m.provider_message_id LIKE $1
            """, c) { Parameters = { new() { Value = WebhookTraffic.MessageIdPrefix + "%" } } })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) stored.Add((r.GetString(0), r.GetString(1), r.GetGuid(2)));
        var storedIds = stored.Select(s => s.Id).ToHashSet();
        Add(problems, stored.Count - storedIds.Count, "message id(s) stored more than once");
        Add(problems, expected.Messages.Keys.Count(id => !storedIds.Contains(id)), "acknowledged message(s) missing");
        Add(problems, storedIds.Count(id => !expected.Messages.ContainsKey(id) && !expected.UncertainMessageIds.Contains(id)), "stored message(s) never sent");
        Add(problems, stored.Count(s => expected.Messages.TryGetValue(s.Id, out var e) && (e.Phone != s.Phone || dealerships[e.Dealership] != s.Dealership)),
            "message(s) in another number's conversation or dealership");

        // Leads of the bench's numbers, each with how many conversations it has.
        var leads = new List<(string Phone, Guid Dealership, long Conversations)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT l.customer_phone, l.dealership_id,
                   (SELECT count(*) FROM conversations c WHERE c.dealership_id = l.dealership_id AND c.lead_id = l.id)
            FROM leads l WHERE l.customer_phone LIKE $1
            """, c) { Parameters = { new() { Value = WebhookTraffic.PhonePrefix + "%" } } })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) leads.Add((r.GetString(0), r.GetGuid(1), r.GetInt64(2)));
        var leadNumbers = leads.Select(l => l.Phone).ToHashSet();
        Add(problems, leads.Count - leads.Select(l => (l.Phone, l.Dealership)).Distinct().Count(), "duplicate lead(s) for one number");
        Add(problems, expected.NewNumbers.Keys.Count(n => !leadNumbers.Contains(n)), "acknowledged new number(s) without a lead");
        Add(problems, leadNumbers.Count(n => !expected.NewNumbers.ContainsKey(n) && !expected.UncertainNumbers.Contains(n)), "lead(s) for a number that never wrote first");
        Add(problems, leads.Count(l => expected.NewNumbers.TryGetValue(l.Phone, out var d) && dealerships[d] != l.Dealership), "lead(s) in the wrong dealership");
        Add(problems, leads.Count(l => l.Conversations != 1), "lead(s) without exactly one conversation");

        long conversations, orphans;
        await using (var cmd = new NpgsqlCommand("""
            SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.dealership_id = c.dealership_id AND l.id = c.lead_id))
            FROM conversations c WHERE c.customer_phone LIKE $1
            """, c) { Parameters = { new() { Value = WebhookTraffic.PhonePrefix + "%" } } })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            (conversations, orphans) = (r.GetInt64(0), r.GetInt64(1));
        }
        Add(problems, orphans, "conversation(s) without their lead");
        Add(problems, Math.Abs(conversations - leads.Count), "difference between conversations and leads");
        return (new Counts(storedIds.Count, leads.Count, conversations), problems);
    }

    static void Add(List<Problem> problems, long count, string what)
    {
        if (count != 0) problems.Add(new Problem(count, what));
    }
}
