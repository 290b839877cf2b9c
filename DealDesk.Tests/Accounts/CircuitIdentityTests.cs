using System.Security.Claims;
using DealDesk.Data.Accounts;
using DealDesk.Data.Deals;
using DealDesk.Data.Seeding;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Accounts;

/// <summary>
/// A circuit acts as the user whose cookie opened it: its tenant comes from its authentication state,
/// not from anything the browser sends, and revalidation takes access away from a locked-out,
/// re-roled or re-stamped user.
/// </summary>
public sealed class CircuitIdentityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];
    static readonly DemoData.DemoDealership South = DemoData.Dealerships[1];

    async Task<(AsyncServiceScope Scope, ClaimsPrincipal Principal)> CircuitScopeFor(string email)
    {
        var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
        // What the framework does when a circuit opens: the circuit's auth state is the cookie's principal.
        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        foreach (var handler in scope.ServiceProvider.GetServices<CircuitHandler>())
            await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        return (scope, principal);
    }

    [Fact]
    public async Task A_circuits_service_calls_run_as_the_signed_in_users_dealership()
    {
        var (scope, _) = await CircuitScopeFor(DemoData.SalesEmail(South, 1));
        await using var _ = scope;
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        var southId = await fixture.Db.ScalarAsync<Guid>($"SELECT id FROM dealerships WHERE name = '{South.Name}'");

        Assert.Equal(southId, tenant.DealershipId);
        Assert.False(tenant.IsManager);
        var deals = await scope.ServiceProvider.GetRequiredService<DealService>().CreateAsync(new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Circuit", LastName = "Tenant" },
        });
        Assert.Equal(southId, await fixture.Db.ScalarAsync<Guid>($"SELECT dealership_id FROM deals WHERE id = '{deals.Deal.Id}'"));
    }

    [Fact]
    public async Task A_circuit_cannot_name_another_dealership_in_what_it_sends()
    {
        var (scope, _) = await CircuitScopeFor(DemoData.SalesEmail(North, 1));
        await using var _ = scope;
        var southId = await fixture.Db.ScalarAsync<Guid>($"SELECT id FROM dealerships WHERE name = '{South.Name}'");

        var error = await Assert.ThrowsAsync<DealDesk.Data.Errors.DealDeskException>(() =>
            scope.ServiceProvider.GetRequiredService<DealService>().CreateAsync(new CreateDealRequest
            {
                DealershipId = southId.ToString(),
                CustomerData = new NewCustomerData { FirstName = "Cross", LastName = "Tenant" },
            }));

        Assert.Equal(403, error.Error.Status);
        Assert.Equal(0, await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE last_name = 'Tenant' AND first_name = 'Cross'"));
    }

    [Fact]
    public async Task Losing_the_authentication_state_clears_the_circuits_tenant()
    {
        var (scope, _) = await CircuitScopeFor(DemoData.ManagerEmail(North));
        await using var _ = scope;
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        Assert.True(tenant.IsManager);

        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

        Assert.Null(tenant.DealershipId);
        Assert.Null(tenant.UserId);
        Assert.False(tenant.IsManager);
    }

    [Fact]
    public async Task Revalidation_keeps_an_unchanged_user_and_drops_a_locked_out_one()
    {
        var email = DemoData.SalesEmail(North, 2);
        var (scope, principal) = await CircuitScopeFor(email);
        await using var _ = scope;
        var provider = (RevalidatingIdentityStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        Assert.True(await provider.IsStillValidAsync(principal));

        await using (var admin = fixture.App.Services.CreateAsyncScope())
        {
            var users = admin.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
        }
        try
        {
            Assert.False(await provider.IsStillValidAsync(principal));
        }
        finally
        {
            await using var admin = fixture.App.Services.CreateAsyncScope();
            var users = admin.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, null);
        }
    }

    [Fact]
    public async Task Revalidation_drops_a_user_whose_role_changed()
    {
        var email = DemoData.SalesEmail(South, 2);
        var (scope, principal) = await CircuitScopeFor(email);
        await using var _ = scope;
        var provider = (RevalidatingIdentityStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        await using (var admin = fixture.App.Services.CreateAsyncScope())
        {
            var users = admin.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.AddToRoleAsync(user, Roles.Manager);
        }

        Assert.False(await provider.IsStillValidAsync(principal));
    }
}
