using System.Security.Claims;
using DealDesk.Data.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DealDesk.Web.Accounts;

/// <summary>
/// A circuit keeps the user it was opened with for hours; this re-checks that user against the
/// database every <see cref="AccountOptions.RevalidationInterval"/>. A deleted or locked-out user, a
/// changed security stamp (password reset, role change, sign-out everywhere) or a role that no longer
/// matches the circuit's claims ends the circuit's access: the auth state becomes anonymous and the
/// tenant is cleared (see <see cref="CircuitTenantHandler"/>).
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<AccountOptions> accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => accounts.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        IsStillValidAsync(state.User);

    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        // A fresh scope: the circuit's own UserManager would answer from its change tracker.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (users.SupportsUserSecurityStamp && stamp != await users.GetSecurityStampAsync(user)) return false;
        // Role changes through UserManager renew the stamp, but a role edited any other way must not linger.
        var roles = await users.GetRolesAsync(user);
        return roles.All(principal.IsInRole) && Roles.All.Where(principal.IsInRole).All(roles.Contains);
    }
}
