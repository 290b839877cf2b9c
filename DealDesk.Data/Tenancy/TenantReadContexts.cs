using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Tenancy;

public static class TenantReadContexts
{
    /// <summary>
    /// A context whose connection stays open until it is disposed. EF otherwise opens and closes the
    /// connection around every query, and <see cref="TenantConnectionInterceptor"/> would set the
    /// tenant again for each one: a read of several queries pays one extra round trip, not several.
    /// </summary>
    public static async Task<DealDeskDbContext> OpenAsync(this IDbContextFactory<DealDeskDbContext> contexts, CancellationToken ct = default)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
