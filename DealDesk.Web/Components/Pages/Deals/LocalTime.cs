using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Components.Pages.Deals;

/// <summary>Times as the dealership's staff read them: in the dealership's own time zone, not the server's or UTC.</summary>
public sealed class LocalTime(TimeZoneInfo zone)
{
    public static readonly LocalTime Utc = new(TimeZoneInfo.Utc);

    public string Format(DateTimeOffset instant) => Shared.Format.Date(TimeZoneInfo.ConvertTime(instant, zone));

    public static async Task<LocalTime> ForAsync(CurrentDealership dealership, CancellationToken ct = default) =>
        new(Dealership.ResolveZone((await dealership.GetAsync(ct))?.TimeZone));
}
