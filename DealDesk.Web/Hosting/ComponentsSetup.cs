using DealDesk.Web.Accounts;
using DealDesk.Web.Components.Pages.Deals.Components;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;

namespace DealDesk.Web.Hosting;

internal static class ComponentsSetup
{
    /// <summary>Interactive server components, MudBlazor, and what a circuit needs to act as its user.</summary>
    public static void AddDealDeskComponents(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents()
            .RegisterPersistentService<DealDraftStore>(RenderMode.InteractiveServer); // the deal dialog's draft outlives a paused circuit
        services.AddScoped<DealDraftStore>();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddScoped<CorrelationScope>();
        services.AddScoped<CircuitHandler, CircuitCorrelationHandler>();
        services.AddScoped<CircuitHandler, CircuitTenantHandler>();
        services.AddScoped<UiErrors>();
        services.AddScoped<DealershipClock>();
        services.AddScoped<DealDesk.Web.Components.Pages.Deals.Quotes.IQuoteDesk, DealDesk.Web.Components.Pages.Deals.Quotes.QuoteDesk>(); // the quote editor's services, in-process
    }
}
