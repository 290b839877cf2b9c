using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Inventory;

/// <summary>
/// What the inventory list asks for: terms, a status, a page, and an order (<see cref="Descending"/> applies to it),
/// narrowed by make, condition and a price range (inclusive; either end open).
/// </summary>
public sealed record VehicleSearch(string? Query = null, string? Status = null, int Page = 1, int PageSize = 15,
    VehicleSort Sort = VehicleSort.Default, bool Descending = false,
    string? Make = null, string? Condition = null, decimal? MinPrice = null, decimal? MaxPrice = null);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads the signed-in dealership's inventory (row-level security scopes it; the filter says so too).</summary>
public sealed class InventoryService(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant, TimeProvider time) : IInventoryQueries
{
    public async Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default)
    {
        // A context per call: a page and its layout render concurrently and must not share one.
        await using var db = await contexts.OpenAsync(ct);
        var dealershipId = tenant.DealershipId ?? Guid.Empty;
        var query = db.Vehicles.AsNoTracking().Where(v => v.DealershipId == dealershipId);
        if (!string.IsNullOrWhiteSpace(search.Status) && VehicleStatus.All.Contains(search.Status))
            query = query.Where(v => v.Status == search.Status);
        if (!string.IsNullOrWhiteSpace(search.Make))
            query = query.Where(v => v.Make == search.Make);
        if (!string.IsNullOrWhiteSpace(search.Condition) && VehicleCondition.All.Contains(search.Condition))
            query = query.Where(v => v.Condition == search.Condition);
        if (search.MinPrice is { } min) query = query.Where(v => v.Price >= min);
        if (search.MaxPrice is { } max) query = query.Where(v => v.Price <= max);
        if (!string.IsNullOrWhiteSpace(search.Query))
        {
            foreach (var term in search.Query.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
            {
                var pattern = $"%{EscapeLike(term)}%";
                query = query.Where(v =>
                    EF.Functions.ILike(v.Make, pattern, "\\") || EF.Functions.ILike(v.Model, pattern, "\\") ||
                    EF.Functions.ILike(v.Trim ?? "", pattern, "\\") || EF.Functions.ILike(v.Vin, pattern, "\\") ||
                    EF.Functions.ILike(v.StockNumber, pattern, "\\") || EF.Functions.ILike(v.Year.ToString(), pattern, "\\"));
            }
        }
        var pageSize = Math.Clamp(search.PageSize, 1, 100);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(search.Page, 1, pages);
        var items = await Ordered(query, search).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<Vehicle>(items, page, pageSize, total);
    }

    private static IQueryable<Vehicle> Ordered(IQueryable<Vehicle> query, VehicleSearch search)
    {
        var desc = search.Descending;
        var ordered = search.Sort switch
        {
            VehicleSort.Price => desc ? query.OrderByDescending(v => v.Price) : query.OrderBy(v => v.Price),
            VehicleSort.Year => desc ? query.OrderByDescending(v => v.Year) : query.OrderBy(v => v.Year),
            VehicleSort.StockNumber => desc ? query.OrderByDescending(v => v.StockNumber) : query.OrderBy(v => v.StockNumber),
            // Fewest days in stock = received last: ascending days is descending date.
            VehicleSort.DaysInStock => desc ? query.OrderBy(v => v.ReceivedOn) : query.OrderByDescending(v => v.ReceivedOn),
            _ => query.OrderBy(v => v.Make).ThenBy(v => v.Model),
        };
        return ordered.ThenBy(v => v.StockNumber); // the tie-breaker that keeps pages disjoint (see VehicleSort)
    }

    /// <summary>One of the dealership's vehicles, or null.</summary>
    public async Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        return await db.Vehicles.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.DealershipId == tenant.DealershipId, ct);
    }

    /// <summary>The makes on the dealership's lot, for the make filter.</summary>
    public async Task<IReadOnlyList<string>> MakesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        return await db.Vehicles.AsNoTracking().Where(v => v.DealershipId == tenant.DealershipId)
            .Select(v => v.Make).Distinct().OrderBy(m => m).ToListAsync(ct);
    }

    /// <summary>The dealership's date today, in its own time zone.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        return await TodayAsync(db, tenant.DealershipId ?? Guid.Empty, time, ct);
    }

    internal static async Task<DateOnly> TodayAsync(DealDeskDbContext db, Guid dealershipId, TimeProvider time, CancellationToken ct)
    {
        var zone = await db.Dealerships.Where(d => d.Id == dealershipId).Select(d => d.TimeZone).SingleOrDefaultAsync(ct);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Dealership.ResolveZone(zone)).DateTime);
    }

    internal static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
