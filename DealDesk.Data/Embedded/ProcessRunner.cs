using System.Diagnostics;

namespace DealDesk.Data.Embedded;

/// <summary>
/// Runs external commands without a shell (arguments are never concatenated), capturing output.
/// PostgreSQL binaries refuse to run as root, so with <c>asPostgres</c> under root they go through
/// <c>runuser -u postgres --</c>.
/// </summary>
public static class ProcessRunner
{
    public const string PostgresOsUser = "postgres";

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>True when running as root (euid 0), i.e. PostgreSQL binaries must be run as <see cref="PostgresOsUser"/>.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, bool asPostgres = false,
        bool check = true, CancellationToken ct = default)
    {
        using var p = Start(fileName, args, asPostgres, out var command);
        var stdout = p.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = p.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await p.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already exited */ }
            throw;
        }
        return Finish(command, new Result(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false)), check);
    }

    /// <summary>Blocking variant, for places that cannot await (ProcessExit handlers).</summary>
    public static Result Run(string fileName, IEnumerable<string> args, bool asPostgres = false, bool check = true)
    {
        using var p = Start(fileName, args, asPostgres, out var command);
        var stderr = p.StandardError.ReadToEndAsync(); // drained concurrently so neither pipe can fill up and block the child
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return Finish(command, new Result(p.ExitCode, stdout, stderr.GetAwaiter().GetResult()), check);
    }

    static Process Start(string fileName, IEnumerable<string> args, bool asPostgres, out string command)
    {
        var psi = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres && IsRoot)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", PostgresOsUser, "--", fileName }) psi.ArgumentList.Add(a);
            psi.WorkingDirectory = "/"; // our cwd (e.g. /root) may be unreadable for postgres, which makes its tools complain
        }
        else
        {
            psi.FileName = fileName;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        command = string.Join(' ', new[] { psi.FileName }.Concat(psi.ArgumentList).Select(Quote));

        var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start: {command}");
        p.StandardInput.Close(); // nothing we run should wait for input
        return p;
    }

    static Result Finish(string command, Result r, bool check) =>
        !check || r.ExitCode == 0
            ? r
            : throw new InvalidOperationException(
                $"Command failed (exit {r.ExitCode}): {command}{Environment.NewLine}{(r.StdErr.Trim().Length > 0 ? r.StdErr.Trim() : r.StdOut.Trim())}");

    static string Quote(string a) => a.Length > 0 && !a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? a : $"'{a.Replace("'", "'\\''")}'";
}
