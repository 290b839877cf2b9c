using System.Diagnostics;
using System.Runtime.InteropServices;
using DealDesk.Data.Database;
using DealDesk.Data.Deals;
using Microsoft.Extensions.Configuration;

namespace DealDesk.Bench;

/// <summary>
/// Entry point. Not top-level statements: those would generate a global <c>Program</c> clashing with the
/// web app's (which <see cref="BenchAppFactory"/> hosts).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            if (ex.Message != BenchOptions.Usage) Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        // Ctrl+C and SIGTERM cancel the run so the finally blocks stop PostgreSQL and delete the cluster. SIGTERM
        // needs its own handler: the hosted app's lifetime also catches it and would otherwise only stop the app.
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            cancel.Cancel();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var clock = Stopwatch.StartNew();
        void Log(string line) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");

        // The shared settings the web app reads (pool size, timeouts), environment variables (DB_POOL_MAX, ...) on top.
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = DatabaseSettings.From(config);
        var startedUtc = DateTime.UtcNow;
        var loadBefore = MachineLoad.Read();
        var rows = new List<LevelResult>();
        var quoteRows = new List<QuoteLevelResult>();
        Circuits.CircuitTable? circuitTable = null;
        Records.RecordsTable? recordsTable = null;
        Leads.LeadResultTable? leadTable = null;
        var problems = new List<string>();
        var scratch = BenchPaths.NewScratchDirectory();
        var resultsDirectory = BenchPaths.ResultsDirectory();
        string serverVersion;

        Log($"DealDesk.Bench: levels {string.Join(",", options.Levels)}, clients {string.Join(",", options.Clients)}" +
            (options.Runs(Level.Quotes) ? $" (quotes: {string.Join(",", options.QuoteClients)}, {options.EditorsPerQuote} per quote, think {options.ThinkMs} ms)" : "") +
            (options.Runs(Level.Leads) ? $" (leads: {string.Join(",", options.LeadSenders)} webhook senders, {options.OutboxMessages} outbox replies)" : "") +
            $" over {options.Dealerships} dealership(s), " +
            $"{options.DurationSeconds} s each after {options.WarmupSeconds:0.#} s warm-up, {Environment.ProcessorCount} cores, load average {loadBefore}");
        using var retries = new RetryCounter(DealService.CreateOperation);
        var runner = new LoadRunner(options.Warmup, options.Duration, retries);
        try
        {
            var shotsOnly = options.ScreenshotsDirectory is not null; // screenshots show the demo dealerships and stock only
            await using var database = await BenchDatabase.StartAsync(settings, shotsOnly ? 2 : options.TenantCount,
                shotsOnly ? _ => 0 : options.VehiclesFor, Log, cancel.Token);
            serverVersion = database.ServerVersion;
            var tenants = database.Tenants.Take(options.Dealerships).ToArray();
            var spread = database.Tenants.Take(BenchOptions.SpreadDealerships).ToArray();

            if (options.ScreenshotsDirectory is { } shots)
            {
                var directory = BenchPaths.FromRepository(shots);
                await InScratchDirectory(() => new Screenshots.ScreenshotTour(database, Path.Combine(resultsDirectory, "screenshots-app.log")).RunAsync(directory, Log));
                return 0;
            }

            if (options.Runs(Level.Service))
                await RunLevelAsync(Level.Service, () => new ServiceLoad(database, tenants, runner).RunAsync(Level.Service, options.Clients, Log, cancel.Token));
            if (options.Runs(Level.Http))
                await RunLevelAsync(Level.Http, () => InScratchDirectory(() =>
                    new HttpLoad(database, tenants, runner, Path.Combine(resultsDirectory, "http-app.log")).RunAsync(Level.Http, options.Clients, Log, cancel.Token)));
            if (options.Runs(Level.Service50))
                await RunLevelAsync(Level.Service50, () => new ServiceLoad(database, spread, runner).RunAsync(Level.Service50, options.Clients, Log, cancel.Token));
            if (options.Runs(Level.Http50))
                await RunLevelAsync(Level.Http50, () => InScratchDirectory(() =>
                    new HttpLoad(database, spread, runner, Path.Combine(resultsDirectory, "http-50-app.log")).RunAsync(Level.Http50, options.Clients, Log, cancel.Token)));
            if (options.Runs(Level.Circuits))
            {
                try
                {
                    var circuits = await InScratchDirectory(() => new Circuits.CircuitLoad(database, Path.Combine(resultsDirectory, "circuits-app.log"))
                        .RunAsync(options.Circuits, TimeSpan.FromSeconds(options.ActiveSeconds), TimeSpan.FromMilliseconds(options.ThinkMs), Log, cancel.Token));
                    circuitTable = new Circuits.CircuitTable(circuits);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    Log($"circuits level failed: {ex}");
                    problems.Add($"circuits level failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
            }
            if (options.Runs(Level.PgBench))
                await RunLevelAsync(Level.PgBench, () => new PgBench(database, scratch).RunAsync(options.Clients, options.Duration, Log, cancel.Token));
            if (options.Runs(Level.Quotes))
                await RunQuoteLevelAsync(() => InScratchDirectory(() =>
                    new QuoteLoad(database, tenants, options.Warmup, options.Duration, options.EditorsPerQuote, TimeSpan.FromMilliseconds(options.ThinkMs),
                        Path.Combine(resultsDirectory, "quotes-app.log"))
                        .RunAsync(options.QuoteClients, Log, cancel.Token)));
            if (options.Runs(Level.Leads))
            {
                try
                {
                    leadTable = new Leads.LeadResultTable(await InScratchDirectory(() => new Leads.LeadLoad(database, tenants, options.Warmup, options.Duration,
                        options.OutboxMessages, TimeSpan.FromMilliseconds(options.StandInMs), Path.Combine(resultsDirectory, "leads-app.log"))
                        .RunAsync(options.LeadSenders, Log, cancel.Token)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    Log($"leads level failed: {ex}");
                    problems.Add($"leads level failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
            }

            if (options.Runs(Level.Records))
            {
                try
                {
                    recordsTable = new Records.RecordsTable(await new Records.RecordsLoad(database, options.RecordsCalls).RunAsync(Log, cancel.Token));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    Log($"records level failed: {ex}");
                    problems.Add($"records level failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
            }

            Log("Stopping PostgreSQL and deleting the cluster");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled; the cluster was stopped and deleted.");
            return 130;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Set-up failed (no PostgreSQL binaries, migration error, ...): nothing to report but the cause.
            Console.Error.WriteLine($"DealDesk.Bench could not run: {ex}");
            return 1;
        }
        finally
        {
            TryDelete(scratch);
        }

        var loadAfter = MachineLoad.Read();
        var table = new ResultTable(rows);
        var quoteTable = new QuoteResultTable(quoteRows);
        if (rows.Count > 0)
        {
            Console.WriteLine();
            Console.Write(table.ToText());
            Console.WriteLine();
            foreach (var line in table.Verdicts()) Console.WriteLine(line);
        }
        if (!quoteTable.IsEmpty)
        {
            Console.WriteLine();
            Console.WriteLine("quote saves through the HTTP API:");
            Console.Write(quoteTable.ToText());
            Console.WriteLine();
            foreach (var line in quoteTable.Verdicts()) Console.WriteLine(line);
        }
        var notes = table.Notes().Concat(quoteTable.Notes()).Concat(problems).ToList();
        if (notes.Count > 0)
        {
            Console.WriteLine();
            foreach (var note in notes) Console.WriteLine($"note: {note}");
        }
        if (circuitTable is not null)
        {
            Console.WriteLine();
            Console.Write(circuitTable.ToMarkdown());
            foreach (var line in circuitTable.Verdicts()) Console.WriteLine(line);
            // A run with think time is another load model (a sales floor, not a stress loop): it keeps its own file.
            var circuitsFile = Path.Combine(resultsDirectory, options.ThinkMs > 0 ? "circuits-think-latest.md" : "circuits-latest.md");
            File.WriteAllText(circuitsFile, $"# DealDesk benchmark: interactive circuits\n\n- run: {startedUtc:yyyy-MM-dd HH:mm} UTC, `dotnet run -c Release --project DealDesk.Bench -- {string.Join(' ', args)}`\n" +
                $"- machine: {Environment.ProcessorCount} cores, shared by the app, PostgreSQL and Chromium; load average {loadBefore} before\n" +
                $"- load: every page {(options.ThinkMs > 0 ? $"pauses {options.ThinkMs} ms on average (exponential) before each click" : "clicks again as soon as the last click rendered (no think time)")}; {options.ActiveSeconds} s active window per circuit count\n\n" +
                circuitTable.ToMarkdown() + "\n" + string.Join("\n", circuitTable.Verdicts().Select(v => $"- {v}")) + "\n");
            Console.WriteLine($"Written to {circuitsFile}");
        }
        if (recordsTable is not null)
        {
            Console.WriteLine();
            Console.Write(recordsTable.ToMarkdown());
            foreach (var line in recordsTable.Verdicts()) Console.WriteLine(line);
            var recordsFile = Path.Combine(resultsDirectory, "records-latest.md");
            File.WriteAllText(recordsFile, $"# DealDesk benchmark: reads at scale\n\n- run: {startedUtc:yyyy-MM-dd HH:mm} UTC, `dotnet run -c Release --project DealDesk.Bench -- {string.Join(' ', args)}`\n" +
                $"- machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; load average {loadBefore} before\n" +
                $"- database: PostgreSQL {serverVersion}, embedded ephemeral cluster; {Records.RecordsData.TotalVehicles:N0} vehicles and " +
                $"{Records.RecordsData.TotalVehicles * Records.RecordsData.CustomersPerVehicle:N0} customers over {Records.RecordsData.Dealerships} dealerships (Zipf: the r-th largest holds 1/r of the largest's share), " +
                $"besides the demo data; one caller, {options.RecordsCalls} timed calls per row after 20 untimed\n\n" +
                recordsTable.ToMarkdown() + "\n" + string.Join("\n", recordsTable.Verdicts().Select(v => $"- {v}")) + "\n");
            Console.WriteLine($"Written to {recordsFile}");
        }
        if (leadTable is not null)
        {
            Console.WriteLine();
            Console.Write(leadTable.ToMarkdown());
            foreach (var line in leadTable.Verdicts().Concat(leadTable.Notes())) Console.WriteLine(line);
            var leadsFile = leadTable.WriteFile(resultsDirectory, $"dotnet run -c Release --project DealDesk.Bench -- {string.Join(' ', args)}", startedUtc,
                $"{loadBefore} before, {loadAfter} after", options.DurationSeconds, options.WarmupSeconds);
            Console.WriteLine($"load average (1/5/15 min): {loadBefore} before, {loadAfter} after; written to {leadsFile}");
        }
        if (rows.Count == 0 && quoteTable.IsEmpty) return problems.Count == 0 ? 0 : 1;
        var file = ResultsFile.Write(resultsDirectory, new RunContext(options, args, startedUtc, serverVersion, settings.PoolMax,
            $"{loadBefore} before, {loadAfter} after", problems), table, quoteTable);
        Console.WriteLine();
        Console.WriteLine($"load average (1/5/15 min): {loadBefore} before, {loadAfter} after, on {Environment.ProcessorCount} cores");
        Console.WriteLine($"Written to {file} ({clock.Elapsed:mm\\:ss} in all)");
        return problems.Count == 0 ? 0 : 1;

        // One level failing (e.g. pgbench missing) still leaves the others' rows in the table.
        async Task RunLevelAsync(string level, Func<Task<IReadOnlyList<LevelResult>>> run)
        {
            try
            {
                rows.AddRange(await run());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                Log($"{level} level failed: {ex}");
                problems.Add($"{level} level failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
        }

        async Task RunQuoteLevelAsync(Func<Task<IReadOnlyList<QuoteLevelResult>>> run)
        {
            try
            {
                quoteRows.AddRange(await run());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                Log($"{Level.Quotes} level failed: {ex}");
                problems.Add($"{Level.Quotes} level failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
        }

        // The hosted app's own Serilog config writes logs/ relative to the working directory: keep that out of the repository.
        async Task<T> InScratchDirectory<T>(Func<Task<T>> run)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = scratch;
            try { return await run(); }
            finally { Environment.CurrentDirectory = previous; }
        }
    }

    static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {ex.Message}");
        }
    }
}
