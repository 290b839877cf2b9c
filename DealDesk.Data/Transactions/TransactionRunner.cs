using System.Diagnostics;
using DealDesk.Data.Diagnostics;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DealDesk.Data.Transactions;

/// <summary>
/// The one place a multi-step write opens a transaction. Each attempt gets a fresh context, a
/// transaction at the asked isolation level, the tenant and timeout as SET LOCAL; transient
/// failures re-run the whole unit with backoff; the outcome is counted in the DealDesk meter.
/// Failures leave as <see cref="DealDeskException"/> with a typed error.
/// </summary>
public sealed class TransactionRunner(
    IDbContextFactory<DealDeskDbContext> contexts,
    ITenantContext tenant,
    DealDeskMetrics metrics,
    ILogger<TransactionRunner> logger)
{
    public Task<T> RunAsync<T>(string operation, Func<DealDeskDbContext, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken = default) =>
        RunAsync(operation, TransactionSettings.Default, work, cancellationToken);

    public async Task<T> RunAsync<T>(string operation, TransactionSettings settings,
        Func<DealDeskDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var deadline = DateTime.UtcNow + settings.Timeout;
        var outcome = "rollback";
        try
        {
            await using var strategyContext = await contexts.CreateDbContextAsync(timeout.Token);
            var strategy = new RetryingStrategy(strategyContext, settings.MaxRetries, metrics, operation);
            var result = await strategy.ExecuteAsync(
                (settings, work, deadline),
                (_, state, ct) => AttemptAsync(state.settings, state.work, state.deadline, ct),
                verifySucceeded: null,
                timeout.Token);
            metrics.Committed(operation);
            outcome = "commit";
            return result;
        }
        catch (Exception ex)
        {
            var error = Classify(ex, timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
            metrics.RolledBack(operation, error?.Code ?? ex.GetType().Name);
            if (error is null) throw;
            if (ex is not DealDeskException)
                logger.LogWarning(ex, "Unit of work {Operation} failed: {ErrorCode}", operation, error.Code);
            throw ex as DealDeskException ?? new DealDeskException(error, ex);
        }
        finally
        {
            metrics.Duration(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
        }
    }

    private async Task<T> AttemptAsync<T>(TransactionSettings settings,
        Func<DealDeskDbContext, CancellationToken, Task<T>> work, DateTime deadline, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.TenantSetPerTransaction = true; // ApplyLocalSettingsAsync does it; skip the session-level round trip
        if (settings.SerializeOn is { } key)
        {
            await db.Database.OpenConnectionAsync(ct);
            await AdvisoryLockAsync(db, "pg_advisory_lock", key, ct);
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(settings.IsolationLevel, ct);
            await ApplyLocalSettingsAsync(tx, deadline, ct);
            var result = await work(db, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            if (settings.SerializeOn is { } held) await ReleaseAsync(db, held);
        }
    }

    private static async Task AdvisoryLockAsync(DealDeskDbContext db, string function, SerializationKey key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {function}($1, hashtext($2))", (NpgsqlConnection)db.Database.GetDbConnection());
        cmd.Parameters.Add(new NpgsqlParameter { Value = key.ClassId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key.Name });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Best effort: a broken connection has lost the lock already, and the pool's reset unlocks all before reuse.</summary>
    private async Task ReleaseAsync(DealDeskDbContext db, SerializationKey key)
    {
        try
        {
            if (db.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
                await AdvisoryLockAsync(db, "pg_advisory_unlock", key, CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            logger.LogDebug(ex, "Advisory unlock skipped: the connection is gone");
        }
    }

    /// <summary>Tenant for row-level security and the remaining time budget, for this transaction only.</summary>
    private async Task ApplyLocalSettingsAsync(IDbContextTransaction tx, DateTime deadline, CancellationToken ct)
    {
        var npgsqlTx = (NpgsqlTransaction)tx.GetDbTransaction();
        var remainingMs = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
        await using var cmd = new NpgsqlCommand(
            $"SELECT set_config('{TenantSetting.Name}', $1, true), set_config('statement_timeout', $2, true)",
            npgsqlTx.Connection, npgsqlTx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant.DealershipId?.ToString() ?? "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = remainingMs.ToString() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Maps infrastructure failures onto the taxonomy; null means "not ours to type" (a bug: 500).</summary>
    private static AppError? Classify(Exception ex, bool timedOut)
    {
        if (ex is DealDeskException typed) return typed.Error;
        if (timedOut && ex is OperationCanceledException or NpgsqlException) return AppError.Timeout();
        var pg = TransientErrors.FindPostgres(ex);
        if (pg?.SqlState == "57014") return AppError.Timeout();
        if (ex is RetryLimitExceededException)
        {
            TransientErrors.IsTransient(ex, out var state);
            return state is TransientErrors.ConnectionFailure or TransientErrors.TooManyConnections
                ? AppError.Unavailable() : AppError.Busy();
        }
        if (pg?.SqlState is "57P01" or "57P02" or "57P03" || (pg is null && ex is NpgsqlException))
            return AppError.Unavailable();
        return null;
    }
}
