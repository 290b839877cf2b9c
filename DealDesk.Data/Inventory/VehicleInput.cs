namespace DealDesk.Data.Inventory;

/// <summary>
/// A vehicle as a manager enters it (the form, the JSON API's POST/PUT body, one CSV row). Everything is nullable so a
/// missing or empty field is a field error from <see cref="VehicleInputValidator"/>, not an unreadable request.
/// <see cref="Status"/> is only read on PUT: deals own it, a manager may only mark a car sold or available again.
/// </summary>
public sealed class VehicleInput
{
    public string? Vin { get; set; }
    public string? StockNumber { get; set; }
    public int? Year { get; set; }
    public string? Make { get; set; }
    public string? Model { get; set; }
    public string? Trim { get; set; }
    public decimal? Price { get; set; }
    public int? Mileage { get; set; }
    public string? ExteriorColor { get; set; }
    public string? InteriorColor { get; set; }
    public string? BodyStyle { get; set; }
    public string? Condition { get; set; }
    public decimal? Cost { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? Status { get; set; }

    public static VehicleInput From(Vehicle v) => new()
    {
        Vin = v.Vin, StockNumber = v.StockNumber, Year = v.Year, Make = v.Make, Model = v.Model, Trim = v.Trim, Price = v.Price,
        Mileage = v.Mileage, ExteriorColor = v.ExteriorColor, InteriorColor = v.InteriorColor, BodyStyle = v.BodyStyle,
        Condition = v.Condition, Cost = v.Cost, ReceivedOn = v.ReceivedOn, Status = v.Status,
    };

    /// <summary>Trimmed, VIN and stock number upper-cased, blanks as null: what is stored and compared.</summary>
    public VehicleInput Normalized() => new()
    {
        Vin = VinCheck.Normalize(Vin), StockNumber = Blank(StockNumber)?.ToUpperInvariant(), Year = Year, Make = Blank(Make),
        Model = Blank(Model), Trim = Blank(Trim), Price = Price, Mileage = Mileage, ExteriorColor = Blank(ExteriorColor),
        InteriorColor = Blank(InteriorColor), BodyStyle = Blank(BodyStyle), Condition = Blank(Condition)?.ToLowerInvariant(),
        Cost = Cost, ReceivedOn = ReceivedOn, Status = Blank(Status)?.ToLowerInvariant(),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
