using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Notifications;

/// <summary>
/// Announces a change from inside the unit of work that makes it, like <see cref="Audit.AuditTrail"/>.
/// PostgreSQL holds a transaction's NOTIFYs until it commits and drops them on rollback, so listeners
/// only hear committed changes: a unit that fails, or an attempt the runner retries (40001, 40P01), notifies
/// nobody, and only the attempt that commits is heard. Within a transaction the notifications keep their
/// order; identical ones (same channel and payload) are sent once.
/// Cost: a committing transaction that notified takes PostgreSQL's notify-queue lock during commit, so such
/// commits are serialized cluster-wide; deal writes are serialized per dealership already.
/// </summary>
public static class ChangePublisher
{
    public const string Channel = "dealdesk_changes";

    public static async Task PublishAsync(DealDeskDbContext db, Change change, CancellationToken ct)
    {
        // Outside a transaction NOTIFY would go out at once, before (or without) the change it announces.
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Publish changes inside a TransactionRunner unit of work.");
        var payload = ChangePayload.Serialize(change);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
    }
}
