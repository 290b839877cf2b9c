using System.Runtime.InteropServices;
using System.Text;

namespace DealDesk.Bench;

/// <summary>Writes the run as Markdown to DealDesk.Bench/results/latest.md (quotes-latest.md for a quotes-only run): context, the tables, verdicts and notes.</summary>
public static class ResultsFile
{
    public static string Write(string resultsDirectory, RunContext run, ResultTable table, QuoteResultTable? quotes = null)
    {
        Directory.CreateDirectory(resultsDirectory);
        // A quotes-only run has its own file, so it does not replace the deal-creation results.
        var quotesOnly = run.Options.Levels.SequenceEqual([Level.Quotes]);
        var path = Path.Combine(resultsDirectory, quotesOnly ? "quotes-latest.md" : "latest.md");
        var sb = new StringBuilder();
        sb.AppendLine(quotesOnly ? "# DealDesk benchmark: quote saves" : "# DealDesk benchmark: deal creation");
        sb.AppendLine();
        sb.AppendLine($"- run: {run.StartedUtc:yyyy-MM-dd HH:mm} UTC, `dotnet run -c Release --project DealDesk.Bench{(run.Arguments.Length == 0 ? "" : " -- " + string.Join(' ', run.Arguments))}`");
        sb.AppendLine($"- window: {run.Options.DurationSeconds} s measured after {run.Options.WarmupSeconds:0.#} s warm-up, per level and client count");
        sb.AppendLine($"- machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average (1/5/15 min) {run.LoadAverage}");
        sb.AppendLine($"- database: PostgreSQL {run.ServerVersion}, embedded ephemeral cluster (fsync=off, synchronous_commit=off) on 127.0.0.1; app pool max {run.PoolMax}");
        if (!quotesOnly)
        {
            var o = run.Options;
            sb.AppendLine($"- every creation = new customer + distinct available vehicle (stock: {o.VehiclesFor(0):N0} extra for the first dealership, {o.VehiclesFor(o.TenantCount - 1):N0} for the last); " +
                $"worker i acts for dealership i mod N: N = {o.Dealerships} for service/http" + (o.Runs(Level.Service50) || o.Runs(Level.Http50) ? $", N = {BenchOptions.SpreadDealerships} for service-50/http-50" : ""));
        }
        if (run.Options.Levels.Contains(Level.Quotes))
            sb.AppendLine($"- quotes level: {string.Join(", ", run.Options.QuoteClients)} concurrent editors, {run.Options.EditorsPerQuote} per quote, each saving its last version {(run.Options.ThinkMs == 0 ? "in a closed loop (no think time)" : $"after ~{run.Options.ThinkMs} ms of think time (exponential)")}, re-reading after a conflict; save rate limit raised");
        var hasDealRows = run.Options.Levels.Any(l => l != Level.Quotes);
        if (hasDealRows)
        {
            sb.AppendLine();
            sb.Append(table.ToMarkdown());
            sb.AppendLine();
            foreach (var line in table.Verdicts()) sb.AppendLine($"**{line}**  ");
        }
        if (quotes is { IsEmpty: false })
        {
            sb.AppendLine();
            sb.AppendLine("Quote saves (PATCH /api/quotes/{id}) through the HTTP API:");
            sb.AppendLine();
            sb.Append(quotes.ToMarkdown());
            sb.AppendLine();
            foreach (var line in quotes.Verdicts()) sb.AppendLine($"**{line}**  ");
        }
        var notes = table.Notes().Concat(quotes?.Notes() ?? []).Concat(run.Problems).ToList();
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
}

/// <summary>What the results file says about the run besides the rows.</summary>
public sealed record RunContext(BenchOptions Options, string[] Arguments, DateTime StartedUtc, string ServerVersion, int PoolMax,
    string LoadAverage, IReadOnlyList<string> Problems);
