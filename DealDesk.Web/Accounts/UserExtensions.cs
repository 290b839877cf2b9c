using System.Security.Claims;
using DealDesk.Data.Accounts;

namespace DealDesk.Web.Accounts;

public static class UserExtensions
{
    public static Guid? DealershipId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(DealDeskClaims.DealershipId), out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DealDeskClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
