namespace DealDesk.Data.Inventory;

/// <summary>The vehicle page: the record, the open deal that holds it (if any), every deal it was on, and its history.</summary>
public sealed record VehicleDetails(VehicleRecord Vehicle, VehicleDeal? HoldingDeal, IReadOnlyList<VehicleDeal> Deals,
    IReadOnlyList<VehicleEvent> History);

/// <summary>A deal the vehicle is or was on.</summary>
public sealed record VehicleDeal(Guid Id, string DealNumber, string State, string CustomerName, string SalespersonName,
    DateTimeOffset CreatedAt);

/// <summary>One line of the vehicle's history, newest first: received, a price or status change, or a deal started on it.</summary>
public sealed record VehicleEvent(DateTimeOffset At, string Kind, string Summary, string? By = null, Guid? DealId = null,
    string? DealNumber = null);

public static class VehicleEventKinds
{
    public const string Received = "received";
    public const string Price = VehicleHistoryKinds.Price;
    public const string Status = VehicleHistoryKinds.Status;
    public const string Deal = "deal";
}
