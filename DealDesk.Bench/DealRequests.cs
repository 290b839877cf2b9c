using DealDesk.Data.Deals;

namespace DealDesk.Bench;

/// <summary>The request every creation sends: a new customer (the common path) and one distinct available vehicle.</summary>
public static class DealRequests
{
    public static CreateDealRequest NewCustomer(Guid vehicleId, string tag) => new()
    {
        CustomerData = new NewCustomerData { FirstName = "Bench", LastName = $"Customer {tag}" },
        VehicleId = vehicleId.ToString(),
    };
}
