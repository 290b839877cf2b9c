using System.Diagnostics;

namespace DealDesk.Bench.Circuits;

/// <summary>
/// Who used the machine's CPU during a window: the app (hosted in this process), Chromium (every process of the
/// browser: its renderers, GPU and network processes), PostgreSQL, and the rest (Playwright's driver, the OS),
/// as shares of the capacity (cores × seconds), from utime + stime in /proc/[pid]/stat. On a 2-core machine the
/// load generator's browser competes with the server; this says how much of a click-to-render figure is the
/// server's. Processes that end inside the window drop out (short-lived PostgreSQL backends), so shares are floors.
/// </summary>
public sealed class CpuShare
{
    const double TicksPerSecond = 100;   // USER_HZ, 100 on every Linux this runs on
    readonly Dictionary<int, (string Group, long Ticks)> start;
    readonly long startedAt = Stopwatch.GetTimestamp();

    CpuShare() => start = Snapshot();

    public static CpuShare Start() => new();

    /// <summary>CPU seconds per group since <see cref="Start"/> (app, chromium, postgres, other), and the capacity: cores × seconds.</summary>
    public CpuUse Stop()
    {
        var used = new Dictionary<string, double> { ["app"] = 0, ["chromium"] = 0, ["postgres"] = 0, ["other"] = 0 };
        foreach (var (pid, now) in Snapshot())
            used[now.Group] += (now.Ticks - (start.TryGetValue(pid, out var before) && before.Group == now.Group ? before.Ticks : 0)) / TicksPerSecond;
        return new CpuUse(used, Stopwatch.GetElapsedTime(startedAt).TotalSeconds * Environment.ProcessorCount);
    }

    static Dictionary<int, (string Group, long Ticks)> Snapshot()
    {
        var self = Environment.ProcessId;
        var result = new Dictionary<int, (string Group, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // "pid (comm) state ppid ...": comm may hold spaces, so the fields are counted after its ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);   // utime, stime (fields 14 and 15 of stat)
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0')[0];
                var group = pid == self ? "app"
                    : command.Contains("chrom", StringComparison.Ordinal) ? "chromium"
                    : command.Contains("postgres", StringComparison.Ordinal) || stat.Contains("(postgres)", StringComparison.Ordinal) ? "postgres"
                    : "other";
                result[pid] = (group, ticks);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // the process ended while being read
            }
        }
        return result;
    }
}

/// <summary>CPU seconds per process group over a window of <paramref name="CapacitySeconds"/> (cores × wall seconds).</summary>
public sealed record CpuUse(IReadOnlyDictionary<string, double> Seconds, double CapacitySeconds)
{
    /// <summary>The group's share of the machine, in percent.</summary>
    public double Percent(string group) => CapacitySeconds > 0 && Seconds.TryGetValue(group, out var s) ? 100 * s / CapacitySeconds : double.NaN;

    public override string ToString() => string.Join(", ", Seconds.Keys.Select(g => $"{g} {Percent(g):0}%"));
}
