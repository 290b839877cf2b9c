using DealDesk.Data.Accounts;
using DealDesk.Data.Customers;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Data.Seeding;

/// <summary>
/// Demo data for the embedded database (and for tests): two dealerships, each with a manager,
/// two salespeople, 40 vehicles and 20 customers. Runs once: skipped when any user exists.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes)
{
    public const int VehiclesPerDealership = 40;
    public const int CustomersPerDealership = 20;

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DealDeskDbContext>();
            if (await db.Users.AnyAsync(ct)) return false;
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            foreach (var role in Roles.All)
                if (!await roles.RoleExistsAsync(role))
                    Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
        }

        for (var i = 0; i < DemoData.Dealerships.Length; i++)
            await SeedDealershipAsync(DemoData.Dealerships[i], new Random(1000 + i), ct);
        return true;
    }

    private async Task SeedDealershipAsync(DemoData.DemoDealership demo, Random random, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dealershipId = Guid.CreateVersion7();
        // Row-level security: every row written below must carry the tenant being seeded.
        scope.ServiceProvider.GetRequiredService<TenantContext>().DealershipId = dealershipId;
        var db = scope.ServiceProvider.GetRequiredService<DealDeskDbContext>();
        db.Dealerships.Add(new Dealership
        {
            Id = dealershipId, Name = demo.Name, TimeZone = demo.TimeZone,
            DefaultTaxRate = demo.TaxRate, DocFee = demo.DocFee, DefaultApr = demo.Apr,
        });
        await db.SaveChangesAsync(ct);
        await Leads.LeadSettings.SeedDemoAsync(db, dealershipId, demo.Slug, ct);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await CreateUserAsync(users, dealershipId, DemoData.ManagerEmail(demo), demo.ManagerName, Roles.Manager);
        for (var n = 1; n <= demo.SalesNames.Length; n++)
            await CreateUserAsync(users, dealershipId, DemoData.SalesEmail(demo, n), demo.SalesNames[n - 1], Roles.Salesperson);

        // The record details draw from their own sequence, so the vehicles and customers above stay what they were.
        var details = new Random(demo.StockPrefix[0]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var v = 0; v < VehiclesPerDealership; v++)
        {
            var (make, model, trims, basePrice) = DemoData.Models[random.Next(DemoData.Models.Length)];
            var year = 2022 + random.Next(5);
            var price = basePrice + (year - 2022) * 1_500 + random.Next(0, 40) * 100;
            var isNew = year >= 2026;
            db.Vehicles.Add(new Vehicle
            {
                DealershipId = dealershipId, Vin = DemoData.Vin(random), StockNumber = $"{demo.StockPrefix}{1001 + v}",
                Year = year, Make = make, Model = model, Trim = trims[random.Next(trims.Length)],
                Price = price,
                Cost = Math.Round(price * (0.86m + details.Next(0, 8) / 100m), 0),
                Condition = isNew ? VehicleCondition.New : details.Next(3) == 0 ? VehicleCondition.Certified : VehicleCondition.Used,
                Mileage = isNew ? details.Next(3, 60) : (2026 - year) * 11_000 + details.Next(0, 9_000),
                ExteriorColor = DemoData.ExteriorColors[details.Next(DemoData.ExteriorColors.Length)],
                InteriorColor = DemoData.InteriorColors[details.Next(DemoData.InteriorColors.Length)],
                BodyStyle = DemoData.BodyStyle(model),
                ReceivedOn = today.AddDays(-details.Next(1, 120)),
            });
        }
        for (var c = 0; c < CustomersPerDealership; c++)
        {
            var first = DemoData.FirstNames[c];
            var last = DemoData.LastNames[(c * 7 + random.Next(3)) % DemoData.LastNames.Length];
            db.Customers.Add(new Customer
            {
                DealershipId = dealershipId, FirstName = first, LastName = last,
                Email = $"{first}.{last}{c}@example.com".ToLowerInvariant(),
                Phone = $"+1555{random.Next(200, 999)}{random.Next(1000, 9999)}", // E.164, as the app stores phones
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task CreateUserAsync(UserManager<AppUser> users, Guid dealershipId, string email, string name, string role)
    {
        var user = new AppUser { Id = Guid.CreateVersion7(), DealershipId = dealershipId, UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Check(await users.CreateAsync(user, DemoData.Password));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
