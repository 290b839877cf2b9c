using System.Globalization;
using System.Text;

namespace DealDesk.Bench;

/// <summary>The one results table (console text and Markdown), the target verdicts at 8 clients, and the notes behind the numbers.</summary>
public sealed class ResultTable(IReadOnlyList<LevelResult> rows)
{
    public const int TargetClients = 8;
    public const double TargetP99Ms = 25;
    public const double TargetShareOfPgBench = 30;
    public const double TargetRetriesPercent = 1;

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly string[] Headers = ["level", "clients", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors", "retries %", "vs pgbench"];

    IEnumerable<string[]> Cells() => rows
        .OrderBy(r => Array.IndexOf(BenchOptions.AllLevels, r.Level)).ThenBy(r => r.Clients)
        .Select(r => new[]
        {
            r.Level, r.Clients.ToString(Inv), r.OpsPerSecond.ToString("0.0", Inv),
            Ms(r.Latency.P50), Ms(r.Latency.P95), Ms(r.Latency.P99),
            r.Errors.ToString(Inv), r.RetriesPercent is { } p ? p.ToString("0.00", Inv) : "n/a",
            PgBenchRatio(r) is { } x ? x.ToString("0.00", Inv) + "x" : "n/a",
        });

    public string ToText()
    {
        var cells = Cells().ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i])));
        var sb = new StringBuilder();
        sb.AppendLine(Line(Headers));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var c in cells) sb.AppendLine(Line(c));
        return sb.ToString();
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", Headers) + " |");
        sb.AppendLine("|" + string.Join("|", Headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var c in Cells()) sb.AppendLine("| " + string.Join(" | ", c) + " |");
        return sb.ToString();
    }

    /// <summary>"at 8 clients: service p99 X ms (target ≤ 25 ms), throughput Y% of pgbench (target ≥ 30%), retries Z% (target &lt; 1%)", then met/missed.</summary>
    public IReadOnlyList<string> Verdicts()
    {
        var service = Find(Level.Service, TargetClients);
        if (service is null) return [$"at {TargetClients} clients: no service-level row (run with {TargetClients} in --clients and the service level)."];
        var pgbench = Find(Level.PgBench, TargetClients);
        var share = pgbench is { OpsPerSecond: > 0 } ? 100 * service.OpsPerSecond / pgbench.OpsPerSecond : (double?)null;
        var p99 = service.Latency.P99;
        var retries = service.RetriesPercent ?? double.NaN;
        var shareText = share is { } s ? s.ToString("0.0", Inv) + "%" : "n/a";
        return
        [
            $"at {TargetClients} clients: service p99 {Ms(p99)} ms (target ≤ {TargetP99Ms:0} ms), " +
            $"throughput {shareText} of pgbench (target ≥ {TargetShareOfPgBench:0}%), retries {retries.ToString("0.00", Inv)}% (target < {TargetRetriesPercent:0}%)",
            $"verdict: p99 {Met(p99 <= TargetP99Ms)}, throughput {(share is { } v ? Met(v >= TargetShareOfPgBench) : "not measured (no pgbench row)")}, " +
            $"retries {Met(retries < TargetRetriesPercent)}",
        ];
    }

    /// <summary>What the numbers hide: error codes, retry causes, and per-row remarks.</summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        foreach (var r in rows)
        {
            var where = $"{r.Level} @ {r.Clients}";
            if (r.ErrorsByCode.Count > 0)
                notes.Add($"{where}: errors {string.Join(", ", r.ErrorsByCode.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} ×{kv.Value}"))}");
            if (r.RetriesByCause.Count > 0)
                notes.Add($"{where}: retries by SQLSTATE {string.Join(", ", r.RetriesByCause.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} ×{kv.Value}"))}");
            if (r.Note is not null) notes.Add($"{where}: {r.Note}");
        }
        return notes;
    }

    double? PgBenchRatio(LevelResult r) =>
        Find(Level.PgBench, r.Clients) is { OpsPerSecond: > 0 } baseline ? r.OpsPerSecond / baseline.OpsPerSecond : null;

    LevelResult? Find(string level, int clients) => rows.FirstOrDefault(r => r.Level == level && r.Clients == clients);

    static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", Inv);

    static string Met(bool met) => met ? "met" : "MISSED";
}
