using System.Text;
using DealDesk.Data.Inventory;

namespace DealDesk.Tests.Inventory.Support;

/// <summary>Valid VINs, vehicle inputs and CSV files for the vehicle record tests.</summary>
public static class VehicleKit
{
    private const string Alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static int _serial;

    /// <summary>A VIN that passes the check digit, different on every call.</summary>
    public static string NewVin()
    {
        var chars = new char[17];
        var random = Random.Shared;
        for (var i = 0; i < 17; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        chars[8] = VinCheck.CheckDigit(chars);
        return new string(chars);
    }

    public static string NewStock() => $"K{Interlocked.Increment(ref _serial):D4}{Random.Shared.Next(100_000):D5}";

    public static VehicleInput Input(string? vin = null, string? stock = null, decimal price = 27_450m, string make = "Toyota",
        string model = "Camry", int year = 2024) => new()
    {
        Vin = vin ?? NewVin(), StockNumber = stock ?? NewStock(), Year = year, Make = make, Model = model, Trim = "SE", Price = price,
        Mileage = 18_250, ExteriorColor = "Lunar Silver", InteriorColor = "Black cloth", BodyStyle = "Sedan",
        Condition = VehicleCondition.Used, Cost = 24_100m,
    };

    public const string Header = "vin,stockNumber,year,make,model,trim,price,mileage,condition,exteriorColor,interiorColor,bodyStyle,cost";

    public static string Line(VehicleInput v) =>
        $"{v.Vin},{v.StockNumber},{v.Year},{v.Make},{v.Model},{v.Trim},{v.Price},{v.Mileage},{v.Condition},{v.ExteriorColor},{v.InteriorColor},{v.BodyStyle},{v.Cost}";

    public static byte[] Csv(IEnumerable<VehicleInput> rows) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows.Select(Line)]) + "\n");

    public static List<VehicleInput> Inputs(int count) => [.. Enumerable.Range(0, count).Select(_ => Input())];
}
