using DealDesk.Data.Inventory;
using Npgsql;
using NpgsqlTypes;

namespace DealDesk.Bench.Records;

/// <summary>One dealership of the records level and how many of the records it holds.</summary>
public sealed record RecordsDealership(BenchTenant Tenant, int Rank, int Vehicles, int Customers);

/// <summary>
/// 100,000 vehicles and 1,000,000 customers over 50 dealerships of their own ("Records Motors 01", …), bulk-loaded
/// with binary COPY as the superuser. Sizes follow Zipf's law (the r-th largest holds 1/r of the first's share), as a
/// dealer group's stores do: the largest has ~22,000 vehicles, enough for page 500 of a 15-row grid, the median ~900.
/// Names come from short lists of common US names, so "Garcia" matches what it would match in a real store; phones are
/// random US numbers in E.164, VINs pass the check digit. Seeded random: every run loads the same records.
/// </summary>
public static class RecordsData
{
    public const int Dealerships = 50, TotalVehicles = 100_000, CustomersPerVehicle = 10;

    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Charles", "Lisa", "Daniel", "Nancy",
        "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret", "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily",
        "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Timothy", "Deborah",
        "Ronald", "Stephanie", "George", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan", "Dorothy",
        "Jacob", "Amy", "Nicholas", "Kathleen", "Gary", "Angela", "Eric", "Shirley", "Jonathan", "Emma", "Stephen", "Brenda",
        "Larry", "Pamela", "Justin", "Nicole", "Scott", "Anna", "Brandon", "Samantha", "Benjamin", "Katherine", "Samuel", "Christine",
        "Gregory", "Debra", "Alexander", "Rachel", "Patrick", "Carolyn", "Frank", "Janet", "Raymond", "Maria", "Jack", "Olivia",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
        "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
        "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey",
        "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
        "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers",
        "Long", "Ross", "Foster", "Jimenez", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler",
        "Henderson", "Barnes", "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham",
    ];

    static readonly (string Make, string Wmi, string[] Models)[] Makes =
    [
        ("Toyota", "4T1", ["Camry", "Corolla", "RAV4", "Highlander", "Tacoma"]), ("Honda", "1HG", ["Civic", "Accord", "CR-V", "Pilot"]),
        ("Ford", "1FA", ["F-150", "Escape", "Explorer", "Mustang"]), ("Chevrolet", "1G1", ["Silverado", "Equinox", "Malibu", "Tahoe"]),
        ("Nissan", "1N4", ["Altima", "Rogue", "Sentra"]), ("Hyundai", "5NP", ["Elantra", "Tucson", "Santa Fe"]),
        ("Kia", "5XX", ["Forte", "Sportage", "Telluride"]), ("Subaru", "4S3", ["Outback", "Forester", "Crosstrek"]),
        ("Jeep", "1C4", ["Wrangler", "Grand Cherokee", "Compass"]), ("BMW", "WBA", ["3 Series", "X3", "X5"]),
        ("Mazda", "JM1", ["Mazda3", "CX-5", "CX-50"]), ("Volkswagen", "3VW", ["Jetta", "Tiguan", "Atlas"]),
    ];

    static readonly string[] Colors = ["White", "Black", "Silver", "Gray", "Blue", "Red", "Green", "Brown"];
    static readonly string[] Bodies = ["Sedan", "SUV", "Truck", "Coupe", "Hatchback", "Van"];
    static readonly string[] Cities = ["Springfield", "Riverside", "Franklin", "Greenville", "Clinton", "Fairview", "Salem", "Madison"];
    const string VinCharacters = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>Creates the 50 dealerships and loads their records; largest first.</summary>
    public static async Task<IReadOnlyList<RecordsDealership>> SeedAsync(BenchDatabase database, Action<string> log, CancellationToken ct)
    {
        var superuser = database.SuperuserConnectionStringFor(database.DatabaseName);
        var tenants = await BenchDealerships.AddAsync(superuser, database.Tenants[0], "Records Motors", Dealerships, ct);
        var sizes = ZipfSizes(TotalVehicles, Dealerships);
        var stores = tenants.Select((t, i) => new RecordsDealership(t, i + 1, sizes[i], sizes[i] * CustomersPerVehicle)).ToArray();

        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await c.OpenAsync(ct);
        var random = new Random(2026);
        log($"Loading {TotalVehicles:N0} vehicles over {Dealerships} dealerships ({stores[0].Vehicles:N0} in the largest, {stores[^1].Vehicles:N0} in the smallest)");
        await CopyVehiclesAsync(c, stores, random, ct);
        log($"Loading {TotalVehicles * CustomersPerVehicle:N0} customers");
        await CopyCustomersAsync(c, stores, random, ct);
        log("VACUUM ANALYZE (what autovacuum does to a table that grew: statistics and the visibility map)");
        foreach (var table in new[] { "vehicles", "customers" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", c);
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        return stores;
    }

    /// <summary><paramref name="total"/> split over <paramref name="count"/> by 1/rank, summing exactly to the total.</summary>
    public static int[] ZipfSizes(int total, int count)
    {
        var harmonic = Enumerable.Range(1, count).Sum(r => 1.0 / r);
        var sizes = Enumerable.Range(1, count).Select(r => (int)(total / harmonic / r)).ToArray();
        sizes[0] += total - sizes.Sum();
        return sizes;
    }

    static async Task CopyVehiclesAsync(NpgsqlConnection c, IReadOnlyList<RecordsDealership> stores, Random random, CancellationToken ct)
    {
        await using var copy = await c.BeginBinaryImportAsync("""
            COPY vehicles (id, dealership_id, vin, stock_number, year, make, model, trim, price, cost, status, mileage,
                           exterior_color, interior_color, body_style, condition, received_on, created_at) FROM STDIN (FORMAT BINARY)
            """, ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var store in stores)
        {
            for (var i = 0; i < store.Vehicles; i++)
            {
                var (make, wmi, models) = Makes[random.Next(Makes.Length)];
                var year = 2014 + random.Next(13);
                var condition = year >= 2026 ? VehicleCondition.New : random.Next(5) == 0 ? VehicleCondition.Certified : VehicleCondition.Used;
                var price = Math.Round((decimal)(12_000 + random.NextDouble() * 73_000) / 50) * 50; // round like a lot does
                var status = random.Next(100) switch { < 85 => VehicleStatus.Available, < 90 => VehicleStatus.Pending, _ => VehicleStatus.Sold };
                var received = today.AddDays(-random.Next(240));
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(store.Tenant.DealershipId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(Vin(wmi, year, i, random), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync($"R{i:D7}", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(make, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(models[random.Next(models.Length)], NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(random.Next(3) switch { 0 => "Base", 1 => "Sport", _ => "Limited" }, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(price, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(Math.Round(price * 0.88m), NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(status, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(condition == VehicleCondition.New ? random.Next(50) : random.Next(5_000, 120_000), NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Colors[random.Next(Colors.Length)], NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(random.Next(2) == 0 ? "Black" : "Gray", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(Bodies[random.Next(Bodies.Length)], NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(condition, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(received, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(new DateTimeOffset(received.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), NpgsqlDbType.TimestampTz, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    static async Task CopyCustomersAsync(NpgsqlConnection c, IReadOnlyList<RecordsDealership> stores, Random random, CancellationToken ct)
    {
        await using var copy = await c.BeginBinaryImportAsync(
            "COPY customers (id, dealership_id, first_name, last_name, email, phone, city, state, zip_code, created_at) FROM STDIN (FORMAT BINARY)", ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var store in stores)
        {
            for (var i = 0; i < store.Customers; i++)
            {
                var first = FirstNames[random.Next(FirstNames.Length)];
                var last = LastNames[random.Next(LastNames.Length)];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(store.Tenant.DealershipId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(first, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(last, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync($"{first}.{last}{i}@example.com".ToLowerInvariant(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(Phone(random), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(Cities[random.Next(Cities.Length)], NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("IL", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync($"6{random.Next(10_000):D4}", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(now.AddMinutes(-random.Next(3 * 365 * 24 * 60)), NpgsqlDbType.TimestampTz, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>A US number in E.164 as the app stores it: +1, an area code and an exchange that do not start with 0 or 1.</summary>
    public static string Phone(Random random) => $"+1{random.Next(201, 990)}{random.Next(200, 1000)}{random.Next(10_000):D4}";

    /// <summary>A VIN with a valid check digit: the make's WMI, 5 random characters, the check digit, year, plant, a 6-digit serial.</summary>
    static string Vin(string wmi, int year, int serial, Random random)
    {
        Span<char> vin = stackalloc char[VinCheck.Length];
        wmi.AsSpan().CopyTo(vin);
        for (var k = 3; k < 8; k++) vin[k] = VinCharacters[random.Next(VinCharacters.Length)];
        vin[8] = '0';
        vin[9] = "EFGHJKLMNPRST"[year - 2014]; // model-year codes 2014–2026
        vin[10] = 'A';
        serial.ToString("D6").AsSpan().CopyTo(vin[11..]);
        vin[8] = VinCheck.CheckDigit(vin);
        return new string(vin);
    }
}
