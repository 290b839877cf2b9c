using DealDesk.Data.Errors;

namespace DealDesk.Web.Errors;

/// <summary>On API groups: a service's typed failure becomes the JSON error contract.</summary>
internal sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DealDeskException ex)
        {
            return ex.Error.ToResult(context.HttpContext);
        }
    }
}
