using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Tenancy;

/// <summary>The signed-in user's dealership (name, settings), read once per request.</summary>
public sealed class CurrentDealership(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant) : ICurrentDealership
{
    private Dealership? _cached;

    public async Task<Dealership?> GetAsync(CancellationToken ct = default)
    {
        if (_cached is not null || tenant.DealershipId is not { } id) return _cached;
        await using var db = await contexts.OpenAsync(ct);
        return _cached = await db.Dealerships.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
    }
}
