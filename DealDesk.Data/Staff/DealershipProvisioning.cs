using DealDesk.Data.Accounts;
using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Settings;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Staff;

/// <summary>The operator's "create-dealership": a dealership and its first manager.</summary>
public sealed record NewDealership(string? Name, string? TimeZone, string? ManagerEmail, string? ManagerFirstName, string? ManagerLastName);

public sealed record ProvisionedDealership(Guid DealershipId, Guid ManagerId, string ManagerEmail, string TemporaryPassword);

/// <summary>
/// Creates a dealership and its first manager in one SERIALIZABLE unit. It runs on the operator's
/// (owner) connection, as migrations do: duplicate names and emails must be checked across all
/// dealerships, which row-level security hides from the app role by design. Serializable makes two
/// operators creating the same name at once conflict (one retries and then sees the other's row).
/// </summary>
public sealed class DealershipProvisioning(
    TransactionRunner runner, TenantContext tenant, IPasswordHasher<AppUser> hasher, ILookupNormalizer normalizer, TimeProvider time)
{
    public async Task<ProvisionedDealership> CreateAsync(NewDealership request, CancellationToken ct = default)
    {
        Validate(request);
        var name = request.Name!.Trim();
        var email = request.ManagerEmail!.Trim();
        var dealershipId = Guid.CreateVersion7();
        var managerId = Guid.CreateVersion7();
        var password = TemporaryPasswords.New();
        tenant.DealershipId = dealershipId;
        tenant.UserId = managerId;
        await runner.RunAsync("dealerships.create", TransactionSettings.Serializable, async (db, token) =>
        {
            var lowered = name.ToLowerInvariant();
            if (await db.Dealerships.AnyAsync(d => d.Name.ToLower() == lowered, token))
                throw Duplicate($"A dealership named \"{name}\" already exists.");
            var normalizedEmail = normalizer.NormalizeEmail(email);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail || u.NormalizedUserName == normalizedEmail, token))
                throw Duplicate($"Someone already signs in with {email}.");

            db.Dealerships.Add(new Dealership { Id = dealershipId, Name = name, TimeZone = request.TimeZone!.Trim() });
            var manager = new AppUser
            {
                Id = managerId, DealershipId = dealershipId, UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true,
                NormalizedUserName = normalizer.NormalizeName(email), NormalizedEmail = normalizedEmail,
                FirstName = request.ManagerFirstName?.Trim() ?? "", LastName = request.ManagerLastName?.Trim() ?? "",
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            manager.DisplayName = $"{manager.FirstName} {manager.LastName}".Trim() is { Length: > 0 } n ? n : email;
            manager.PasswordHash = hasher.HashPassword(manager, password);
            db.Users.Add(manager);
            await db.SaveChangesAsync(token); // the dealership and user first: the audit entry points at both
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = managerId, RoleId = await EnsureRoleAsync(db, Roles.Manager, token) });
            await EnsureRoleAsync(db, Roles.Salesperson, token); // a fresh external database has no roles yet
            AuditTrail.Record(db, new Actor(dealershipId, managerId, true), "dealership.created", "dealership", dealershipId,
                new { name, timeZone = request.TimeZone, managerEmail = email }, time.GetUtcNow(),
                $"Created {name} from the command line with manager {email}");
            return true;
        }, ct);
        return new ProvisionedDealership(dealershipId, managerId, email, password);
    }

    private static async Task<Guid> EnsureRoleAsync(DealDeskDbContext db, string role, CancellationToken ct)
    {
        var normalized = role.ToUpperInvariant();
        if (await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct) is { } id) return id;
        var created = new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(), NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() };
        db.Roles.Add(created);
        return created.Id;
    }

    private static void Validate(NewDealership r)
    {
        var fields = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 120) fields["name"] = ["Give the dealership a name (at most 120 characters)."];
        if (!DealershipSettingsValidator.IsIanaZone(r.TimeZone)) fields["timeZone"] = [$"\"{r.TimeZone}\" is not an IANA time zone such as America/Chicago."];
        if (string.IsNullOrWhiteSpace(r.ManagerEmail) || !Deals.DealRules.Email.IsMatch(r.ManagerEmail.Trim()))
            fields["managerEmail"] = ["Give the manager's email, like name@example.com."];
        if ((r.ManagerFirstName?.Length ?? 0) > 60 || (r.ManagerLastName?.Length ?? 0) > 60) fields["managerName"] = ["The manager's name is too long."];
        if (fields.Count > 0) throw new DealDeskException(AppError.Validation(fields, "The dealership cannot be created: " + string.Join(" ", fields.Values.SelectMany(v => v))));
    }

    private static DealDeskException Duplicate(string message) => new(AppError.Conflict(ErrorCodes.DealershipExists, message));
}
