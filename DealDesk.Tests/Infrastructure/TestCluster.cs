using System.Diagnostics;
using DealDesk.Data.Embedded;

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, started on first use from the machine's
/// PostgreSQL binaries (the app's own <see cref="EmbeddedPostgres"/> launcher), in
/// <c>$TMPDIR/dealdesk-tests-&lt;guid&gt;</c>. Every <see cref="TestDatabase"/> lives in it.
/// <para>
/// Shutdown: <see cref="DealDeskTestFramework"/> stops and deletes it when the test assembly finishes;
/// EmbeddedPostgres also stops it on ProcessExit (the test host may be killed before a slower cleanup
/// finishes). Clusters left behind by killed runs are stopped and deleted by the next run.
/// </para>
/// </summary>
public static class TestCluster
{
    const string FolderPrefix = "dealdesk-tests-";
    const string OwnerFile = "owner.pid";

    static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<EmbeddedPostgres> GetAsync() => Cluster.Value;

    /// <summary>Stops the cluster and deletes its folder, if this process started one.</summary>
    public static async Task ShutdownAsync()
    {
        if (!Cluster.IsValueCreated || !Cluster.Value.IsCompletedSuccessfully) return;
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Cluster.Value.Result.DisposeAsync();
    }

    static async Task<EmbeddedPostgres> StartAsync()
    {
        await CollectAbandonedClustersAsync();
        var root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), $"{Environment.ProcessId} {StartTicks(Environment.ProcessId)}");
        // The launcher provisions this database (owner, grants, extensions); TestDatabase turns it into the template.
        return await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataRoot = root, Ephemeral = true, DatabaseName = TestDatabase.TemplateName });
    }

    /// <summary>Clusters of test processes that no longer exist (killed runs): stop them and delete their folders.</summary>
    static async Task CollectAbandonedClustersAsync()
    {
        PostgresBinaries? bin = null;
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                if (OwnerAlive(root)) continue;
                var cluster = Path.Combine(root, "cluster");
                if (File.Exists(Path.Combine(cluster, "postmaster.pid")))
                {
                    bin ??= PostgresBinaries.Find();
                    await ProcessRunner.RunAsync(bin.Tool("pg_ctl"), ["stop", "-D", cluster, "-m", "immediate", "-w", "-t", "20"], asPostgres: true, check: false);
                }
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Best effort: a folder we cannot judge or remove is left alone.
            }
        }
    }

    /// <summary>
    /// Whether the test process that made this folder may still be using it. Anything uncertain counts as
    /// alive: deleting a live cluster of a concurrent test run would break that run.
    /// </summary>
    static bool OwnerAlive(string root)
    {
        if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(root) < TimeSpan.FromMinutes(10)) return true; // young: maybe still starting
        var file = Path.Combine(root, OwnerFile);
        if (!File.Exists(file)) return DateTime.UtcNow - Directory.GetCreationTimeUtc(root) < TimeSpan.FromHours(6);
        var parts = File.ReadAllText(file).Split(' ', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pid)) return true;
        var ticks = StartTicks(pid);
        // A pid that is gone, or now names a process started at another moment (pid reuse), is not the owner.
        return ticks is not null && (parts[1] == "" || parts[1] == ticks);
    }

    /// <summary>
    /// The process's start time in clock ticks since boot (field 22 of /proc/PID/stat): exact and the same
    /// from every process, unlike Process.StartTime, which is recomputed from the uptime and drifts.
    /// "" where /proc is unavailable; null when the process does not exist.
    /// </summary>
    static string? StartTicks(int pid)
    {
        if (!OperatingSystem.IsLinux()) return ProcessExists(pid) ? "" : null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19]; // fields after "pid (comm)" start at field 3, so field 22 is index 19
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    static bool ProcessExists(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
