using System.Text.Json.Serialization;

namespace DealDesk.Data.Notifications;

/// <summary>
/// A committed change, as other app instances hear it: which dealership, what kind (<see cref="ChangeKinds"/>),
/// which row, a few ids and statuses (<see cref="ChangeKeys"/>), and who made it. It says that something
/// changed, never the whole new state: subscribers re-read through the tenant-scoped services. No personal
/// data goes in (every connection to the database may LISTEN).
/// </summary>
public sealed record Change(Guid DealershipId, string Kind, Guid Id, IReadOnlyDictionary<string, string?>? Data = null, Guid? ByUserId = null)
{
    /// <summary>"You may have missed changes: reload what you show." Sent to every subscriber after the listener reconnects.</summary>
    public static readonly Change Resync = new(Guid.Empty, ChangeKinds.Resync, Guid.Empty);

    [JsonIgnore]
    public bool IsResync => Kind == ChangeKinds.Resync;

    /// <summary>The value of a <see cref="ChangeKeys"/> entry, or null.</summary>
    public string? Get(string key) => Data?.GetValueOrDefault(key);
}
