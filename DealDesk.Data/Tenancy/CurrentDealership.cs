using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Tenancy;

/// <summary>
/// The signed-in user's dealership (name, settings), read afresh on every call. Not cached: in a circuit this scope
/// lives for hours, and a manager's change to the tax rate or doc fee must reach the next quote of every open editor
/// (one primary-key read, well under a millisecond).
/// </summary>
public sealed class CurrentDealership(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant) : ICurrentDealership
{
    public async Task<Dealership?> GetAsync(CancellationToken ct = default)
    {
        if (tenant.DealershipId is not { } id) return null;
        await using var db = await contexts.OpenAsync(ct);
        return await db.Dealerships.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
    }

    public async Task<string> PhoneRegionAsync(CancellationToken ct = default)
    {
        if (tenant.DealershipId is not { } id) return Customers.Phones.DefaultRegion;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Customers.DealershipPhoneRegion.ReadAsync(db, id, ct);
    }
}
