using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Deals;

/// <summary>Deal numbers: YYYY-MMDD-XXXX from a per-dealership, per-local-day counter row.</summary>
public static class DealNumbers
{
    /// <summary>Four digits, widening past 9999 (…-10000) rather than failing.</summary>
    public static string Format(DateOnly day, int sequence) => $"{day:yyyy}-{day:MMdd}-{sequence:D4}";

    public static DateOnly LocalDay(string timeZone, DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>
    /// Next number for the day, with the counter row locked FOR UPDATE until commit: gapless, because
    /// a rolled-back deal rolls its increment back too. Callers serialize per dealership first
    /// (<see cref="DealLocks"/>) so concurrent creations queue instead of failing serialization.
    /// </summary>
    public static async Task<string> NextAsync(DealDeskDbContext db, Guid dealershipId, DateOnly day, CancellationToken ct)
    {
        var counter = await db.DealNumberCounters
            .FromSql($"SELECT * FROM deal_number_counters WHERE dealership_id = {dealershipId} AND day = {day} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (counter is null)
        {
            counter = new DealNumberCounter { DealershipId = dealershipId, Day = day, LastValue = 1 };
            db.DealNumberCounters.Add(counter);
        }
        else
        {
            counter.LastValue++;
        }
        await db.SaveChangesAsync(ct);
        return Format(day, counter.LastValue);
    }
}
