using DealDesk.Data;
using DealDesk.Data.Notifications;
using DealDesk.Data.Seeding;
using DealDesk.Web.Accounts;
using DealDesk.Web.Components;
using DealDesk.Web.Endpoints;
using DealDesk.Web.Errors;
using DealDesk.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DealDesk.Web;

/// <summary>The app's service registrations and request pipeline, so Program.cs stays a page long.</summary>
internal static class Extensions
{
    public static void AddDealDeskServices(this WebApplicationBuilder builder, DatabaseStartup database)
    {
        var services = builder.Services;
        services.AddDealDeskData(database.Target, database.Settings);
        services.AddChangeNotifications(); // one LISTEN connection per instance; pages subscribe to ChangeFeed
        if (database.Embedded is { } embedded) services.AddSingleton(embedded); // Program stops it after the host
        services.AddSingleton<DemoSeeder>();
        services.AddDealDeskAccounts();
        services.AddQuoteSaveRateLimit(builder.Configuration); // RateLimits:QuoteSaves, per user, on the quote API's writes
        services.AddRazorComponents();
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddProblemDetails();
        services.AddHttpContextAccessor();
    }

    public static void UseDealDeskPipeline(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        // A fresh DI scope for the re-executed error page: the failed render may have left scoped services mid-use.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"),
            api => api.UseStatusCodePages(async ctx =>
            {
                var http = ctx.HttpContext;
                if (http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
                var error = ApiErrors.ForStatus(http.Response.StatusCode);
                await http.Response.WriteAsJsonAsync(ErrorBody.From(error, http.TraceIdentifier));
            }));
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/account"),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        app.UseStaticFiles();
        app.CloseAccountEndpoints();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authentication: quote saves are limited per user
        app.UseAntiforgery();

        // Everything requires a signed-in user unless it says [AllowAnonymous]; RouteAuthorizationTests checks every endpoint.
        app.MapAccountEndpoints();
        var secured = app.MapGroup("").RequireAuthorization();
        secured.MapInventoryEndpoints();
        secured.MapDealPages();
        secured.MapQuickQuotePages();
        app.MapDealApi();
        app.MapQuoteApi();
        app.MapRazorComponents<App>().RequireAuthorization();
    }

    public static void AnnounceUrls(this WebApplication app, DatabaseStartup database)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var where = database.Embedded is null ? "configured PostgreSQL" : $"embedded PostgreSQL on port {database.Embedded.Port}";
            foreach (var address in addresses)
                app.Logger.LogInformation("DealDesk is running at {Url} ({Database}). Ctrl+C stops it.", address, where);
        });
    }
}
