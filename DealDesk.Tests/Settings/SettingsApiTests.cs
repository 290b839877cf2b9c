using System.Text;
using DealDesk.Data.Errors;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Settings;

/// <summary>GET/PUT /api/settings and /settings: a manager's own dealership only.</summary>
public sealed class SettingsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];
    static readonly DemoData.DemoDealership South = DemoData.Dealerships[1];

    static Task<ApiKit.Reply> PutAsync(HttpClient client, string json) =>
        ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Put, "/api/settings") { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    [Fact]
    public async Task A_manager_reads_and_changes_their_dealerships_settings_only()
    {
        using var north = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(North));
        using var south = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(South));
        var settings = (await ApiKit.GetAsync(north, "/api/settings")).Data.GetRawText();
        Assert.Contains("\"name\":\"Northside Motors\"", settings);

        var saved = await PutAsync(north, settings.Replace("\"defaultApr\":6.9", "\"defaultApr\":5.9"));

        Assert.True(saved.Status == 200, saved.ToString());
        Assert.Equal("defaultApr", saved.Data.GetProperty("changes")[0].GetProperty("field").GetString());
        Assert.Equal(5.9m, (await ApiKit.GetAsync(north, "/api/settings")).Data.GetProperty("defaultApr").GetDecimal());
        Assert.Equal(7.4m, (await ApiKit.GetAsync(south, "/api/settings")).Data.GetProperty("defaultApr").GetDecimal());
    }

    [Fact]
    public async Task The_lead_settings_round_trip_and_another_dealerships_whatsapp_number_id_is_a_typed_409_naming_the_field()
    {
        using var south = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(South));
        var settings = (await ApiKit.GetAsync(south, "/api/settings")).Data.GetRawText();
        Assert.Contains("\"whatsAppPhoneNumberId\":\"109000000000002\"", settings);
        Assert.Contains("\"leadRoundRobin\":false", settings);

        var saved = await PutAsync(south, settings.Replace("\"leadRoundRobin\":false", "\"leadRoundRobin\":true"));
        Assert.True(saved.Status == 200, saved.ToString());
        Assert.True((await ApiKit.GetAsync(south, "/api/settings")).Data.GetProperty("leadRoundRobin").GetBoolean());

        var before = await DbSnapshot.TakeAsync(fixture.Db);
        var taken = await PutAsync(south, settings.Replace("109000000000002", "109000000000001")); // Northside's
        ApiKit.AssertError(taken, 409, ErrorCodes.ValidationFailed);
        Assert.Contains("whatsAppPhoneNumberId", taken.Body);
        await before.AssertUnchangedAsync(fixture.Db);
    }

    [Fact]
    public async Task Salespeople_get_403_anonymous_callers_401_and_a_bad_body_a_typed_400()
    {
        using var sales = await ApiKit.ClientAsync(fixture.App, DemoData.SalesEmail(North, 1));
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(North));
        using var anonymous = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var before = await DbSnapshot.TakeAsync(fixture.Db);

        Assert.Equal(403, (await ApiKit.GetAsync(sales, "/api/settings")).Status);
        Assert.Equal(403, (await PutAsync(sales, "{}")).Status);
        Assert.Equal(401, (await ApiKit.GetAsync(anonymous, "/api/settings")).Status);
        Assert.Equal(401, (await PutAsync(anonymous, "{}")).Status);
        var malformed = await PutAsync(manager, "{\"docFee\": \"lots\"");
        Assert.Equal(400, malformed.Status);
        ApiKit.AssertError(await PutAsync(manager, "{\"name\": \"\", \"timeZone\": \"Nowhere/City\"}"), 400, ErrorCodes.ValidationFailed);
        await before.AssertUnchangedAsync(fixture.Db);
    }

    [Fact]
    public async Task A_salesperson_is_sent_to_the_forbidden_page_from_settings_and_staff()
    {
        using var sales = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));
        using var manager = await fixture.App.SignedInClientAsync(DemoData.ManagerEmail(North));

        HttpAssert.RedirectsTo(await sales.GetAsync("/settings"), "/forbidden");
        HttpAssert.RedirectsTo(await sales.GetAsync("/staff"), "/forbidden");
        var page = await Html.ParseAsync(await manager.GetAsync("/settings"));
        Assert.NotNull(page.QuerySelector("[data-testid=save-settings]"));
        var inventory = await Html.ParseAsync(await sales.GetAsync("/inventory"));
        Assert.DoesNotContain(inventory.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") is "/staff" or "/settings");
        Assert.Contains(inventory.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "/customers");
    }
}
