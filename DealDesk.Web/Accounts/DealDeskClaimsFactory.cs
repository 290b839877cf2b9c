using System.Security.Claims;
using DealDesk.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DealDesk.Web.Accounts;

/// <summary>Puts the user's dealership and display name into the cookie and the bearer token.</summary>
internal sealed class DealDeskClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DealDeskClaims.DealershipId, user.DealershipId.ToString()));
        identity.AddClaim(new Claim(DealDeskClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
