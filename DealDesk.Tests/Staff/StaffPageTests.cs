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
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=staff-row]").Count));

        page.Find("[data-testid=add-staff]").Click();
        provider.WaitForAssertion(() => provider.Find("#invite-form"));
        provider.Find("#invite-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("Email is required.", provider.Find("[data-testid=invite-email]").TextContent));
        Assert.Contains("First name is required.", provider.Find("[data-testid=invite-first-name]").TextContent);
        Assert.Contains("Last name is required.", provider.Find("[data-testid=invite-last-name]").TextContent);

        provider.Find("[data-testid=invite-email] input").Change("june.park@northside.test");
        provider.Find("[data-testid=invite-first-name] input").Change("June");
        provider.Find("[data-testid=invite-last-name] input").Change("Park");
        provider.Find("#invite-form").Submit();

        provider.WaitForAssertion(() => Assert.Equal(16, provider.Find("[data-testid=temporary-password]").TextContent.Trim().Length), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=staff-row]"), r => r.GetAttribute("data-email") == "june.park@northside.test"));
    }
}
