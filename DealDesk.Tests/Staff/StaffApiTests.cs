using System.Net;
using DealDesk.Data.Errors;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Staff;

/// <summary>/api/staff and /staff: managers only, their own dealership only, and changes reach the changed person's next request.</summary>
public sealed class StaffApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];
    static readonly DemoData.DemoDealership South = DemoData.Dealerships[1];

    Task<HttpClient> ManagerAsync(DemoData.DemoDealership d) => ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(d));

    [Fact]
    public async Task A_manager_adds_a_salesperson_who_signs_in_with_the_temporary_password()
    {
        using var manager = await ManagerAsync(North);

        var created = await ApiKit.PostAsync(manager, "/api/staff", new { email = "new.rep@northside.test", firstName = "Nia", lastName = "Reyes", role = "Salesperson" });

        Assert.True(created.Status == 201, created.ToString());
        var password = created.Data.GetProperty("temporaryPassword").GetString()!;
        Assert.Equal("Salesperson", created.Data.GetProperty("member").GetProperty("role").GetString());
        using var rep = await fixture.App.SignedInClientAsync("new.rep@northside.test", password);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/deals")).StatusCode);
        var list = await ApiKit.GetAsync(manager, "/api/staff");
        Assert.Contains(list.Data.EnumerateArray(), m => m.GetProperty("email").GetString() == "new.rep@northside.test");
        Assert.DoesNotContain("temporaryPassword", list.Body);
    }

    [Fact]
    public async Task Salespeople_get_403_and_anonymous_callers_401_on_every_staff_endpoint()
    {
        var demo = await fixture.Db.DemoAsync();
        using var sales = await ApiKit.ClientAsync(fixture.App, DemoData.SalesEmail(North, 1));
        using var anonymous = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var posts = new[] { "/api/staff", $"/api/staff/{demo.North.Sales2Id}/role", $"/api/staff/{demo.North.Sales2Id}/lock",
            $"/api/staff/{demo.North.Sales2Id}/unlock", $"/api/staff/{demo.North.Sales2Id}/reset-password" };

        Assert.Equal(403, (await ApiKit.GetAsync(sales, "/api/staff")).Status);
        Assert.Equal(401, (await ApiKit.GetAsync(anonymous, "/api/staff")).Status);
        foreach (var url in posts)
        {
            Assert.Equal(403, (await ApiKit.PostAsync(sales, url, new { role = "Manager", email = "x@y.test", firstName = "a", lastName = "b" })).Status);
            Assert.Equal(401, (await ApiKit.PostAsync(anonymous, url, new { role = "Manager" })).Status);
        }
    }

    [Fact]
    public async Task A_manager_of_another_dealership_cannot_touch_these_accounts()
    {
        var demo = await fixture.Db.DemoAsync();
        using var south = await ManagerAsync(South);

        ApiKit.AssertError(await ApiKit.PostAsync(south, $"/api/staff/{demo.North.Sales1Id}/lock", null), 403, ErrorCodes.MultiTenantViolation);
        var list = await ApiKit.GetAsync(south, "/api/staff");
        Assert.DoesNotContain(list.Data.EnumerateArray(), m => m.GetProperty("email").GetString()!.EndsWith("@northside.test"));
    }

    [Fact]
    public async Task Demoting_the_last_manager_is_a_typed_409()
    {
        var demo = await fixture.Db.DemoAsync();
        using var south = await ManagerAsync(South);

        ApiKit.AssertError(await ApiKit.PostAsync(south, $"/api/staff/{demo.South.ManagerId}/role", new { role = "Salesperson" }), 409, ErrorCodes.LastManager);
    }

    [Fact]
    public async Task A_locked_salesperson_is_out_on_the_very_next_request()
    {
        var demo = await fixture.Db.DemoAsync();
        using var rep = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(South, 2));
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/deals")).StatusCode);
        using var manager = await ManagerAsync(South);

        var locked = await ApiKit.PostAsync(manager, $"/api/staff/{demo.South.Sales2Id}/lock", null);

        Assert.True(locked.Status == 200, locked.ToString());
        HttpAssert.RedirectsTo(await rep.GetAsync("/deals"), "/login");
        await ApiKit.PostAsync(manager, $"/api/staff/{demo.South.Sales2Id}/unlock", null);
    }

    [Fact]
    public async Task A_promoted_salesperson_opens_the_staff_page_after_signing_in_again_and_not_before()
    {
        var demo = await fixture.Db.DemoAsync();
        using var rep = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 2));
        HttpAssert.RedirectsTo(await rep.GetAsync("/staff"), "/forbidden");
        using var manager = await ManagerAsync(North);

        Assert.Equal(200, (await ApiKit.PostAsync(manager, $"/api/staff/{demo.North.Sales2Id}/role", new { role = "Manager" })).Status);

        HttpAssert.RedirectsTo(await rep.GetAsync("/staff"), "/login"); // the old cookie's stamp no longer matches
        using var again = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 2));
        var page = await again.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull((await Html.ParseAsync(page)).QuerySelector("[data-testid=staff-grid]"));
        await ApiKit.PostAsync(manager, $"/api/staff/{demo.North.Sales2Id}/role", new { role = "Salesperson" });
    }
}
