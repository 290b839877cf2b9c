using DealDesk.Data;
using DealDesk.Data.Notifications;
using DealDesk.Data.Seeding;
using DealDesk.Web.Accounts;
using DealDesk.Web.Components;
using DealDesk.Web.Endpoints;
using DealDesk.Web.Errors;
using DealDesk.Web.Hosting;
using DealDesk.Web.WhatsApp;
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
        services.AddDealDeskAccounts(builder.Configuration);
        services.AddQuoteSaveRateLimit(builder.Configuration); // RateLimits:QuoteSaves, per user, on the quote API's writes
        services.AddDealDeskComponents();
        builder.AddWhatsApp(embeddedDemo: database.Embedded is not null); // settings, Cloud API or local client, outbox sender
        builder.AddDealDeskTelemetry(); // monitoring sampler, health checks, alert webhook, OpenTelemetry export
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // unreadable requests reach BadRequests, in every environment
        services.AddProblemDetails();
        services.AddHttpContextAccessor();
    }

    public static void UseDealDeskPipeline(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseDealDeskTelemetry();
        app.UseDealDeskRequestLogging();
        app.UseExceptionHandler(ErrorPages.Options());
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"),
            api => api.UseStatusCodePages(async ctx =>
            {
                var http = ctx.HttpContext;
                if (http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
                var error = ApiErrors.ForStatus(http.Response.StatusCode);
                await http.Response.WriteAsJsonAsync(ErrorBody.From(error, http.TraceIdentifier));
            }));
        // Not for the circuit hub either: its 401 must reach blazor.web.js as a status, not as a page.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/account")
                && !ctx.Request.Path.StartsWithSegments("/_blazor"),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        app.MapStaticAssets();
        app.CloseAccountEndpoints();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authentication: quote saves are limited per user
        app.UseAntiforgery();

        // Everything requires a signed-in user unless it says [AllowAnonymous]; RouteAuthorizationTests checks every endpoint.
        app.MapAccountEndpoints();
        app.MapDealApi();
        app.MapQuoteApi();
        app.MapStaffApi(); // /api/staff (managers)
        app.MapSettingsApi(); // /api/settings (managers)
        app.MapCustomerApi(); // /api/customers/{id}, POST/PUT, merge (managers)
        app.MapVehicleApi();
        app.MapLeadApi();
        app.MapWhatsAppWebhook(); // anonymous: the signature is its authentication
        app.MapDealDeskTelemetry(); // /api/db/* (managers), /health/live and /health/ready (anonymous)
        // Pages and the circuit hub need a signed-in user; sign-in and the status pages say [AllowAnonymous].
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
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
