namespace DealDesk.Data.Monitoring;

/// <summary>How often the dashboard's sampler looks (section "Monitoring"; TimeSpans as "00:00:05").</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>In-process meters every tick; PostgreSQL too while a dashboard is open.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>With no dashboard open, PostgreSQL is asked this rarely (health and alerts keep working).</summary>
    public TimeSpan IdleDatabaseInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Top statements, table sizes, migrations and integrity checks, while a dashboard is open.</summary>
    public TimeSpan DetailsInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What the charts and the window counts cover.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Alert thresholds (section "Alerts"); an alert is raised when a value goes above its threshold.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Requests waiting for a pooled connection, right now.</summary>
    public int WaitingRequests { get; set; } = 5;

    /// <summary>Slow commands in the window (15 minutes).</summary>
    public int SlowQueries { get; set; } = 100;

    /// <summary>Units of work retried after a deadlock (40P01) in the window.</summary>
    public int DeadlockRetries { get; set; } = 10;

    /// <summary>Slack/Teams-style incoming webhook: one {"text": "..."} per alert start and clear. Off when empty.</summary>
    public string? WebhookUrl { get; set; }
}
