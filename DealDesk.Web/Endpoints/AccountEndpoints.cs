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
        // Accounts are provisioned per dealership, so self-registration and the rest stay closed.
        app.MapGroup("/account")
            .MapIdentityApi<AppUser>()
            .AllowAnonymous()
            .AddEndpointFilter(async (ctx, next) =>
                ApiClientPaths.Contains(ctx.HttpContext.Request.Path.Value?.TrimEnd('/') ?? "")
                    ? await next(ctx)
                    : Results.NotFound());

        app.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/login");
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());  // a plain form post: the token is checked
    }
}
