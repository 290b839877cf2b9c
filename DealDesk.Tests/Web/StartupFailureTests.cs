using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DealDesk.Tests.Web;

/// <summary>
/// The built app, run as an operator would (dotnet DealDesk.Web.dll), with configuration that cannot
/// work: it must stop quickly, non-zero, with one plain line on stderr and no stack trace.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    readonly string _workDir = Directory.CreateTempSubdirectory("dealdesk-startup-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_workDir, recursive: true); }
        catch (IOException) { /* a log file still being flushed; the temp folder is harmless */ }
    }

    sealed record Run(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed);

    [Fact]
    public async Task Unreachable_database_stops_startup_with_one_line_naming_where_it_looked()
    {
        var port = ClosedPort();

        var run = await RunAppAsync(new()
        {
            ["ConnectionStrings__DealDesk"] = $"Host=127.0.0.1;Port={port};Database=dealdesk_nowhere;Username=nobody;Password=Secret-Pw-123;Timeout=5",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Elapsed < Limit, $"Took {run.Elapsed.TotalSeconds:F1} s to give up.");
        var line = Assert.Single(run.StdErr.Split('\n'), l => l.StartsWith("DealDesk cannot start:", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}/dealdesk_nowhere", line);
        AssertNoStackTrace(run);
        Assert.DoesNotContain("Secret-Pw-123", run.StdErr + run.StdOut); // the password never reaches the console
    }

    [Fact]
    public async Task Invalid_pool_size_stops_startup_naming_the_setting()
    {
        var run = await RunAppAsync(new()
        {
            ["DB_POOL_MAX"] = "abc",
            // Were the setting ignored, fail on an unreachable database rather than start an embedded one.
            ["ConnectionStrings__DealDesk"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=dealdesk_nowhere;Username=nobody;Password=x;Timeout=5",
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Elapsed < Limit, $"Took {run.Elapsed.TotalSeconds:F1} s to give up.");
        var line = Assert.Single(run.StdErr.Split('\n'), l => l.StartsWith("DealDesk cannot start:", StringComparison.Ordinal));
        Assert.Contains("DB_POOL_MAX", line);
        Assert.Contains("abc", line);
        AssertNoStackTrace(run);
    }

    static void AssertNoStackTrace(Run run)
    {
        var traces = (run.StdErr + "\n" + run.StdOut).Split('\n').Where(l => l.StartsWith("   at ", StringComparison.Ordinal)).ToList();
        Assert.True(traces.Count == 0, $"Stack trace printed:\n{run.StdErr}\n{run.StdOut}");
    }

    async Task<Run> RunAppAsync(Dictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _workDir, // its log files land here, not in the repository
        };
        psi.ArgumentList.Add(WebDll());
        // Nothing inherited may point the app elsewhere; an accidental successful start must not take a fixed port.
        foreach (var name in new[] { "DATABASE_URL", "ConnectionStrings__DealDeskMigrations", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            psi.Environment.Remove(name);
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("DB_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(name);
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment["EmbeddedPostgres__DataRoot"] = Path.Combine(_workDir, "pg"); // never the repository's dev cluster
        foreach (var (k, v) in environment) psi.Environment[k] = v;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit + TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The app was still running after {clock.Elapsed.TotalSeconds:F0} s.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }
        return new Run(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>The web project's own build output for this configuration; the copy next to the tests otherwise.</summary>
    static string WebDll()
    {
        var testsBin = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(testsBin); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "DealDesk.sln"))) continue;
            var relative = Path.GetRelativePath(Path.Combine(dir.FullName, "DealDesk.Tests"), testsBin); // e.g. bin/Debug/net10.0
            var dll = Path.Combine(dir.FullName, "DealDesk.Web", relative, "DealDesk.Web.dll");
            if (!relative.StartsWith("..", StringComparison.Ordinal) && File.Exists(dll)) return dll;
            break;
        }
        var local = Path.Combine(testsBin, "DealDesk.Web.dll");
        return File.Exists(local) && File.Exists(Path.Combine(testsBin, "DealDesk.Web.runtimeconfig.json"))
            ? local
            : throw new FileNotFoundException("DealDesk.Web.dll was not found next to the tests or in the web project's output.");
    }

    static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connections are refused at once
        return port;
    }
}
