using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

/// <summary>
/// The dealership's country as a phone region, read where a number is parsed (a primary-key read, and only when there
/// is a number): the settings page changes it, so nothing may hold it for longer than one operation.
/// </summary>
public static class DealershipPhoneRegion
{
    public static async Task<string> ReadAsync(DealDeskDbContext db, Guid dealershipId, CancellationToken ct) =>
        Phones.RegionOrDefault(await db.Dealerships.AsNoTracking().Where(d => d.Id == dealershipId).Select(d => d.Country).FirstOrDefaultAsync(ct));

    /// <summary>The region to read <paramref name="typed"/> in; null (no read) when nothing was typed.</summary>
    public static async Task<string?> ForAsync(this ICurrentDealership dealership, string? typed, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(typed) ? null : await dealership.PhoneRegionAsync(ct);
}
