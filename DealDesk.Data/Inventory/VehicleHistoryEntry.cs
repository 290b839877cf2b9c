namespace DealDesk.Data.Inventory;

/// <summary>
/// One change to a vehicle's price or status, written by the <c>vehicles</c> trigger (migration VehicleRecords)
/// whoever made it: a manager's edit, an import, or a deal taking or releasing the car. A trigger rather than the
/// services, so a deal's status change is never missing from the history even though DealActions knows nothing of it.
/// </summary>
public sealed class VehicleHistoryEntry
{
    public long Id { get; set; }
    public Guid DealershipId { get; set; }
    public Guid VehicleId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary><see cref="VehicleHistoryKinds"/>.</summary>
    public required string Kind { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    /// <summary>The user whose unit of work set <c>app.user_id</c>; null for changes made by deals (their deal says who).</summary>
    public Guid? ChangedBy { get; set; }
}

public static class VehicleHistoryKinds
{
    public const string Price = "price";
    public const string Status = "status";
}
