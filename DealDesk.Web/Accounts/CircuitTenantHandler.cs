using System.Security.Claims;
using DealDesk.Data.Accounts;
using DealDesk.Data.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DealDesk.Web.Accounts;

/// <summary>
/// The tenant of a circuit. HTTP middleware (<see cref="TenantMiddleware"/>) never runs for a circuit's
/// events, so the circuit's scoped <see cref="TenantContext"/> is filled here from the circuit's
/// authentication state when the circuit opens, and again whenever that state changes (revalidation
/// failing makes it anonymous, which clears the tenant: services then refuse with 401). Nothing a
/// browser sends over the circuit reaches this: the principal comes from the cookie the circuit was
/// opened with.
/// </summary>
internal sealed class CircuitTenantHandler(AuthenticationStateProvider auth, TenantContext tenant)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        auth.AuthenticationStateChanged += OnAuthenticationStateChanged;
        Apply(tenant, (await auth.GetAuthenticationStateAsync()).User);
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            Apply(tenant, (await state).User);
        }
        catch
        {
            Apply(tenant, new ClaimsPrincipal()); // an auth state that cannot be read grants nothing
        }
    }

    /// <summary>The one mapping from a principal to a tenant, shared with the HTTP middleware.</summary>
    public static void Apply(TenantContext tenant, ClaimsPrincipal user)
    {
        var signedIn = user.Identity?.IsAuthenticated == true;
        tenant.DealershipId = signedIn ? user.DealershipId() : null;
        tenant.UserId = signedIn ? user.UserId() : null;
        tenant.IsManager = signedIn && user.IsInRole(Roles.Manager);
    }

    public void Dispose() => auth.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}
