using System.Globalization;

namespace DealDesk.Bench;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record BenchOptions
{
    /// <summary>What runs without --levels; the interactive and quote levels are asked for by name.</summary>
    public static readonly string[] DefaultLevels = [Level.Service, Level.Http, Level.Service50, Level.Http50, Level.PgBench];
    public static readonly string[] AllLevels = [.. DefaultLevels, Level.Circuits, Level.Quotes, Level.Leads, Level.Records];

    /// <summary>The dealerships the service-50 and http-50 levels spread their workers over.</summary>
    public const int SpreadDealerships = 50;

    /// <summary>Measured seconds per level and client count.</summary>
    public int DurationSeconds { get; init; } = 10;

    /// <summary>Unmeasured seconds before each measured window (JIT, pools, caches).</summary>
    public double WarmupSeconds { get; init; } = 2;

    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 32];

    public IReadOnlyList<string> Levels { get; init; } = DefaultLevels;

    /// <summary>Client counts of the quotes level (concurrent editors saving through the API).</summary>
    public IReadOnlyList<int> QuoteClients { get; init; } = [1, 8, 32, 1000];

    /// <summary>Editors per quote at the quotes level: quotes = clients / this (rounded up); more editors, more conflicts.</summary>
    public int EditorsPerQuote { get; init; } = 2;

    /// <summary>Mean pause (exponential), in ms, of a quotes-level editor between saves and of a circuits-level page before each click; 0 = closed loop.</summary>
    public int ThinkMs { get; init; }

    /// <summary>Concurrent webhook senders of the leads level.</summary>
    public IReadOnlyList<int> LeadSenders { get; init; } = [1, 32];

    /// <summary>Replies the leads level queues and times through the outbox.</summary>
    public int OutboxMessages { get; init; } = 2000;

    /// <summary>Milliseconds the leads level's Cloud API stand-in takes per answer (0 = at once).</summary>
    public int StandInMs { get; init; }

    /// <summary>Circuit counts of the interactive level (Chromium pages, one salesperson each).</summary>
    public IReadOnlyList<int> Circuits { get; init; } = [10, 25, 50];

    /// <summary>With --screenshots DIR the command only takes the README's screenshots into DIR.</summary>
    public string? ScreenshotsDirectory { get; init; }

    /// <summary>Seconds every page of the interactive level keeps creating deals at each circuit count.</summary>
    public int ActiveSeconds { get; init; } = 20;

    /// <summary>
    /// How many dealerships the service and http levels' workers spread over (worker i acts for dealership i mod N):
    /// the two demo ones, 1 to take cross-dealership conflicts out, or any N (the bench adds N - 2 of its own).
    /// </summary>
    public int Dealerships { get; init; } = 2;

    /// <summary>Timed calls per read and dealership at the records level.</summary>
    public int RecordsCalls { get; init; } = 200;

    /// <summary>Extra available vehicles per dealership; 0 = sized from the run (see <see cref="VehiclesFor"/>).</summary>
    public int Vehicles { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    public bool Runs(string level) => Levels.Contains(level);

    /// <summary>The dealerships the deal-creation levels act for: the demo ones first, then the bench's own.</summary>
    public int TenantCount => Math.Max(Dealerships, Runs(Level.Service50) || Runs(Level.Http50) ? SpreadDealerships : 0);

    /// <summary>Creations one worker could reach at most, and the whole process (several times what is measured).</summary>
    const double MaxPerWorker = 1_000, MaxInAll = 2_000;

    /// <summary>
    /// Extra available vehicles for the tenant at <paramref name="index"/>: every creation takes its own. A closed-loop
    /// worker creates at most <see cref="MaxPerWorker"/>/s, all workers together at most <see cref="MaxInAll"/>/s (shared
    /// evenly: they are alike), for every second of every window (warm-up included) of each level the tenant serves.
    /// Several times what one dealership's creations reach, so the stock does not run out (a run that does says so),
    /// while 50 dealerships at 32 clients need ~750 each, not 32 workers' worth each.
    /// </summary>
    public int VehiclesFor(int index)
    {
        if (Vehicles > 0) return Vehicles;
        var seconds = DurationSeconds + WarmupSeconds;
        var needed = 0.0;
        foreach (var (level, spread) in new[] { (Level.Service, Dealerships), (Level.Http, Dealerships), (Level.Service50, SpreadDealerships), (Level.Http50, SpreadDealerships) })
        {
            if (!Runs(level) || index >= spread) continue;
            foreach (var clients in Clients)
            {
                var workers = clients / spread + (index < clients % spread ? 1 : 0);
                needed += workers * Math.Min(MaxPerWorker, MaxInAll / clients) * seconds;
            }
        }
        return needed == 0 ? 0 : (int)Math.Clamp(Math.Ceiling(needed), 1_000, 2_000_000);
    }

    public const string Usage =
        "usage: dotnet run -c Release --project DealDesk.Bench -- [--duration 10] [--clients 1,8,32] [--warmup 2] " +
        "[--levels service,http,service-50,http-50,pgbench,circuits,quotes,leads,records] [--vehicles N] [--dealerships 2] [--circuits 10,25,50] [--active 20] " +
        "[--quote-clients 1,8,32,1000] [--editors-per-quote 2] [--think-ms 0] [--records-calls 200] [--lead-senders 1,32] [--outbox-messages 2000] [--standin-ms 0] | --screenshots docs/screenshots";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            o = name switch
            {
                "--duration" or "-d" => o with { DurationSeconds = PositiveInt(name, Value()) },
                "--warmup" => o with { WarmupSeconds = NonNegativeDouble(name, Value()) },
                "--clients" or "-c" => o with { Clients = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(name, v)).Distinct()] },
                "--levels" => o with { Levels = ParseLevels(Value()) },
                "--circuits" => o with { Circuits = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(name, v)).Distinct()] },
                "--screenshots" => o with { ScreenshotsDirectory = Value() },
                "--active" => o with { ActiveSeconds = PositiveInt(name, Value()) },
                "--vehicles" => o with { Vehicles = PositiveInt(name, Value()) },
                "--dealerships" => o with { Dealerships = Math.Min(1_000, PositiveInt(name, Value())) },
                "--quote-clients" => o with { QuoteClients = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(name, v)).Distinct()] },
                "--editors-per-quote" => o with { EditorsPerQuote = PositiveInt(name, Value()) },
                "--records-calls" => o with { RecordsCalls = PositiveInt(name, Value()) },
                "--think-ms" => o with { ThinkMs = (int)NonNegativeDouble(name, Value()) },
                "--lead-senders" => o with { LeadSenders = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(name, v)).Distinct()] },
                "--outbox-messages" => o with { OutboxMessages = PositiveInt(name, Value()) },
                "--standin-ms" => o with { StandInMs = (int)NonNegativeDouble(name, Value()) },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        if (o.Clients.Count == 0) throw new ArgumentException("--clients needs at least one client count.");
        if (o.QuoteClients.Count == 0) throw new ArgumentException("--quote-clients needs at least one client count.");
        if (o.LeadSenders.Count == 0) throw new ArgumentException("--lead-senders needs at least one sender count.");
        return o;
    }

    static IReadOnlyList<string> ParseLevels(string value)
    {
        var levels = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant()).Distinct().ToArray();
        var unknown = levels.Except(AllLevels).ToArray();
        if (unknown.Length > 0 || levels.Length == 0)
            throw new ArgumentException($"--levels takes a comma-separated subset of {string.Join(',', AllLevels)} (got '{value}').");
        return [.. AllLevels.Where(levels.Contains)];
    }

    static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{name} must be a whole number > 0 (got '{value}').");

    static double NonNegativeDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : throw new ArgumentException($"{name} must be a number ≥ 0 (got '{value}').");
}

/// <summary>The levels measured, as they appear in the tables.</summary>
public static class Level
{
    public const string Service = "service";
    public const string Http = "http";
    /// <summary>The service level's load spread over <see cref="BenchOptions.SpreadDealerships"/> dealerships, as a real deployment spreads it.</summary>
    public const string Service50 = "service-50";
    /// <summary>The http level's load spread over <see cref="BenchOptions.SpreadDealerships"/> dealerships.</summary>
    public const string Http50 = "http-50";
    public const string PgBench = "pgbench";
    public const string Circuits = "circuits";
    /// <summary>Quote saves through the HTTP API (its own table).</summary>
    public const string Quotes = "quotes";
    /// <summary>WhatsApp webhook and outbox throughput (its own tables and file).</summary>
    public const string Leads = "leads";
    /// <summary>Reads at scale: inventory grid, customer search and the vehicle page over 100k vehicles and 1M customers (its own table).</summary>
    public const string Records = "records";
}
