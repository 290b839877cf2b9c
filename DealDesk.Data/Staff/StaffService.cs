using DealDesk.Data.Accounts;
using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealDesk.Data.Staff;

/// <summary>
/// Managers run their dealership's accounts here. Each change is one unit of work through the runner
/// (audit included), writing Identity's tables directly rather than through UserManager, whose store
/// holds its own context and so could not share the transaction that locks the managers. Every change
/// renews the security stamp: the cookie check (Accounts: SecurityStampValidator, interval zero) refuses
/// the old cookie on the next request, and open circuits lose access at their next revalidation.
/// </summary>
public sealed class StaffService(
    TransactionRunner runner,
    IDbContextFactory<DealDeskDbContext> contexts,
    ITenantContext tenant,
    IPasswordHasher<AppUser> hasher,
    ILookupNormalizer normalizer,
    IValidator<InviteStaffRequest> inviteValidator,
    IValidator<ChangeRoleRequest> roleValidator,
    TimeProvider time)
{
    /// <summary>Locked by a manager: until someone unlocks (Identity's own lockout after failed sign-ins is 15 minutes).</summary>
    public static readonly DateTimeOffset LockedIndefinitely = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct = default)
    {
        var actor = RequireManager();
        await using var db = await contexts.OpenAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.DealershipId == actor.DealershipId)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Email).ToListAsync(ct);
        var roles = await RolesOfAsync(db, users.Select(u => u.Id).ToList(), ct);
        return users.Select(u => View(u, roles.GetValueOrDefault(u.Id, Roles.Salesperson))).ToList();
    }

    public async Task<StaffInvitation> InviteAsync(InviteStaffRequest request, CancellationToken ct = default)
    {
        inviteValidator.ThrowIfInvalid(request);
        var actor = RequireManager();
        var email = request.Email!.Trim();
        var password = TemporaryPasswords.New();
        try
        {
            return await runner.RunAsync("staff.invite", async (db, token) =>
            {
                var user = new AppUser
                {
                    Id = Guid.CreateVersion7(), DealershipId = actor.DealershipId, UserName = email, Email = email,
                    NormalizedUserName = normalizer.NormalizeName(email), NormalizedEmail = normalizer.NormalizeEmail(email),
                    EmailConfirmed = true, LockoutEnabled = true, FirstName = request.FirstName!.Trim(), LastName = request.LastName!.Trim(),
                    SecurityStamp = NewStamp(), ConcurrencyStamp = NewStamp(),
                };
                user.DisplayName = $"{user.FirstName} {user.LastName}";
                user.PasswordHash = hasher.HashPassword(user, password);
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = await RoleIdAsync(db, request.Role!, token) });
                AuditTrail.Record(db, actor, "staff.invited", "user", user.Id, new { email, role = request.Role }, time.GetUtcNow(),
                    $"Added {user.DisplayName} ({email}) as {request.Role}");
                await db.SaveChangesAsync(token);
                return new StaffInvitation(View(user, request.Role!), password);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: "23505" })
        {
            throw StaffErrors.EmailTaken(); // the user name index is global: another dealership's person counts too
        }
    }

    public async Task<StaffMember> ChangeRoleAsync(Guid userId, ChangeRoleRequest request, CancellationToken ct = default)
    {
        roleValidator.ThrowIfInvalid(request);
        var actor = RequireManager();
        return await runner.RunAsync("staff.role", async (db, token) =>
        {
            await ManagerGuard.LockManagersAsync(db, actor.DealershipId, token);
            var user = await FindAsync(db, userId, token);
            var from = (await RolesOfAsync(db, [user.Id], token)).GetValueOrDefault(user.Id, Roles.Salesperson);
            if (from == request.Role) return View(user, from);
            if (from == Roles.Manager) await ManagerGuard.EnsureAnotherActiveManagerAsync(db, actor.DealershipId, user.Id, "demote", token);
            await db.UserRoles.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(token);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = await RoleIdAsync(db, request.Role!, token) });
            Renew(user);
            AuditTrail.Record(db, actor, "staff.role_changed", "user", user.Id, new { from, to = request.Role }, time.GetUtcNow(),
                $"Changed {user.DisplayName}'s role from {from} to {request.Role}");
            return View(user, request.Role!);
        }, ct);
    }

    public Task<StaffMember> LockAsync(Guid userId, CancellationToken ct = default) => SetLockAsync(userId, locked: true, ct);

    public Task<StaffMember> UnlockAsync(Guid userId, CancellationToken ct = default) => SetLockAsync(userId, locked: false, ct);

    public async Task<StaffPasswordReset> ResetPasswordAsync(Guid userId, CancellationToken ct = default)
    {
        var actor = RequireManager();
        var password = TemporaryPasswords.New();
        return await runner.RunAsync("staff.reset_password", async (db, token) =>
        {
            var user = await FindAsync(db, userId, token);
            user.PasswordHash = hasher.HashPassword(user, password);
            user.AccessFailedCount = 0;
            Renew(user); // signs the person out everywhere: whoever knew the old password is out too
            AuditTrail.Record(db, actor, "staff.password_reset", "user", user.Id, new { }, time.GetUtcNow(),
                $"Reset {user.DisplayName}'s password");
            return new StaffPasswordReset(user.Id, password);
        }, ct);
    }

    private async Task<StaffMember> SetLockAsync(Guid userId, bool locked, CancellationToken ct)
    {
        var actor = RequireManager();
        return await runner.RunAsync(locked ? "staff.lock" : "staff.unlock", async (db, token) =>
        {
            await ManagerGuard.LockManagersAsync(db, actor.DealershipId, token);
            var user = await FindAsync(db, userId, token);
            var role = (await RolesOfAsync(db, [user.Id], token)).GetValueOrDefault(user.Id, Roles.Salesperson);
            if (locked && role == Roles.Manager)
                await ManagerGuard.EnsureAnotherActiveManagerAsync(db, actor.DealershipId, user.Id, "lock", token);
            user.LockoutEnabled = true;
            user.LockoutEnd = locked ? LockedIndefinitely : null;
            user.AccessFailedCount = 0;
            Renew(user);
            AuditTrail.Record(db, actor, locked ? "staff.locked" : "staff.unlocked", "user", user.Id, new { }, time.GetUtcNow(),
                $"{(locked ? "Locked" : "Unlocked")} {user.DisplayName}'s account");
            return View(user, role);
        }, ct);
    }

    private Actor RequireManager()
    {
        var actor = Actor.From(tenant);
        return actor.IsManager ? actor : throw StaffErrors.ManagersOnly();
    }

    /// <summary>The account, locked for this unit and read after the lock, so its concurrency stamp is current.</summary>
    private static async Task<AppUser> FindAsync(DealDeskDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.FromSql($"SELECT * FROM users WHERE id = {userId} FOR UPDATE").SingleOrDefaultAsync(ct)
        ?? throw await Ownership.MissingAsync(db, "users", "Staff member", userId, ct);

    private static async Task<Guid> RoleIdAsync(DealDeskDbContext db, string role, CancellationToken ct)
    {
        var normalized = role.ToUpperInvariant();
        return await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleAsync(ct);
    }

    private static async Task<Dictionary<Guid, string>> RolesOfAsync(DealDeskDbContext db, List<Guid> userIds, CancellationToken ct) =>
        (await (from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where userIds.Contains(ur.UserId)
                select new { ur.UserId, r.Name }).ToListAsync(ct))
        .GroupBy(x => x.UserId)
        // A manager who is somehow also a salesperson is a manager: the higher role decides what they can do.
        .ToDictionary(g => g.Key, g => g.Any(x => x.Name == Roles.Manager) ? Roles.Manager : Roles.Salesperson);

    private static void Renew(AppUser user)
    {
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    private static StaffMember View(AppUser u, string role) =>
        new(u.Id, u.Email ?? "", u.FirstName, u.LastName, u.DisplayName, role, u.LockoutEnd);
}
