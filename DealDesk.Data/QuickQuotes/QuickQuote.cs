namespace DealDesk.Data.QuickQuotes;

/// <summary>A salesperson's fast payment quote; converting it creates the customer and the deal.</summary>
public sealed class QuickQuote
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    public Guid SalespersonId { get; set; }
    public Guid? VehicleId { get; set; }
    public required string CustomerName { get; set; }
    public string? CustomerPhone { get; set; }
    public decimal Price { get; set; }
    public decimal DownPayment { get; set; }
    /// <summary>What the dealership allows for the customer's car; it lowers the taxable price and the amount due.</summary>
    public decimal TradeInValue { get; set; }
    public int TermMonths { get; set; }
    public decimal Apr { get; set; }
    public decimal MonthlyPayment { get; set; }
    public string Status { get; set; } = QuickQuoteStatus.Open;
    public Guid? ConvertedDealId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class QuickQuoteStatus
{
    public const string Open = "OPEN";
    public const string Converted = "CONVERTED";
}
