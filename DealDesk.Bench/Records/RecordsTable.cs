using System.Globalization;
using System.Text;

namespace DealDesk.Bench.Records;

/// <summary>The records level's table (Markdown, also printed) and its verdict.</summary>
public sealed class RecordsTable(IReadOnlyList<RecordsResult> rows)
{
    /// <summary>A grid or a type-ahead that keeps up with typing: a debounced search fires every 300 ms at most.</summary>
    public const double TargetP95Ms = 50;

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| read | dealership | vehicles | customers | calls | p50 ms | p95 ms | p99 ms | max ms | matches (avg) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            sb.AppendLine($"| {r.Read} | {r.Dealership.Tenant.Name} (#{r.Dealership.Rank}) | {r.Dealership.Vehicles.ToString("N0", Inv)} | " +
                $"{r.Dealership.Customers.ToString("N0", Inv)} | {r.Latency.Count} | {Ms(r.Latency.P50)} | {Ms(r.Latency.P95)} | {Ms(r.Latency.P99)} | " +
                $"{Ms(r.Latency.Max)} | {r.AverageMatches.ToString("N0", Inv)} |");
        return sb.ToString();
    }

    /// <summary>Every read at the largest dealership within the target, and how much slower it is there than at the median one.</summary>
    public IReadOnlyList<string> Verdicts()
    {
        if (rows.Count == 0) return [];
        var largest = rows.Where(r => r.Dealership.Rank == rows.Min(x => x.Dealership.Rank)).ToList();
        var slowest = largest.MaxBy(r => r.Latency.P95)!;
        var missed = largest.Where(r => r.Latency.P95 > TargetP95Ms).Select(r => r.Read).ToList();
        return
        [
            $"largest dealership: slowest p95 {Ms(slowest.Latency.P95)} ms ({slowest.Read}); target p95 ≤ {TargetP95Ms:0} ms for every read: " +
            (missed.Count == 0 ? "met" : $"MISSED by {string.Join(", ", missed)}"),
        ];
    }

    static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", Inv);
}
