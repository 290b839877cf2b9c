using Bunit;
using Bunit.TestDoubles;
using DealDesk.Data.Accounts;
using DealDesk.Data.Diagnostics;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Shared;
using DealDesk.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// The base of every bUnit test (the shape of MudBlazor's own suite): MudBlazor's services, loose JS
/// interop (MudBlazor's JS calls answer default values), the cross-cutting services a DealDesk page
/// injects, and a signed-in user whose dealership is the tenant. Feature services are faked by each
/// test at the service boundary, or come from a real test database.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected static readonly Guid DealershipId = Guid.Parse("0b7e0a52-55c1-4b5e-9d55-1f0a7f6d0001");
    protected static readonly Guid UserId = Guid.Parse("0b7e0a52-55c1-4b5e-9d55-1f0a7f6d0002");

    protected TenantContext Tenant { get; } = new();
    protected BunitAuthorizationContext Auth { get; }

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLogging();
        Services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        Services.AddSingleton(new DealDeskMetrics());
        Services.AddScoped<CorrelationScope>();
        Services.AddScoped<UiErrors>();
        Services.AddSingleton<DealDesk.Data.Notifications.ChangeFeed>(); // tests push changes with ChangeFeed's delivery method or a real listener
        Services.AddSingleton(Tenant);
        Services.AddSingleton<ITenantContext>(Tenant);
        Auth = AddAuthorization();
        SignInAs(manager: false);
    }

    /// <summary>The user the component acts for, as both the auth state and the tenant see it.</summary>
    protected void SignInAs(bool manager, string name = "Sam Seller")
    {
        Auth.SetAuthorized(name);
        Auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, UserId.ToString()),
            new System.Security.Claims.Claim(DealDeskClaims.DealershipId, DealershipId.ToString()),
            new System.Security.Claims.Claim(DealDeskClaims.DisplayName, name));
        Auth.SetRoles(manager ? Roles.Manager : Roles.Salesperson);
        if (manager) Auth.SetPolicies(DealDesk.Web.Accounts.Policies.Manager);
        Tenant.DealershipId = DealershipId;
        Tenant.UserId = UserId;
        Tenant.IsManager = manager;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's dialog services can only be disposed asynchronously; xUnit calls this before Dispose.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>Renders the providers a page's dialogs, popovers and snackbars need, and returns them.</summary>
    /// <summary>The providers, with the dialogs under the layout's phone region when one is given (as the app's layout does).</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider(string? phoneRegion = null)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        if (phoneRegion is null) return Render<MudDialogProvider>();
        return Render<CascadingValue<string>>(ps => ps
                .Add(c => c.Name, PhoneRegionCascade.Name).Add(c => c.Value, phoneRegion).AddChildContent<MudDialogProvider>())
            .FindComponent<MudDialogProvider>();
    }
}
