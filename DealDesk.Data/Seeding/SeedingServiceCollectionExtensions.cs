using DealDesk.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Data.Seeding;

public static class SeedingServiceCollectionExtensions
{
    /// <summary>
    /// Identity's user and role stores plus the <see cref="DemoSeeder"/>, for hosts other than the web app
    /// (tests, the benchmark); the web app registers Identity itself, with its sign-in endpoints.
    /// </summary>
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<DealDeskDbContext>();
        services.AddSingleton<DemoSeeder>();
        return services;
    }
}
