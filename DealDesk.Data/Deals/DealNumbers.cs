using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Deals;

/// <summary>Deal numbers: YYYY-MMDD-XXXX from a per-dealership, per-local-day counter row.</summary>
public static class DealNumbers
{
    /// <summary>Four digits, widening past 9999 (…-10000) rather than failing.</summary>
    public static string Format(DateOnly day, int sequence) => $"{day:yyyy}-{day:MMdd}-{sequence:D4}";

    public static DateOnly LocalDay(string timeZone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Tenancy.Dealership.ResolveZone(timeZone)).DateTime);

    /// <summary>
    /// Next number for the day in one statement that leaves the counter row locked until commit:
    /// gapless, because a rolled-back deal rolls its increment back too. Callers serialize per
    /// dealership first (<see cref="DealLocks"/>) so concurrent creations queue instead of failing
    /// serialization, and past 9999 the number simply widens.
    /// </summary>
    public static async Task<string> NextAsync(DealDeskDbContext db, Guid dealershipId, DateOnly day, CancellationToken ct)
    {
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO deal_number_counters AS c (dealership_id, day, last_value) VALUES ({dealershipId}, {day}, 1)
            ON CONFLICT (dealership_id, day) DO UPDATE SET last_value = c.last_value + 1
            RETURNING c.last_value AS "Value"
            """).ToListAsync(ct);
        return Format(day, next.Single());
    }
}
