using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace DealDesk.Bench.Leads;

/// <summary>The leads level's two Markdown tables (webhook, outbox), its checks and notes; also the results/leads-latest.md file.</summary>
public sealed class LeadResultTable(LeadReport report)
{
    public const string FileName = "leads-latest.md";

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    static readonly string[] WebhookHeaders =
        ["senders", "messages/s", "p50 ms", "p95 ms", "p99 ms", "new", "existing", "redelivered", "errors", "retries %", "integrity"];

    static readonly string[] OutboxHeaders =
        ["replies", "queued/s (API)", "delivered/s", "drain s", "stand-in requests", "doubles", "lost", "other problems"];

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("Webhook (POST /api/webhooks/whatsapp, signed, one message each):");
        sb.AppendLine();
        Table(sb, WebhookHeaders, report.Webhook.Select(r => new[]
        {
            r.Senders.ToString(Inv), r.Load.OpsPerSecond.ToString("0.0", Inv), Ms(r.Load.Latency.P50), Ms(r.Load.Latency.P95), Ms(r.Load.Latency.P99),
            N(r.Acknowledged[WebhookKind.New]), N(r.Acknowledged[WebhookKind.Existing]), N(r.Acknowledged[WebhookKind.Redelivery]),
            N(r.Load.Errors), (r.Load.RetriesPercent ?? 0).ToString("0.00", Inv), N(r.Integrity.Sum(p => p.Count)),
        }));
        sb.AppendLine();
        sb.AppendLine("Outbox (replies queued through the API, delivered by the app's sender to the Cloud API stand-in):");
        sb.AppendLine();
        var o = report.Outbox;
        Table(sb, OutboxHeaders,
        [[
            N(o.Queued), o.QueuedPerSecond.ToString("0", Inv), o.DeliveredPerSecond.ToString("0", Inv), o.DrainSeconds.ToString("0.00", Inv),
            N(o.StandInRequests), N(o.Doubles), N(o.Lost), N(o.Problems - o.Doubles - o.Lost),
        ]]);
        return sb.ToString();
    }

    public IReadOnlyList<string> Verdicts()
    {
        var integrity = report.Webhook.Sum(r => r.Integrity.Sum(p => p.Count));
        return
        [
            $"webhook integrity (messages stored once, one lead + one conversation per new number, redeliveries change nothing): {integrity} problem(s) (target 0): {Met(integrity == 0)}",
            $"outbox: every queued reply delivered exactly once and recorded sent: {report.Outbox.Problems} problem(s) (target 0): {Met(report.Outbox.Problems == 0)}",
        ];
    }

    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        foreach (var r in report.Webhook)
        {
            var at = $"webhook @ {r.Senders}";
            if (r.Load.ErrorsByCode.Count > 0) notes.Add($"{at}: errors {Breakdown(r.Load.ErrorsByCode)}");
            if (r.Load.RetriesByCause.Count > 0) notes.Add($"{at}: transaction retries of whatsapp.receive {Breakdown(r.Load.RetriesByCause)}");
            foreach (var p in r.Integrity) notes.Add($"{at}: integrity: {p}");
            notes.Add($"{at}: database after the window (warm-up included, cumulative over sender counts): {N(r.Database.MessagesStored)} bench messages, " +
                $"{N(r.Database.Leads)} leads, {N(r.Database.Conversations)} conversations, each compared with what the app acknowledged");
        }
        var o = report.Outbox;
        if (o.QueueErrors.Count > 0) notes.Add($"outbox: queueing refused {Breakdown(o.QueueErrors)}");
        if (o.Failed > 0) notes.Add($"outbox: {N(o.Failed)} replies ended failed");
        if (o.WrongNumber > 0) notes.Add($"outbox: {N(o.WrongNumber)} replies sent from another dealership's number");
        if (o.IdMismatches > 0) notes.Add($"outbox: {N(o.IdMismatches)} replies stored with another provider id than the stand-in answered");
        if (o.Unexpected > 0) notes.Add($"outbox: {N(o.Unexpected)} stand-in requests for no queued reply (or refused)");
        if (o.Queued != o.InDatabase) notes.Add($"outbox: {N(o.Queued)} replies acknowledged by the API, {N(o.InDatabase)} in the database");
        if (o.TimedOut) notes.Add("outbox: timed out before every reply was sent");
        if (o.OpenedEarly) notes.Add($"outbox: queueing took longer than {OutboxLoad.HoldAtMost.TotalSeconds:0} s, so the stand-in opened before the last reply was queued: the drain overlaps queueing");
        if (o.Abandoned > 0) notes.Add($"outbox: the app abandoned {N(o.Abandoned)} call(s) held at the stand-in's gate (attempt timeout) and sent them again; not counted as doubles");
        if (report.AppLogProblems > 0) notes.Add($"the app logged {report.AppLogProblems} warning(s)/error(s): results/leads-app.log");
        return notes;
    }

    /// <summary>Writes results/leads-latest.md: context, both tables, the checks and the notes.</summary>
    public string WriteFile(string resultsDirectory, string command, DateTime startedUtc, string loadAverage, int durationSeconds, double warmupSeconds)
    {
        Directory.CreateDirectory(resultsDirectory);
        var path = Path.Combine(resultsDirectory, FileName);
        var sb = new StringBuilder();
        sb.AppendLine("# DealDesk benchmark: lead inbox (WhatsApp webhook and outbox)");
        sb.AppendLine();
        sb.AppendLine($"- run: {startedUtc:yyyy-MM-dd HH:mm} UTC, `{command}`");
        sb.AppendLine($"- machine: {Environment.ProcessorCount} cores shared by the load generator, the app, the stand-in and PostgreSQL, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}; load average (1/5/15 min) {loadAverage}");
        sb.AppendLine("- database: embedded ephemeral PostgreSQL cluster (fsync=off, synchronous_commit=off) on 127.0.0.1");
        sb.AppendLine($"- webhook: {durationSeconds} s measured after {warmupSeconds:0.#} s warm-up per sender count, closed loop; mix " +
            $"{WebhookTraffic.NewShare:P0} new numbers, {1 - WebhookTraffic.NewShare - WebhookTraffic.RedeliveryShare:P0} existing conversations, " +
            $"{WebhookTraffic.RedeliveryShare:P0} redeliveries, over both demo dealerships' phone number ids (new/existing/redelivered columns: acknowledged, warm-up included)");
        sb.AppendLine($"- outbox: {N(report.OutboxMessages)} replies queued while the stand-in held the sender's first call, then timed from its opening to the last reply marked sent; " +
            (report.StandInLatency > TimeSpan.Zero ? $"the stand-in answers after {report.StandInLatency.TotalMilliseconds:0} ms (a simulated Cloud API round trip)" : "the stand-in answers at once (no simulated round trip)"));
        sb.AppendLine();
        sb.Append(ToMarkdown());
        sb.AppendLine();
        foreach (var line in Verdicts()) sb.AppendLine($"**{line}**  ");
        var notes = Notes();
        if (notes.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Notes:");
            sb.AppendLine();
            foreach (var note in notes) sb.AppendLine($"- {note}");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    static void Table(StringBuilder sb, string[] headers, IEnumerable<string[]> rows)
    {
        sb.AppendLine("| " + string.Join(" | ", headers) + " |");
        sb.AppendLine("|" + string.Join("|", headers.Select(_ => "---:")) + "|");
        foreach (var row in rows) sb.AppendLine("| " + string.Join(" | ", row) + " |");
    }

    static string Breakdown(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} ×{kv.Value}"));

    static string N(long n) => n.ToString("N0", Inv);

    static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", Inv);

    static string Met(bool met) => met ? "met" : "MISSED";
}
