using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DealDesk.Data.Database;

/// <summary>
/// Pool and timeout settings. appsettings "Database" section first, then the environment
/// variables (DB_POOL_MAX, ...) on top. Invalid values stop start-up naming the setting.
/// </summary>
public sealed record DatabaseSettings
{
    public int PoolMax { get; init; } = 20;
    public int PoolMin { get; init; } = 5;
    public int ConnectTimeoutMs { get; init; } = 10_000;
    public int IdleTimeoutMs { get; init; } = 30_000;
    public int StatementTimeoutMs { get; init; } = 30_000;
    public int SlowQueryThresholdMs { get; init; } = 1_000;

    public static DatabaseSettings From(IConfiguration config)
    {
        var d = new DatabaseSettings();
        var s = new DatabaseSettings
        {
            PoolMax = Read(config, "DB_POOL_MAX", "Database:PoolMax", d.PoolMax, min: 1),
            PoolMin = Read(config, "DB_POOL_MIN", "Database:PoolMin", d.PoolMin, min: 0),
            ConnectTimeoutMs = Read(config, "DB_CONNECT_TIMEOUT", "Database:ConnectTimeoutMs", d.ConnectTimeoutMs, min: 1000),
            IdleTimeoutMs = Read(config, "DB_IDLE_TIMEOUT", "Database:IdleTimeoutMs", d.IdleTimeoutMs, min: 1000),
            StatementTimeoutMs = Read(config, "DB_STATEMENT_TIMEOUT", "Database:StatementTimeoutMs", d.StatementTimeoutMs, min: 0),
            SlowQueryThresholdMs = Read(config, "DB_SLOW_QUERY_THRESHOLD", "Database:SlowQueryThresholdMs", d.SlowQueryThresholdMs, min: 1),
        };
        if (s.PoolMin > s.PoolMax)
            throw new InvalidConfigurationException("DB_POOL_MIN", $"DB_POOL_MIN ({s.PoolMin}) must not exceed DB_POOL_MAX ({s.PoolMax}).");
        return s;
    }

    /// <summary>Applies pool and timeouts to a connection string (the statement timeout as a server option).</summary>
    public string Apply(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = PoolMax,
            MinPoolSize = PoolMin,
            Timeout = Math.Max(1, (int)Math.Ceiling(ConnectTimeoutMs / 1000.0)),
            ConnectionIdleLifetime = Math.Max(1, IdleTimeoutMs / 1000),
            ApplicationName = "DealDesk",
            // Prepare the hot statements (deal creation runs the same dozen each time): PostgreSQL
            // then skips parse and plan, as pgbench -M prepared does.
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 3,
        };
        b.Options = $"{b.Options} -c statement_timeout={StatementTimeoutMs}".Trim();
        return b.ConnectionString;
    }

    private static int Read(IConfiguration config, string envName, string key, int fallback, int min)
    {
        var raw = config[envName] ?? config[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new InvalidConfigurationException(envName, $"{envName} (or {key}) must be a whole number ≥ {min} (got '{raw}').");
        return value;
    }
}

/// <summary>A setting that makes start-up impossible; the message names it.</summary>
public sealed class InvalidConfigurationException(string setting, string message) : Exception(message)
{
    public string Setting { get; } = setting;
}
