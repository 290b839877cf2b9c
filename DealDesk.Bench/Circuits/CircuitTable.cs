using System.Globalization;
using System.Text;

namespace DealDesk.Bench.Circuits;

/// <summary>The interactive level's table and its verdicts against the targets (≤ 1 MB per idle circuit; interaction p99 ≤ 100 ms at 50 circuits).</summary>
public sealed class CircuitTable(IReadOnlyList<CircuitResult> rows)
{
    const double IdleTargetMb = 1.0;
    const double InteractionP99TargetMs = 100;
    const int TargetCircuits = 50;

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| circuits | idle WS MB/circuit | idle heap MB/circuit | active WS MB/circuit | active heap MB/circuit | interactions | p50 ms | p95 ms | p99 ms | deals created | create p50 ms | create p99 ms | errors |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            sb.AppendLine(string.Join(" | ", "", r.Circuits, F(r.IdleWorkingSetPerCircuitMb), F(r.IdleHeapPerCircuitMb), F(r.ActiveWorkingSetPerCircuitMb),
                F(r.ActiveHeapPerCircuitMb), r.Interactions.Count, F(r.Interactions.P50), F(r.Interactions.P95), F(r.Interactions.P99),
                r.Creations.Count, F(r.Creations.P50), F(r.Creations.P99), r.Errors, "").Trim());
        // Where the machine's CPU went: the load generator (Chromium, Playwright's driver) shares the cores with the app.
        sb.AppendLine();
        sb.AppendLine("| circuits | idle CPU % app | idle CPU % Chromium | active CPU % app | active CPU % Chromium | active CPU % PostgreSQL | active CPU % other | app CPU ms per deal |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            sb.AppendLine(string.Join(" | ", "", r.Circuits, P(r.IdleCpu, "app"), P(r.IdleCpu, "chromium"), P(r.ActiveCpu, "app"), P(r.ActiveCpu, "chromium"),
                P(r.ActiveCpu, "postgres"), P(r.ActiveCpu, "other"), F(AppMsPerDeal(r)), "").Trim());
        return sb.ToString();
    }

    /// <summary>
    /// The app's CPU for one round (dialog, create, deal page, back to the list), from the active window's CPU and the
    /// rounds finished; an upper bound, as the window also holds the app's background work and unfinished rounds.
    /// </summary>
    static double AppMsPerDeal(CircuitResult r) =>
        r.Creations.Count > 0 && r.ActiveCpu.Seconds.TryGetValue("app", out var s) ? 1000 * s / r.Creations.Count : double.NaN;

    public IEnumerable<string> Verdicts()
    {
        foreach (var r in rows)
            yield return $"{r.Circuits} circuits: idle managed heap {F(r.IdleHeapPerCircuitMb)} MB per circuit " +
                         $"({(r.IdleHeapPerCircuitMb <= IdleTargetMb ? "within" : "over")} the {IdleTargetMb} MB target)";
        if (rows.FirstOrDefault(r => r.Circuits == TargetCircuits) is { } at50)
            yield return $"interaction p99 at {TargetCircuits} circuits: {F(at50.Interactions.P99)} ms " +
                         $"({(at50.Interactions.P99 <= InteractionP99TargetMs ? "within" : "over")} the {InteractionP99TargetMs} ms target); " +
                         $"meanwhile the app used {P(at50.ActiveCpu, "app")} % of the machine's CPU and Chromium {P(at50.ActiveCpu, "chromium")} %";
    }

    static string P(CpuUse cpu, string group) => double.IsNaN(cpu.Percent(group)) ? "n/a" : cpu.Percent(group).ToString("0", CultureInfo.InvariantCulture);

    static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);
}
