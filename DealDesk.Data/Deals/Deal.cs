namespace DealDesk.Data.Deals;

/// <summary>A deal being desked: one customer, at most one vehicle, its pricing scenarios.</summary>
public sealed class Deal
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    /// <summary>YYYY-MMDD-XXXX on the dealership's local date, gapless per day.</summary>
    public required string DealNumber { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>Null while "blank desking".</summary>
    public Guid? VehicleId { get; set; }
    public Guid SalespersonId { get; set; }
    public string State { get; set; } = DealState.Draft;
    public Guid? ActiveScenarioId { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class DealState
{
    public const string Draft = "DRAFT";
    public const string Delivered = "DELIVERED";
    public const string Cancelled = "CANCELLED";
    public static readonly string[] All = [Draft, Delivered, Cancelled];
    /// <summary>Closed deals release nothing and hold nothing; every other state is open.</summary>
    public static readonly string[] Closed = [Delivered, Cancelled];
    public static bool IsOpen(string state) => !Closed.Contains(state);
}
