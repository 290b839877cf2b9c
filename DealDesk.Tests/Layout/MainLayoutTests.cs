using Bunit;
using DealDesk.Data.Notifications;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Layout;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Layout;

/// <summary>The layout of an open circuit follows the dealership's settings: a rename or a new country arrives without a reload.</summary>
public sealed class MainLayoutTests : DatabaseComponentTest, IClassFixture<DatabaseFixture>
{
    public MainLayoutTests(DatabaseFixture fixture) : base(fixture) =>
        Services.AddScoped<DealDesk.Web.Components.Pages.Deals.Components.DealDraftStore>(); // the layout's draft resume

    /// <summary>Shows the phone region the layout cascades to its pages.</summary>
    sealed class RegionProbe : ComponentBase
    {
        [CascadingParameter(Name = PhoneRegionCascade.Name)] public string? Region { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "region");
            builder.AddContent(2, Region);
            builder.CloseElement();
        }
    }

    [Fact]
    public async Task A_saved_rename_and_country_reach_the_app_bar_and_the_pages_of_an_open_circuit()
    {
        var north = await SignInAsDemo(manager: false);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // the live circuit, which subscribes to changes
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => { b.OpenComponent<RegionProbe>(0); b.CloseComponent(); })));
        await layout.WaitForAssertionAsync(() => Assert.Equal("Northside Motors", layout.Find("[data-testid=dealership-name]").TextContent.Trim()), Wait);
        Assert.Equal("US", layout.Find("#region").TextContent);

        await Db.ExecuteAsync("UPDATE dealerships SET name = 'Northside Motors of London', country = 'GB' WHERE id = $1", north.DealershipId);
        var feed = Services.GetRequiredService<ChangeFeed>();
        feed.Deliver(new Change(north.DealershipId, ChangeKinds.DealChanged, Guid.NewGuid()));
        feed.Deliver(new Change(north.DealershipId, ChangeKinds.SettingsChanged, north.DealershipId));

        await layout.WaitForAssertionAsync(() =>
        {
            Assert.Equal("Northside Motors of London", layout.Find("[data-testid=dealership-name]").TextContent.Trim());
            Assert.Equal("GB", layout.Find("#region").TextContent);
        }, Wait);
    }
}
