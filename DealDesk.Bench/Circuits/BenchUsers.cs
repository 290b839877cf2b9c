using DealDesk.Data.Accounts;
using DealDesk.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Bench.Circuits;

/// <summary>
/// One salesperson per circuit, as on a real sales floor: bench.salesN@… accounts spread over the two
/// demo dealerships, created through the app's own UserManager (hashing, roles, claims as in production).
/// </summary>
public static class BenchUsers
{
    public static string Email(int n) => $"bench.sales{n}@{DemoData.Dealerships[n % 2].Slug}.test";

    public static async Task EnsureAsync(IServiceProvider app, IReadOnlyList<BenchTenant> tenants, int count, CancellationToken ct)
    {
        await using var scope = app.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        for (var n = 0; n < count; n++)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByEmailAsync(Email(n)) is not null) continue;
            var user = new AppUser
            {
                UserName = Email(n),
                Email = Email(n),
                EmailConfirmed = true,
                DealershipId = tenants[n % tenants.Count].DealershipId,
                DisplayName = $"Bench Seller {n}",
            };
            Check(await users.CreateAsync(user, DemoData.Password), user.Email);
            Check(await users.AddToRoleAsync(user, Roles.Salesperson), user.Email);
        }
    }

    static void Check(IdentityResult result, string? email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
