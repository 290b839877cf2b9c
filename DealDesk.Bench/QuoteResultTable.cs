using System.Globalization;
using System.Text;

namespace DealDesk.Bench;

/// <summary>The quote-save table (console and Markdown) and its verdict at 1,000 clients: p95 ≤ 250 ms, p99 ≤ 500 ms, no lost update.</summary>
public sealed class QuoteResultTable(IReadOnlyList<QuoteLevelResult> rows)
{
    public const int TargetClients = 1000;
    public const double TargetP95Ms = 250, TargetP99Ms = 500;

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly string[] Headers = ["clients", "quotes", "saves/s", "p50 ms", "p95 ms", "p99 ms", "conflicts", "conflict %", "errors", "lost updates"];

    public bool IsEmpty => rows.Count == 0;

    IEnumerable<string[]> Cells() => rows.OrderBy(r => r.Clients).Select(r =>
    {
        var errors = r.Errors.Values.Sum();
        var attempts = r.Latency.Count + r.Conflicts + errors;
        return new[]
        {
            r.Clients.ToString(Inv), r.Quotes.ToString(Inv), r.SavesPerSecond.ToString("0.0", Inv),
            Ms(r.Latency.P50), Ms(r.Latency.P95), Ms(r.Latency.P99), r.Conflicts.ToString(Inv),
            (attempts > 0 ? 100.0 * r.Conflicts / attempts : 0).ToString("0.0", Inv), errors.ToString(Inv), r.LostUpdates.ToString(Inv),
        };
    });

    public string ToText()
    {
        var cells = Cells().ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((v, i) => v.PadLeft(widths[i])));
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
        sb.AppendLine("|" + string.Join("|", Headers.Select(_ => "---:")) + "|");
        foreach (var c in Cells()) sb.AppendLine("| " + string.Join(" | ", c) + " |");
        return sb.ToString();
    }

    public IReadOnlyList<string> Verdicts()
    {
        var lost = rows.Sum(r => r.LostUpdates);
        var lostLine = $"lost updates over all levels: {lost} (target 0): {(lost == 0 ? "met" : "MISSED")}";
        var target = rows.FirstOrDefault(r => r.Clients == TargetClients);
        if (target is null) return [$"quotes at {TargetClients} clients: no row (run with {TargetClients} in --quote-clients).", lostLine];
        return
        [
            $"quotes at {TargetClients} clients: p95 {Ms(target.Latency.P95)} ms (target ≤ {TargetP95Ms:0}): {Met(target.Latency.P95 <= TargetP95Ms)}, " +
            $"p99 {Ms(target.Latency.P99)} ms (target ≤ {TargetP99Ms:0}): {Met(target.Latency.P99 <= TargetP99Ms)}",
            lostLine,
        ];
    }

    public IReadOnlyList<string> Notes() =>
    [
        .. rows.Where(r => r.Errors.Count > 0).Select(r =>
            $"quotes @ {r.Clients}: errors {string.Join(", ", r.Errors.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} ×{kv.Value}"))}"),
        .. rows.Select(r => $"quotes @ {r.Clients}: {r.AcknowledgedSaves} saves acknowledged over warm-up and window, all checked in the database"),
    ];

    static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", Inv);

    static string Met(bool met) => met ? "met" : "MISSED";
}
