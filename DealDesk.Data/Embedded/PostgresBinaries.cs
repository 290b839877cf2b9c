using System.Text.RegularExpressions;

namespace DealDesk.Data.Embedded;

/// <summary>A located PostgreSQL server installation.</summary>
/// <param name="BinDirectory">Folder containing initdb, pg_ctl, postgres, psql, ...</param>
/// <param name="Version">Full server version, e.g. "15.18".</param>
/// <param name="PgStatStatementsAvailable">Whether pg_stat_statements.so is installed (so it may be preloaded).</param>
public sealed record PostgresBinaries(string BinDirectory, string Version, bool PgStatStatementsAvailable)
{
    public const string NotFoundMessage =
        "PostgreSQL server binaries not found; install postgresql (Debian: apt-get install -y postgresql) or set ConnectionStrings:DealDesk.";

    public string MajorVersion => Version.Split('.')[0];

    public string Tool(string name) => Path.Combine(BinDirectory, name);

    /// <summary>Highest version under /usr/lib/postgresql/*/bin (Debian layout), else the folder of <c>initdb</c> on PATH.</summary>
    public static PostgresBinaries Find()
    {
        var bin = FromDebianLayout() ?? FromPath() ?? throw new InvalidOperationException(NotFoundMessage);
        var version = Regex.Match(ProcessRunner.Run(Path.Combine(bin, "pg_ctl"), ["--version"]).StdOut, @"\(PostgreSQL\)\s+(\d+(?:\.\d+)?)");
        return new PostgresBinaries(bin, version.Success ? version.Groups[1].Value : "?", HasPgStatStatements(bin));
    }

    static string? FromDebianLayout()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Ok: double.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v), V: v))
            .Where(x => x.Ok && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.V)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    static string? FromPath()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = new FileInfo(Path.Combine(dir, "initdb"));
            if (!initdb.Exists) continue;
            // PATH often holds symlinks (e.g. /usr/local/bin/initdb); the sibling tools live next to the real file.
            var real = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
            var bin = Path.GetDirectoryName(real)!;
            if (File.Exists(Path.Combine(bin, "pg_ctl"))) return bin;
        }
        return null;
    }

    static bool HasPgStatStatements(string bin)
    {
        const string lib = "pg_stat_statements.so";
        var pgConfig = Path.Combine(bin, "pg_config");
        if (File.Exists(pgConfig))
        {
            var r = ProcessRunner.Run(pgConfig, ["--pkglibdir"], check: false);
            if (r.ExitCode == 0 && File.Exists(Path.Combine(r.StdOut.Trim(), lib))) return true;
        }
        return File.Exists(Path.Combine(bin, "..", "lib", lib));
    }
}
