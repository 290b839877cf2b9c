using DealDesk.Data.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace DealDesk.Web.Endpoints;

internal static class AccountEndpoints
{
    private static readonly HashSet<string> ApiClientPaths = ["/account/login", "/account/refresh"];

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Identity's token endpoints for API clients: POST /account/login?useCookies=false → bearer token.
        // Only login and refresh are reachable (see CloseAccountEndpoints); they are anonymous by nature.
        app.MapGroup("/account").MapIdentityApi<AppUser>().AllowAnonymous();

        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // No form fields are bound here, so the antiforgery check must be explicit.
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await signIn.SignOutAsync();
            return Results.Redirect("/login");
        }).RequireAuthorization().DisableAntiforgery();
    }

    /// <summary>
    /// Accounts are provisioned per dealership: self-registration, password reset and the manage
    /// endpoints stay closed. Runs before routing, so a closed endpoint is a 404 whatever the body.
    /// </summary>
    public static void CloseAccountEndpoints(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/account") && !ApiClientPaths.Contains(path.Value!.TrimEnd('/').ToLowerInvariant()))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
    }
}
