using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace DealDesk.Data.Embedded;

/// <summary>
/// A private PostgreSQL cluster run from the locally installed server binaries, bound to 127.0.0.1 on a free port.
/// Used by the web app when no connection string is configured, and by tests (one ephemeral cluster per run).
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    /// <summary>The cluster's superuser role (initdb -U), for administration and cross-tenant checks.</summary>
    public const string Superuser = "postgres";
    const string PasswordChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    readonly EmbeddedPostgresOptions _options;
    readonly PostgresBinaries _bin;
    readonly Action<string> _log;
    readonly string _root, _cluster, _socketDir, _password;
    readonly Lock _gate = new();
    Task? _stopTask;

    EmbeddedPostgres(EmbeddedPostgresOptions options, PostgresBinaries bin, Action<string> log,
        string root, string socketDir, string password, int port)
    {
        (_options, _bin, _log, _root, _socketDir, _password, Port) = (options, bin, log, root, socketDir, password, port);
        _cluster = ClusterDir(root);
    }

    public int Port { get; }
    public string DatabaseName => _options.DatabaseName;
    public string OwnerRole => _options.OwnerRole;
    public string AppRole => _options.AppRole;
    public string BinDirectory => _bin.BinDirectory;
    public string SuperuserConnectionString => ConnectionStringFor("postgres", Superuser);
    public string OwnerConnectionString => ConnectionStringFor(_options.DatabaseName, _options.OwnerRole);
    public string AppConnectionString => ConnectionStringFor(_options.DatabaseName, _options.AppRole);

    /// <summary>All roles share the generated password: this is a loopback-only dev/test cluster.</summary>
    public string ConnectionStringFor(string database, string role) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = role, Password = _password, Database = database,
    }.ConnectionString;

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, Action<string>? log = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("EmbeddedPostgres needs a Unix host (runuser, Unix sockets, file modes).");
        ValidateRoles(options);
        log ??= static _ => { };
        var bin = PostgresBinaries.Find();
        var root = Path.GetFullPath(options.DataRoot);
        var cluster = ClusterDir(root);
        var pwFile = Path.Combine(root, "superuser.pw");
        var logFile = Path.Combine(root, "postgres.log");

        Directory.CreateDirectory(root);
        if (ProcessRunner.IsRoot) EnsureTraversableByPostgres(root);

        var fresh = !File.Exists(Path.Combine(cluster, "PG_VERSION"));
        string password;
        if (fresh)
        {
            password = RandomNumberGenerator.GetString(PasswordChars, 32);
            File.Delete(pwFile);
            // Created 0600 from the start so the password is never readable by others, not even briefly.
            await using (var f = new FileStream(pwFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                await f.WriteAsync(Encoding.ASCII.GetBytes(password), ct).ConfigureAwait(false);
            }
        }
        else
        {
            password = File.Exists(pwFile)
                ? File.ReadAllText(pwFile).Trim()
                : throw new InvalidOperationException($"Existing cluster in {cluster} has no {pwFile}; delete {root} to recreate it.");
        }

        // Unix socket paths are limited to ~107 bytes; deep DataRoots (test temp dirs) get a short one under /tmp.
        var socketDir = Path.Combine(root, "run");
        if (Encoding.UTF8.GetByteCount(socketDir) > 80)
            socketDir = Path.Combine(Path.GetTempPath(), "dealdesk-pg-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..12].ToLowerInvariant());
        Directory.CreateDirectory(socketDir);

        if (ProcessRunner.IsRoot)
        {
            // The server runs as the postgres OS user, so it must own everything it writes (cluster, log, socket, password file).
            await ProcessRunner.RunAsync("chown", ["-R", $"{ProcessRunner.PostgresOsUser}:{ProcessRunner.PostgresOsUser}", root, socketDir], ct: ct).ConfigureAwait(false);
        }

        if (fresh)
        {
            if (Directory.Exists(cluster)) Directory.Delete(cluster, recursive: true); // leftovers of an interrupted initdb
            log($"Initializing PostgreSQL {bin.Version} cluster in {cluster}");
            await PgAsync(bin, "initdb", ["-D", cluster, "-U", Superuser, "--auth-local=peer", "--auth-host=scram-sha-256",
                $"--pwfile={pwFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], ct).ConfigureAwait(false);
        }

        // A postmaster left behind by a crashed run still holds the data directory; it must go before we can start.
        if ((await PgAsync(bin, "pg_ctl", ["status", "-D", cluster], ct, check: false).ConfigureAwait(false)).ExitCode == 0)
        {
            log($"Stopping PostgreSQL left running on {cluster} by a previous run");
            await PgAsync(bin, "pg_ctl", ["stop", "-D", cluster, "-m", "fast", "-w", "-t", "60"], ct).ConfigureAwait(false);
        }

        var settings = new List<string> { "-c listen_addresses=127.0.0.1", $"-k {ShellQuote(socketDir)}", "-c max_connections=200" };
        if (bin.PgStatStatementsAvailable) settings.Add("-c shared_preload_libraries=pg_stat_statements");
        if (options.Ephemeral) settings.Add("-c fsync=off -c synchronous_commit=off -c full_page_writes=off"); // test speed; data is thrown away

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            log($"Starting embedded PostgreSQL {bin.Version} on 127.0.0.1:{port} (data: {root})");
            // pg_ctl hands -o to /bin/sh, hence the shell quoting of paths inside it.
            var r = await PgAsync(bin, "pg_ctl", ["start", "-D", cluster, "-l", logFile, "-w", "-t", "60",
                "-o", $"-p {port} " + string.Join(' ', settings)], ct, check: false).ConfigureAwait(false);
            if (r.ExitCode != 0)
            {
                var tail = LogTail(logFile);
                // Another process may grab the port between probing and binding; retry with a new one.
                if (attempt < 3 && tail.Contains("Address already in use", StringComparison.Ordinal)) continue;
                throw new InvalidOperationException(
                    $"PostgreSQL failed to start (pg_ctl exit {r.ExitCode}): {r.StdErr.Trim()}{Environment.NewLine}Last lines of {logFile}:{Environment.NewLine}{tail}");
            }

            var pg = new EmbeddedPostgres(options, bin, log, root, socketDir, password, port);
            AppDomain.CurrentDomain.ProcessExit += pg.OnProcessExit;
            try
            {
                await pg.ProvisionAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                await pg.StopAsync().ConfigureAwait(false);
                throw;
            }
            return pg;
        }
    }

    /// <summary>pg_ctl stop -m fast -w; safe to call repeatedly and concurrently.</summary>
    public Task StopAsync()
    {
        lock (_gate) return _stopTask ??= StopCoreAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (!_options.Ephemeral) return;
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        if (Directory.Exists(_socketDir)) Directory.Delete(_socketDir, recursive: true);
    }

    async Task StopCoreAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if ((await PgAsync(_bin, "pg_ctl", ["status", "-D", _cluster], default, check: false).ConfigureAwait(false)).ExitCode != 0) return;
        await PgAsync(_bin, "pg_ctl", ["stop", "-D", _cluster, "-m", "fast", "-w", "-t", "60"], default).ConfigureAwait(false);
        _log($"Stopped embedded PostgreSQL on 127.0.0.1:{Port}");
    }

    // Best effort when the host never disposed us: a postmaster must not outlive the .NET process.
    void OnProcessExit(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            if (_stopTask is not null) return;
            _stopTask = Task.CompletedTask;
        }
        try
        {
            ProcessRunner.Run(_bin.Tool("pg_ctl"), ["stop", "-D", _cluster, "-m", "fast", "-w", "-t", "20"], asPostgres: true, check: false);
        }
        catch (Exception) { /* exiting anyway; nothing useful left to do */ }
    }

    /// <summary>Idempotent: roles, database, grants and extensions are (re)asserted on every start.</summary>
    async Task ProvisionAsync(CancellationToken ct)
    {
        var o = _options;
        var (db, owner, app, pw) = (Ident(o.DatabaseName), Ident(o.OwnerRole), Ident(o.AppRole), Literal(_password));

        await using (var c = await OpenAsync("postgres", ct).ConfigureAwait(false))
        {
            // Owner gets CREATEDB so tests can CREATE DATABASE x TEMPLATE y OWNER owner; the app role gets nothing that escapes RLS.
            foreach (var (role, attrs) in new[]
                     {
                         (o.OwnerRole, "LOGIN NOSUPERUSER CREATEDB NOCREATEROLE"),
                         (o.AppRole, "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"),
                     })
            {
                var verb = await ExistsAsync(c, "SELECT 1 FROM pg_roles WHERE rolname = $1", role, ct).ConfigureAwait(false) ? "ALTER" : "CREATE";
                await ExecAsync(c, $"{verb} ROLE {Ident(role)} {attrs} PASSWORD {pw}", ct).ConfigureAwait(false);
            }
            await ExecAsync(c, await ExistsAsync(c, "SELECT 1 FROM pg_database WHERE datname = $1", o.DatabaseName, ct).ConfigureAwait(false)
                ? $"ALTER DATABASE {db} OWNER TO {owner}"
                : $"CREATE DATABASE {db} OWNER {owner}", ct).ConfigureAwait(false);
            await ExecAsync(c, $"GRANT CONNECT ON DATABASE {db} TO {app}", ct).ConfigureAwait(false);
            await ExecAsync(c, $"GRANT pg_read_all_stats TO {app}", ct).ConfigureAwait(false);
        }

        await using (var c = await OpenAsync(o.DatabaseName, ct).ConfigureAwait(false))
        {
            // Only when preloaded: without the library the extension's views error on every query.
            if (_bin.PgStatStatementsAvailable)
                await ExecAsync(c, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", ct).ConfigureAwait(false);
            await ExecAsync(c, $"ALTER SCHEMA public OWNER TO {owner}", ct).ConfigureAwait(false);
            await ExecAsync(c, $"GRANT USAGE ON SCHEMA public TO {app}", ct).ConfigureAwait(false);
        }
    }

    async Task<NpgsqlConnection> OpenAsync(string database, CancellationToken ct)
    {
        // Unpooled: these admin connections must not linger and block DROP DATABASE or shutdown later.
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionStringFor(database, Superuser)) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        return c;
    }

    static async Task ExecAsync(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    static async Task<bool> ExistsAsync(NpgsqlConnection c, string sql, string arg, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { Parameters = { new() { Value = arg } } };
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    static Task<ProcessRunner.Result> PgAsync(PostgresBinaries bin, string tool, string[] args, CancellationToken ct, bool check = true) =>
        ProcessRunner.RunAsync(bin.Tool(tool), args, asPostgres: true, check: check, ct: ct);

    static string ClusterDir(string root) => Path.Combine(root, "cluster");

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }

    static void ValidateRoles(EmbeddedPostgresOptions o)
    {
        // ALTER ROLE ... NOSUPERUSER on the bootstrap superuser would lock us out of the cluster.
        if (o.OwnerRole == Superuser || o.AppRole == Superuser || o.OwnerRole == o.AppRole)
            throw new ArgumentException($"OwnerRole and AppRole must differ from each other and from '{Superuser}'.", "options");
    }

    static void EnsureTraversableByPostgres(string root)
    {
        if (OperatingSystem.IsWindows()) return;
        for (var dir = Path.GetDirectoryName(root); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
                throw new InvalidOperationException(
                    $"PostgreSQL runs as OS user '{ProcessRunner.PostgresOsUser}', which cannot enter '{dir}'; run 'chmod o+x {dir}' or put DataRoot elsewhere.");
        }
    }

    static string LogTail(string logFile) =>
        File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(20)) : "(no log written)";

    static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
