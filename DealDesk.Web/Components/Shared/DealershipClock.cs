using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// The signed-in dealership's time zone, read once per circuit: staff read times in the dealership's own
/// zone, not the server's and not UTC.
/// </summary>
public sealed class DealershipClock(ICurrentDealership dealership)
{
    private TimeZoneInfo? _zone;

    public async ValueTask<TimeZoneInfo> ZoneAsync(CancellationToken ct = default) =>
        _zone ??= Dealership.ResolveZone((await dealership.GetAsync(ct))?.TimeZone);
}
