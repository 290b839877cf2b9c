namespace DealDesk.Data.Seeding;

/// <summary>The documented demo tenants and accounts (README lists them).</summary>
public static class DemoData
{
    public const string Password = "DealDesk!2026";

    public sealed record DemoDealership(string Name, string Slug, string TimeZone, decimal TaxRate, decimal DocFee, decimal Apr,
        string StockPrefix, string ManagerName, string[] SalesNames);

    public static readonly DemoDealership[] Dealerships =
    [
        new("Northside Motors", "northside", "America/Chicago", 0.0725m, 499m, 6.9m, "N", "Rosa Delgado", ["Noah Bennett", "Ava Brooks"]),
        new("Southside Auto", "southside", "America/New_York", 0.0600m, 389m, 7.4m, "S", "Marcus Reed", ["Liam Carter", "Zoe Price"]),
    ];

    public static string ManagerEmail(DemoDealership d) => $"manager@{d.Slug}.test";
    public static string SalesEmail(DemoDealership d, int n) => $"sales{n}@{d.Slug}.test";

    internal static readonly (string Make, string Model, string[] Trims, int BasePrice)[] Models =
    [
        ("Toyota", "Camry", ["LE", "SE", "XSE"], 27_000), ("Toyota", "RAV4", ["LE", "XLE", "Limited"], 29_500),
        ("Honda", "Civic", ["LX", "Sport", "EX"], 24_000), ("Honda", "CR-V", ["LX", "EX-L", "Touring"], 30_500),
        ("Ford", "F-150", ["XL", "XLT", "Lariat"], 38_000), ("Ford", "Escape", ["S", "SE", "Titanium"], 28_000),
        ("Chevrolet", "Silverado", ["WT", "LT", "High Country"], 39_000), ("Chevrolet", "Equinox", ["LS", "LT", "Premier"], 27_500),
        ("Hyundai", "Tucson", ["SE", "SEL", "Limited"], 28_500), ("Kia", "Sorento", ["LX", "S", "SX"], 31_000),
        ("Subaru", "Outback", ["Base", "Premium", "Touring"], 30_000), ("Mazda", "CX-5", ["S", "Select", "Turbo"], 29_000),
    ];

    internal static readonly string[] FirstNames =
        ["Ava", "Liam", "Maya", "Noah", "Sofia", "Ethan", "Zoe", "Lucas", "Chloe", "Mateo", "Priya", "Owen", "Grace", "Diego", "Hannah", "Caleb", "Nora", "Isaac", "Leah", "Omar"];

    internal static readonly string[] LastNames =
        ["Johnson", "Garcia", "Nguyen", "Patel", "Smith", "Kim", "Martinez", "Brown", "Davis", "Lopez", "Wilson", "Anderson", "Thomas", "Moore", "Clark", "Lewis", "Walker", "Young", "Hall", "Allen"];

    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    /// <summary>A random VIN with a correct check digit (position 9), so demo vehicles can be edited like real ones.</summary>
    internal static string Vin(Random random) =>
        string.Create(17, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = VinAlphabet[r.Next(VinAlphabet.Length)];
            span[8] = Inventory.VinCheck.CheckDigit(span);
        });

    internal static readonly string[] ExteriorColors =
        ["Magnetic Gray", "Super White", "Crystal Black", "Rapid Red", "Lunar Silver", "Blueprint Blue", "Oxford White", "Sonic Gray"];

    internal static readonly string[] InteriorColors = ["Black cloth", "Black leather", "Gray cloth", "Ivory leather", "Saddle leather"];

    /// <summary>Body style by model, as a window sticker says it.</summary>
    internal static string BodyStyle(string model) => model switch
    {
        "Camry" or "Civic" => "Sedan",
        "F-150" or "Silverado" => "Pickup",
        "Outback" => "Wagon",
        _ => "SUV",
    };
}
