using Bunit;
using DealDesk.Tests.Infrastructure;
using StaffPage = DealDesk.Web.Components.Pages.Staff.Staff;

namespace DealDesk.Tests.Staff;

/// <summary>The Staff page and its add dialog on the real services: field errors from the validator, then the temporary password shown once.</summary>
public sealed class StaffPageTests(DatabaseFixture fixture) : DatabaseComponentTest(fixture), IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Adding_a_salesperson_checks_the_fields_then_shows_the_temporary_password_and_the_new_row()
    {
        await SignInAsDemo(manager: true);
        var provider = RenderDialogProvider();
        var page = Render<StaffPage>();
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=staff-row]").Count), Wait);

        page.Find("[data-testid=add-staff]").Click();
        await provider.WaitForAssertionAsync(() => provider.Find("#invite-form"), Wait);
        provider.Find("#invite-form").Submit();

        await provider.WaitForAssertionAsync(() => Assert.Contains("Email is required.", FieldText(provider, "invite-email")), Wait);
        Assert.Contains("First name is required.", FieldText(provider, "invite-first-name"));
        Assert.Contains("Last name is required.", FieldText(provider, "invite-last-name"));

        Input(provider, "invite-email").Change("june.park@northside.test");
        Input(provider, "invite-first-name").Change("June");
        Input(provider, "invite-last-name").Change("Park");
        provider.Find("#invite-form").Submit();

        await provider.WaitForAssertionAsync(() => Assert.Equal(16, provider.Find("[data-testid=temporary-password]").TextContent.Trim().Length), Wait);
        await page.WaitForAssertionAsync(() => Assert.Contains(page.FindAll("[data-testid=staff-row]"), r => r.GetAttribute("data-email") == "june.park@northside.test"), Wait);
    }
}
