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

    public static Task PublishAsync(DealDeskDbContext db, Change change, CancellationToken ct) => PublishAsync(db, [change], ct);

    /// <summary>
    /// Several changes in one statement, heard in this order. One round trip, not one per change: deal writes
    /// publish while holding their dealership's lock, so every round trip there delays the next writer.
    /// </summary>
    public static async Task PublishAsync(DealDeskDbContext db, IReadOnlyList<Change> changes, CancellationToken ct)
    {
        // Outside a transaction NOTIFY would go out at once, before (or without) the change it announces.
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Publish changes inside a TransactionRunner unit of work.");
        if (changes.Count == 0) return;
        // SELECT pg_notify({0}, {1}), pg_notify({0}, {2}), ...: placeholders only (values are parameters), evaluated left to right.
        var sql = "SELECT " + string.Join(", ", Enumerable.Range(1, changes.Count).Select(i => $"pg_notify({{0}}, {{{i}}})"));
        object[] args = [Channel, .. changes.Select(ChangePayload.Serialize)];
        await db.Database.ExecuteSqlRawAsync(sql, args, ct);
    }
}
