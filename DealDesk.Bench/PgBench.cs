using System.Globalization;
using System.Text.RegularExpressions;
using DealDesk.Data.Embedded;
using Npgsql;

namespace DealDesk.Bench;

/// <summary>
/// The hardware baseline: PostgreSQL's own pgbench (default TPC-B-like script, prepared statements)
/// against the same cluster, in a separate database "pgbench" (scale 10). Latency percentiles come from
/// pgbench's per-transaction logs (-l; the third column is the latency in µs).
/// <para>
/// pgbench runs as the postgres OS user when we are root (via <see cref="ProcessRunner"/>, which passes no
/// environment of its own), so the password travels in a pgpass file named by the connection string's
/// <c>passfile</c> keyword: 0600 and owned by the user pgbench runs as. Nothing secret is on a command line.
/// </para>
/// </summary>
public sealed partial class PgBench(BenchDatabase database, string workDir)
{
    public const string DatabaseName = "pgbench";
    public const int Scale = 10;

    public async Task<IReadOnlyList<LevelResult>> RunAsync(IReadOnlyList<int> clientCounts, TimeSpan duration, Action<string> log, CancellationToken ct)
    {
        var dir = Path.Combine(workDir, "pgbench");
        var conninfo = await PrepareAsync(dir, ct);
        var pgbench = Path.Combine(database.Cluster.BinDirectory, "pgbench");

        log($"pgbench -i -s {Scale} (database {DatabaseName})");
        await ProcessRunner.RunAsync(pgbench, ["-i", "-s", Scale.ToString(CultureInfo.InvariantCulture), "-q", conninfo], asPostgres: true, ct: ct);

        var results = new List<LevelResult>();
        foreach (var clients in clientCounts)
        {
            log($"pgbench, {clients} client(s)");
            var prefix = Path.Combine(dir, $"c{clients}");
            var run = await ProcessRunner.RunAsync(pgbench,
            [
                "-c", Inv(clients), "-j", Inv(Math.Min(clients, 2)), "-T", Inv((int)Math.Ceiling(duration.TotalSeconds)),
                "-M", "prepared", "-l", $"--log-prefix={prefix}", conninfo,
            ], asPostgres: true, ct: ct);
            results.Add(Parse(clients, run.StdOut, LatenciesFromLogs(dir, $"c{clients}.")));
        }
        return results;
    }

    /// <summary>Creates the pgbench database (as superuser), the working folder and the pgpass file; returns the connection string for pgbench.</summary>
    async Task<string> PrepareAsync(string dir, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The pgbench level needs a Unix host (runuser, file modes).");
        var superuser = new NpgsqlConnectionStringBuilder(database.SuperuserConnectionStringFor("postgres")) { Pooling = false };
        await using (var c = new NpgsqlConnection(superuser.ConnectionString))
        {
            await c.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName}; CREATE DATABASE {DatabaseName}", c);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passfile = Path.Combine(dir, "pgpass");
        await using (var f = new FileStream(passfile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var w = new StreamWriter(f))
        {
            await w.WriteLineAsync($"{superuser.Host}:{superuser.Port}:{DatabaseName}:{PgPass(superuser.Username!)}:{PgPass(superuser.Password!)}");
        }
        if (ProcessRunner.IsRoot)
        {
            // pgbench runs as postgres: it must own the pgpass file (libpq ignores one others can read) and write its logs here.
            await ProcessRunner.RunAsync("chown", ["-R", $"{ProcessRunner.PostgresOsUser}:{ProcessRunner.PostgresOsUser}", dir], ct: ct);
        }
        return $"host={superuser.Host} port={superuser.Port} user={superuser.Username} dbname={DatabaseName} passfile='{passfile.Replace(@"\", @"\\").Replace("'", @"\'")}'";
    }

    static LevelResult Parse(int clients, string stdout, double[] latencies)
    {
        var tps = TpsLine().Match(stdout);
        if (!tps.Success) throw new InvalidOperationException($"No tps line in pgbench's output:{Environment.NewLine}{stdout}");
        var failed = FailedLine().Match(stdout);
        var errors = failed.Success ? long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var average = AverageLine().Match(stdout);
        var stats = LatencyStats.From(latencies);
        string? note = null;
        if (average.Success && stats.Count > 0)
        {
            var reported = double.Parse(average.Groups[1].Value, CultureInfo.InvariantCulture);
            note = $"pgbench latency average {reported:0.###} ms (from its logs: {stats.Mean:0.###} ms over {stats.Count:N0} transactions)";
        }
        return new LevelResult(Level.PgBench, clients, double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), stats, errors,
            RetriesPercent: null, errors > 0 ? new Dictionary<string, long> { ["failed transactions"] = errors } : new Dictionary<string, long>(),
            new Dictionary<string, long>(), note);
    }

    /// <summary>Per-transaction latencies (ms) from every log file of one run (one file per pgbench thread).</summary>
    static double[] LatenciesFromLogs(string dir, string filePrefix)
    {
        var latencies = new List<double>();
        foreach (var file in Directory.EnumerateFiles(dir, filePrefix + "*"))
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time script_no time_epoch time_us [schedule_lag]
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 3 && long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
                    latencies.Add(micros / 1000.0);
            }
        return [.. latencies];
    }

    static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string PgPass(string value) => value.Replace(@"\", @"\\").Replace(":", @"\:");

    [GeneratedRegex(@"^tps = ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^latency average = ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex AverageLine();

    [GeneratedRegex(@"^number of failed transactions: (\d+)", RegexOptions.Multiline)]
    private static partial Regex FailedLine();
}
