namespace DealDesk.Data.Deals;

/// <summary>
/// What a salesperson asks for. Ids arrive as text so a malformed one is a typed validation error,
/// not a serializer failure. The dealership never comes from here (see DealService).
/// </summary>
public sealed record CreateDealRequest
{
    public string? CustomerId { get; init; }
    public NewCustomerData? CustomerData { get; init; }
    public string? VehicleId { get; init; }
    public string? SalespersonId { get; init; }
    /// <summary>Optional; if present it must be the signed-in user's dealership.</summary>
    public string? DealershipId { get; init; }
    public ScenarioInput? Scenario { get; init; }
    /// <summary>Optional: the lead this deal comes from; it becomes converted and linked in the deal's own unit of work.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? LeadId { get; init; }
}

public sealed record NewCustomerData
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>The same customer with the phone in E.164, read as dialled in <paramref name="region"/> (validate first).</summary>
    public NewCustomerData WithE164Phone(string? region) => this with { Phone = Customers.Phones.Normalize(Phone, region) };
}

/// <summary>First-scenario numbers; anything left out takes the vehicle's and dealership's defaults.</summary>
public sealed record ScenarioInput
{
    public decimal? Price { get; init; }
    public decimal? DownPayment { get; init; }
    public decimal? TradeInValue { get; init; }
    public decimal? TradeInPayoff { get; init; }
    public int? TermMonths { get; init; }
    public decimal? Apr { get; init; }
}

public sealed record ChangeCustomerRequest
{
    public string? CustomerId { get; init; }
    public NewCustomerData? CustomerData { get; init; }
}

public sealed record AttachVehicleRequest
{
    public string? VehicleId { get; init; }
}
