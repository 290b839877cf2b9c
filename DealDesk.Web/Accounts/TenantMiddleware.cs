using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Accounts;

/// <summary>After authentication: the signed-in user's dealership becomes the request's tenant (API and static pages).</summary>
internal sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        CircuitTenantHandler.Apply(tenant, context.User);
        return next(context);
    }
}
