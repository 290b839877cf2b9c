using DealDesk.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Staff;

/// <summary>
/// "A dealership always keeps an active manager", checked where two demotions could race.
/// <see cref="LockManagersAsync"/> comes first in every role or lock change: it locks the dealership's
/// managers' rows (FOR UPDATE, in id order), so a concurrent demotion or lock waits for this
/// transaction. The count is a later statement, so under READ COMMITTED it sees what the waited-for
/// transaction committed (one statement doing both would re-check only the locked rows).
/// </summary>
internal static class ManagerGuard
{
    static readonly string Manager = Roles.Manager.ToUpperInvariant();

    public static Task LockManagersAsync(DealDeskDbContext db, Guid dealershipId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            SELECT u.id FROM users u
            WHERE u.dealership_id = {dealershipId}
              AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                          WHERE ur.user_id = u.id AND r.normalized_name = {Manager})
            ORDER BY u.id
            FOR UPDATE OF u
            """, ct);

    /// <param name="action">The verb for the message: "demote", "lock".</param>
    public static async Task EnsureAnotherActiveManagerAsync(DealDeskDbContext db, Guid dealershipId, Guid exceptUserId, string action,
        CancellationToken ct)
    {
        var others = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM users u
            WHERE u.dealership_id = {dealershipId} AND u.id <> {exceptUserId}
              AND (u.lockout_end IS NULL OR u.lockout_end <= now())
              AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                          WHERE ur.user_id = u.id AND r.normalized_name = {Manager})
            """).SingleAsync(ct);
        if (others == 0) throw StaffErrors.LastManager(action);
    }
}
