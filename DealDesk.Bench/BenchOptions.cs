using System.Globalization;

namespace DealDesk.Bench;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record BenchOptions
{
    /// <summary>What runs without --levels; the interactive and quote levels are asked for by name.</summary>
    public static readonly string[] DefaultLevels = [Level.Service, Level.Http, Level.PgBench];
    public static readonly string[] AllLevels = [.. DefaultLevels, Level.Circuits, Level.Quotes, Level.Leads];

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

    /// <summary>Mean pause of a quotes-level editor between saves (exponential), in ms; 0 = closed loop.</summary>
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

    /// <summary>How many demo dealerships the workers spread over (worker i acts for dealership i mod N): 2, or 1 to take cross-dealership conflicts out.</summary>
    public int Dealerships { get; init; } = 2;

    /// <summary>Extra available vehicles per demo dealership; 0 = sized from the run (see <see cref="VehiclesPerDealership"/>).</summary>
    public int Vehicles { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    public bool Runs(string level) => Levels.Contains(level);

    /// <summary>
    /// Every creation takes its own vehicle. Budget: 1,000 creations/s per dealership for every second
    /// of every service/HTTP window (warm-up included): far above what one dealership's serialized
    /// creations reach, so the stock does not run out (a run that does says so).
    /// </summary>
    public int VehiclesPerDealership
    {
        get
        {
            if (Vehicles > 0) return Vehicles;
            var loadLevels = Levels.Count(l => l is Level.Service or Level.Http);
            var seconds = (DurationSeconds + WarmupSeconds) * Clients.Count * loadLevels;
            return (int)Math.Clamp(seconds * 1_000 * 2 / Dealerships, 1_000, 2_000_000);
        }
    }

    public const string Usage =
        "usage: dotnet run -c Release --project DealDesk.Bench -- [--duration 10] [--clients 1,8,32] [--warmup 2] " +
        "[--levels service,http,pgbench,circuits,quotes] [--vehicles N] [--dealerships 2|1] [--circuits 10,25,50] [--active 20] " +
        "[--quote-clients 1,8,32,1000] [--editors-per-quote 2] [--think-ms 0] [--lead-senders 1,32] [--outbox-messages 2000] [--standin-ms 0] | --screenshots docs/screenshots";

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
                "--dealerships" => o with { Dealerships = Math.Min(2, PositiveInt(name, Value())) },
                "--quote-clients" => o with { QuoteClients = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(name, v)).Distinct()] },
                "--editors-per-quote" => o with { EditorsPerQuote = PositiveInt(name, Value()) },
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
    public const string PgBench = "pgbench";
    public const string Circuits = "circuits";
    /// <summary>Quote saves through the HTTP API (its own table).</summary>
    public const string Quotes = "quotes";
    /// <summary>WhatsApp webhook and outbox throughput (its own tables and file).</summary>
    public const string Leads = "leads";
}
