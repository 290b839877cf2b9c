using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Accounts;

/// <summary>After authentication: the signed-in user's dealership becomes the request's tenant.</summary>
internal sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            tenant.DealershipId = context.User.DealershipId();
            tenant.UserId = context.User.UserId();
            tenant.IsManager = context.User.IsInRole(DealDesk.Data.Accounts.Roles.Manager);
        }
        return next(context);
    }
}
