using DealDesk.Data.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DealDesk.Data.Notifications;

/// <summary>
/// The app instance's one LISTEN connection: hands every notification on <see cref="ChangePublisher.Channel"/>
/// to the <see cref="ChangeFeed"/>. When the connection is lost (network, database restart,
/// pg_terminate_backend) it reconnects with <see cref="ReconnectBackoff"/> and, listening again, sends every
/// subscriber <see cref="Change.Resync"/>: notifications sent meanwhile are gone for good. A database that
/// is unreachable at start is the same case: logged, retried, never fatal to the host.
/// </summary>
public sealed class ChangeListener : BackgroundService
{
    private readonly string _connectionString;
    private readonly ChangeFeed _feed;
    private readonly ILogger<ChangeListener> _logger;
    private volatile TaskCompletionSource _listening = NewSignal();
    private volatile int _backendProcessId;
    private long _reconnects;
    private long _received;
    private volatile Failure? _lastFailure;

    public ChangeListener(DatabaseTarget target, DatabaseSettings settings, ChangeFeed feed, ILogger<ChangeListener> logger)
    {
        _connectionString = ConnectionString(target, settings);
        _feed = feed;
        _logger = logger;
    }

    public bool IsListening => _listening.Task.IsCompleted;

    /// <summary>The PostgreSQL backend pid of the LISTEN connection while listening (pg_stat_activity.pid), else null.</summary>
    public int? BackendProcessId => IsListening && _backendProcessId != 0 ? _backendProcessId : null;

    /// <summary>How often listening resumed after a failure (a lost connection or a failed start).</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Notifications received (including ones that were not changes).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>The last connection failure ("type: message"), kept after recovery; null when there was none.</summary>
    public string? LastError => _lastFailure?.Message;

    public DateTimeOffset? LastErrorAt => _lastFailure?.At;

    /// <summary>Completes once LISTEN is in effect (at once when it already is).</summary>
    public Task WaitUntilListeningAsync(CancellationToken ct = default) => _listening.Task.WaitAsync(ct);

    /// <summary>
    /// Its own unpooled connection: a pooled one is reset (DISCARD ALL, which includes UNLISTEN *) and handed to
    /// others. Keepalive pings it while idle, so a silently dead server or network is noticed within ~15 s.
    /// </summary>
    internal static string ConnectionString(DatabaseTarget target, DatabaseSettings settings) =>
        new NpgsqlConnectionStringBuilder(target.AppConnectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            Timeout = Math.Max(1, (int)Math.Ceiling(settings.ConnectTimeoutMs / 1000.0)),
            ApplicationName = "DealDesk listener",
        }.ConnectionString;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangePublisher.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _backendProcessId = connection.ProcessID;
                _listening.TrySetResult();
                if (failures > 0)
                {
                    Interlocked.Increment(ref _reconnects);
                    _logger.LogInformation("Change listener listening again after {Failures} failed attempt(s); subscribers resync", failures);
                    _feed.Resync();
                }
                failures = 0;
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                Lost(ex);
                var delay = ReconnectBackoff.Delay(failures, Random.Shared);
                // A long outage logs a warning on the first failure and every 20th (~3 min), not every 10 s.
                _logger.Log(failures == 1 || failures % 20 == 0 ? LogLevel.Warning : LogLevel.Debug, ex,
                    "Change listener lost its connection (attempt {Failures}); retrying in {Delay} ms", failures, (int)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        if (_listening.Task.IsCompleted) _listening = NewSignal();
    }

    private void Lost(Exception ex)
    {
        if (_listening.Task.IsCompleted) _listening = NewSignal();
        _backendProcessId = 0;
        _lastFailure = new Failure($"{ex.GetType().Name}: {ex.Message}", DateTimeOffset.UtcNow);
    }

    /// <summary>Raised inside WaitAsync; an exception here would break the connection, so none leaves.</summary>
    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        Interlocked.Increment(ref _received);
        if (e.Channel != ChangePublisher.Channel) return;
        try
        {
            if (ChangePayload.Parse(e.Payload) is { } change) _feed.Deliver(change);
            else _logger.LogWarning("Ignored a notification on {Channel} that is not a change: {Payload}", e.Channel, e.Payload[..Math.Min(200, e.Payload.Length)]);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Delivering a change failed");
        }
    }

    private sealed record Failure(string Message, DateTimeOffset At);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
