using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// The signed-in dealership's time zone, read once per circuit: staff read times in the dealership's own
/// zone, not the server's and not UTC.
/// </summary>
public sealed class DealershipClock
{
    private readonly Func<CancellationToken, Task<string?>> _zoneId;
    private TimeZoneInfo? _zone;

    public DealershipClock(CurrentDealership dealership) : this(async ct => (await dealership.GetAsync(ct))?.TimeZone) { }

    private DealershipClock(Func<CancellationToken, Task<string?>> zoneId) => _zoneId = zoneId;

    /// <summary>A clock in a fixed zone (component tests).</summary>
    public static DealershipClock In(TimeZoneInfo zone) => new(_ => Task.FromResult<string?>(zone.Id));

    public async ValueTask<TimeZoneInfo> ZoneAsync(CancellationToken ct = default) =>
        _zone ??= Dealership.ResolveZone(await _zoneId(ct));
}
